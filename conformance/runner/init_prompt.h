// The questions `oauth-conformance init` asks on a terminal for what the survey cannot find and
// the flags did not give: the primary client and user, a protected resource, the scope, and the
// other roles of the catalog. Never asks for a secret, only for the name of the environment
// variable that will hold it. Streams in and out (main passes std::cin and std::cerr); no I/O
// of its own, no network.
#pragma once

#include <istream>
#include <ostream>

#include "conformance/runner/profile_draft.h"

namespace ock::conformance::runner {

// Fills the missing items of answers from the user's replies; an empty reply skips an optional
// item, end of input stops asking.
void ask_missing(InitAnswers& answers, const SurveyFindings& found, std::istream& in,
                 std::ostream& out);

}  // namespace ock::conformance::runner
