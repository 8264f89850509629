// oauth-conformance: the CLI of the README (run, list, explain, validate, compare, init). Parses
// flags, wires the profile, curl transport, runner, console and reporters; nothing else.
#include <malloc.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "conformance/catalog/catalog.h"
#include "conformance/engine/sleeper.h"
#include "conformance/init_cli.h"
#include "conformance/report/catalog_doc.h"
#include "conformance/report/compare_report.h"
#include "conformance/report/console.h"
#include "conformance/report/html_report.h"
#include "conformance/report/json_report.h"
#include "conformance/report/junit_report.h"
#include "conformance/report/markdown_report.h"
#include "conformance/runner/baseline.h"
#include "conformance/runner/runner.h"
#include "conformance/runner/source_address.h"
#include "conformance/runner/target_profile.h"
#include "conformance/transport/curl_transport.h"

#ifndef OCK_VERSION
#define OCK_VERSION "0.0.0"
#endif

namespace {

// SIGINT/SIGTERM: the run stops starting cases, aborts what is in flight, and writes the reports
// of what finished (exit 2). A second signal gets the default action.
std::atomic<bool> g_stop{false};
volatile std::sig_atomic_t g_signal = 0;

extern "C" void on_stop_signal(int sig) {
  g_signal = sig;
  g_stop = true;  // lock-free, so safe in a handler
  std::signal(sig, SIG_DFL);
}

namespace fs = std::filesystem;
using namespace ock::conformance;

struct RunFlags {
  std::string target;
  std::vector<std::string> only, skip;
  std::string mode = "rfc";
  std::string baseline;
  std::string report_dir;
  std::string format = "json,junit,md,html";
  int jobs = 8;
  int max_wait = -1;
  long long max_body_mib = 1;
  int deadline_s = 1800;
  int case_deadline_s = 300;
  std::string ca_file;
  bool insecure = false;
  std::string fail_on;
  bool no_color = false;
  bool quiet = false;
};

int fail_with(const std::string& message) {
  std::cerr << "oauth-conformance: " << message << "\n";
  return 2;
}

std::string safe_name(std::string name) {
  for (auto& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') c = '_';
  }
  return name.empty() ? "target" : name;
}

std::string find_on_path(const std::string& exe) {
  const char* path = std::getenv("PATH");
  if (!path) return "";
  std::stringstream ss(path);
  std::string dir;
  while (std::getline(ss, dir, ':')) {
    if (dir.empty()) continue;
    fs::path candidate = fs::path(dir) / exe;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
  }
  return "";
}

bool write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  return static_cast<bool>(out);
}

std::string refs_text(const std::vector<SpecRef>& refs) {
  std::string out;
  for (const auto& r : refs) {
    if (!out.empty()) out += ", ";
    out += r.doc + " \u00a7" + r.section;
  }
  return out;
}

// The --format list, each one checked.
Result<std::vector<std::string>, std::string> parse_formats(const std::string& list) {
  std::vector<std::string> formats;
  std::stringstream ss(list);
  std::string item;
  while (std::getline(ss, item, ',')) {
    if (item.empty()) continue;
    if (item != "json" && item != "junit" && item != "md" && item != "html")
      return fail("--format: unknown format \"" + item + "\" (json, junit, md, html)");
    formats.push_back(item);
  }
  return formats;
}

// The flags that make no sense, as the one sentence to print; nullopt when all are fine.
std::optional<std::string> bad_run_flag(const RunFlags& f) {
  if (!runner::parse_mode(f.mode))
    return "--mode: expected rfc, strict or bcp, got \"" + f.mode + "\"";
  if (!f.fail_on.empty() && f.fail_on != "warn")
    return "--fail-on: only \"warn\" is supported, got \"" + f.fail_on + "\"";
  if (f.jobs < 1) return "--jobs: must be at least 1";
  if (f.deadline_s < 1) return "--deadline: must be at least 1 second";
  if (f.case_deadline_s < 1) return "--case-deadline: must be at least 1 second";
  if (f.max_body_mib < 1 || f.max_body_mib > 4096)
    return "--max-body: expected 1 to 4096 MiB, got " + std::to_string(f.max_body_mib);
  return std::nullopt;
}

// The profile with the command line's overrides applied.
Result<runner::LoadedProfile, std::string> prepare_profile(const RunFlags& f) {
  auto loaded = runner::load_profile(f.target, runner::process_env());
  if (!loaded) return fail(loaded.error());
  for (const auto& w : loaded->warnings) std::cerr << "oauth-conformance: warning: " << w << "\n";
  auto& profile = loaded->profile;
  if (!f.ca_file.empty()) profile.tls.ca_file = f.ca_file;
  if (f.insecure) profile.tls.insecure = true;
  if (f.max_wait >= 0) profile.timing.max_wait_s = f.max_wait;
  if (!profile.tls.ca_file.empty() && !fs::exists(profile.tls.ca_file))
    return fail("tls.ca_file: " + profile.tls.ca_file + " does not exist");
  profile.testssl_path = find_on_path("testssl.sh");
  return loaded;
}

report::ConsoleOptions console_options(const RunFlags& f) {
  report::ConsoleOptions copts;
  copts.tty = ::isatty(STDOUT_FILENO) == 1;
  copts.color = copts.tty && !f.no_color && std::getenv("NO_COLOR") == nullptr;
  const char* gha = std::getenv("GITHUB_ACTIONS");
  copts.github_actions = gha && std::string(gha) == "true";
  copts.quiet = f.quiet;
  return copts;
}

// Writes the asked-for reports into dir; the format that could not be written, if any.
std::optional<std::string> write_reports(const fs::path& dir,
                                         const std::vector<std::string>& formats,
                                         const RunReport& report) {
  for (const auto& fmt : formats) {
    bool ok = true;
    if (fmt == "json") ok = write_file(dir / "report.json", report::to_json(report));
    if (fmt == "junit") ok = write_file(dir / "junit.xml", report::to_junit(report));
    if (fmt == "md") ok = write_file(dir / "report.md", report::to_markdown(report));
    if (fmt == "html") ok = write_file(dir / "report.html", report::to_html(report));
    if (!ok) return fmt;
  }
  return std::nullopt;
}

int cmd_run(const RunFlags& f) {
  if (auto bad = bad_run_flag(f)) return fail_with(*bad);
  auto formats = parse_formats(f.format);
  if (!formats) return fail_with(formats.error());
  auto loaded = prepare_profile(f);
  if (!loaded) return fail_with(loaded.error());
  const engine::Profile& profile = loaded->profile;
  runner::RunOptions options{.mode = *runner::parse_mode(f.mode),
                             .only = f.only,
                             .skip = f.skip,
                             .jobs = f.jobs,
                             .runner_version = OCK_VERSION,
                             .profile_sha256 = loaded->sha256,
                             .stop_flag = &g_stop,
                             .stop_reason =
                                 [] {
                                   return std::string("interrupted by ") +
                                          (g_signal == SIGINT ? "SIGINT" : "SIGTERM");
                                 },
                             .deadline = std::chrono::seconds(f.deadline_s),
                             .case_deadline = std::chrono::seconds(f.case_deadline_s)};
  if (!f.baseline.empty()) {
    auto b = runner::load_baseline(f.baseline);
    if (!b) return fail_with(b.error());
    options.baseline = std::move(*b);
  }
  report::Console console(std::cout, console_options(f));
  options.on_case_finished = [&](const CaseResult& r, int done, int total) {
    console.case_finished(r);
    console.progress(done, total);
  };
  auto catalog = catalog::build_catalog();
  const auto selected = runner::select_cases(catalog, f.only, f.skip);
  if (selected.empty()) {
    std::cerr << "oauth-conformance: no case matches the --only/--skip selection\n";
    return 3;
  }
  // A loopback address of its own for each destructive case, when the target is on loopback.
  auto destructive =
      std::count_if(selected.begin(), selected.end(), [](const Case* c) { return c->destructive; });
  options.destructive_sources = runner::spare_loopback_sources(
      runner::target_urls(profile), static_cast<std::size_t>(destructive));
  fs::path dir = f.report_dir.empty() ? fs::path("reports") / safe_name(profile.name) /
                                            engine::utc_now("%Y%m%dT%H%M%SZ")
                                      : fs::path(f.report_dir);
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return fail_with("--report-dir: cannot create " + dir.string() + ": " + ec.message());
  transport::CurlTransport transport(
      {.ca_file = profile.tls.ca_file,
       .insecure = profile.tls.insecure,
       .max_body = static_cast<std::size_t>(f.max_body_mib) * 1024 * 1024,
       .abort = &g_stop});
  engine::RealSleeper sleeper(&g_stop);
  std::signal(SIGINT, on_stop_signal);
  std::signal(SIGTERM, on_stop_signal);
  auto outcome = runner::Runner(catalog, profile, transport, sleeper, std::move(options)).run();
  for (const auto& s : outcome.stale_entries) std::cerr << "oauth-conformance: " << s << "\n";
  if (outcome.breaker_tripped)
    std::cerr << "oauth-conformance: the target stopped answering (circuit breaker tripped)\n";
  if (outcome.stopped)
    std::cerr << "oauth-conformance: the run ended early (" << outcome.report.incomplete
              << "); the reports hold what finished\n";
  if (auto failed = write_reports(dir, *formats, outcome.report))
    return fail_with("cannot write the " + *failed + " report into " + dir.string());
  if (!f.quiet) {
    bool html = std::find(formats->begin(), formats->end(), "html") != formats->end();
    std::cout << "reports written to " << dir.string() << "/" << (html ? " (open report.html)" : "")
              << "\n";
  }
  console.finish(outcome.report);  // ends with the closing line `N passed, N failed, N skipped`
  return runner::exit_code(outcome, f.fail_on == "warn");
}

int cmd_list(const std::string& format) {
  auto catalog = catalog::build_catalog();
  if (format == "markdown") {
    std::cout << report::catalog_markdown(catalog.cases(), catalog::kCatalogVersion);
    return 0;
  }
  if (format == "json") {
    auto arr = nlohmann::json::array();
    for (const auto& c : catalog.cases()) {
      auto refs = nlohmann::json::array();
      for (const auto& r : c.refs) refs.push_back({{"doc", r.doc}, {"section", r.section}});
      arr.push_back({{"id", c.id},
                     {"area", c.area},
                     {"level", to_string(c.level)},
                     {"refs", refs},
                     {"title", c.title}});
    }
    std::cout << arr.dump(2) << "\n";
    return 0;
  }
  if (format != "text")
    return fail_with("--format: expected text, json or markdown, got \"" + format + "\"");
  for (const auto& c : catalog.cases()) {
    std::cout << c.id << "  [" << to_string(c.level) << "]  " << refs_text(c.refs) << "\n    "
              << c.title << "\n";
  }
  std::cout << catalog.cases().size() << " cases\n";
  return 0;
}

int cmd_explain(const std::string& id) {
  auto catalog = catalog::build_catalog();
  const auto* c = catalog.find(id);
  if (!c)
    return fail_with("explain: no case with id \"" + id + "\" (see `oauth-conformance list`)");
  std::cout << c->id << "\n  " << c->title << "\n\n";
  std::cout << "Area:        " << c->area << "\n";
  std::cout << "Lives in:    conformance/catalog/cases/" << c->area << ".cc\n";
  std::cout << "Level:       " << to_string(c->level) << "\n";
  std::cout << "Rests on:    " << refs_text(c->refs) << "\n";
  std::cout << "Requirement: " << c->requirement << "\n";
  if (!c->sends.empty()) std::cout << "Sends:       " << c->sends << "\n";
  if (!c->passes.empty()) std::cout << "Passes:      " << c->passes << "\n";
  if (!c->needs.empty()) {
    std::cout << "Needs:      ";
    for (auto n : c->needs) std::cout << " [" << to_string(n) << "]";
    std::cout << "\n";
  }
  if (!c->after.empty()) {
    std::cout << "After:      ";
    for (const auto& a : c->after) std::cout << " " << a;
    std::cout << "\n";
  }
  if (c->destructive) {
    std::cout << "Destructive: only with allow_destructive: true; runs beside the other cases "
                 "from a source address of its own (a loopback target), else last and alone\n";
  }
  return 0;
}

int cmd_validate(const std::string& target) {
  auto loaded = runner::load_profile(target, runner::process_env());
  if (!loaded) return fail_with(loaded.error());
  for (const auto& w : loaded->warnings) std::cerr << "oauth-conformance: warning: " << w << "\n";
  auto p = loaded->profile;
  p.testssl_path = find_on_path("testssl.sh");
  std::cout << "profile \"" << p.name << "\" is valid\n";
  std::cout << "  token endpoint: " << p.token_url << "\n";
  auto catalog = catalog::build_catalog();
  int skipped = 0;
  for (const auto& c : catalog.cases()) {
    if (auto why = runner::static_skip_reason(c, p)) {
      ++skipped;
      std::cout << "  would skip " << c.id << ": " << *why << "\n";
    }
  }
  std::cout << catalog.cases().size() - static_cast<std::size_t>(skipped) << " of "
            << catalog.cases().size() << " cases can run with this profile\n";
  return 0;
}

int cmd_compare(const std::vector<std::string>& inputs, const std::string& out) {
  std::vector<RunReport> reports;
  for (const auto& path : inputs) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail_with("compare: cannot read " + path);
    std::stringstream ss;
    ss << in.rdbuf();
    try {
      reports.push_back(report::from_json(ss.str()));
    } catch (const std::exception& e) {
      return fail_with("compare: " + path + ": " + e.what());
    }
  }
  std::string text;
  auto ext = fs::path(out).extension().string();
  if (ext == ".html")
    text = report::compare_html(reports);
  else if (ext == ".md")
    text = report::compare_markdown(reports);
  else
    return fail_with("--out: the file name must end in .html or .md");
  if (!write_file(out, text)) return fail_with("compare: cannot write " + out);
  std::cout << "comparison written to " << out << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
#ifdef __GLIBC__
  // glibc gives the run's threads (one per case running, one per concurrent send) up to 8
  // malloc arenas per core, each keeping what it freed: 2 halve the runner's peak RSS.
  mallopt(M_ARENA_MAX, 2);
#endif
  std::signal(SIGPIPE, SIG_IGN);  // a target that drops a connection must not kill the run
  transport::CurlGlobal curl_global;
  CLI::App app{"oauth-conformance: grades an OAuth 2.0 server against the conformance catalog",
               "oauth-conformance"};
  app.set_version_flag("--version", std::string("oauth-conformance ") + OCK_VERSION);
  app.require_subcommand(1);

  RunFlags rf;
  auto* run = app.add_subcommand("run", "run the catalog against a target");
  run->add_option("--target", rf.target, "target profile (JSON)")->required();
  run->add_option("--only", rf.only, "run only cases matching this glob (repeatable)");
  run->add_option("--skip", rf.skip, "skip cases matching this glob (repeatable)");
  run->add_option("--mode", rf.mode, "rfc (default), strict or bcp");
  run->add_option("--baseline", rf.baseline, "known deviations of the target (JSON)");
  run->add_option("--report-dir", rf.report_dir,
                  "where reports go (default reports/<target>/<UTC timestamp>/)");
  run->add_option("--format", rf.format, "comma-separated: json,junit,md,html (default all)");
  run->add_option("--jobs", rf.jobs, "cases run at the same time (default 8)");
  run->add_option("--max-wait", rf.max_wait, "longest wait for expiry cases, seconds");
  run->add_option("--deadline", rf.deadline_s,
                  "seconds the whole run may take (default 1800); then it stops, as on SIGTERM, "
                  "and writes the reports of what finished (exit 2)");
  run->add_option("--case-deadline", rf.case_deadline_s,
                  "seconds one case may take (default 300); then its requests are refused and "
                  "it ends in ERROR");
  run->add_option("--max-body", rf.max_body_mib,
                  "MiB of each reply body kept (default 1); the rest is read, counted in a "
                  "note and dropped");
  run->add_option("--ca-file", rf.ca_file, "PEM bundle that signs the target's certificate");
  run->add_flag("--insecure", rf.insecure,
                "do not verify TLS certificates (recorded in the report)");
  run->add_option("--fail-on", rf.fail_on, "warn: exit 4 when only WARNs remain");
  run->add_flag("--no-color", rf.no_color, "no ANSI colours");
  run->add_flag("--quiet", rf.quiet, "only annotations and the closing line");

  std::string list_format = "text";
  auto* list = app.add_subcommand("list", "print the catalog: id, area, level, refs, title");
  list->add_option("--format", list_format,
                   "text (default), json, or markdown (the document docs/catalog.md)");

  std::string explain_id;
  auto* explain = app.add_subcommand("explain", "what a case sends and what passes");
  explain->add_option("ID", explain_id, "case id")->required();

  std::string validate_target;
  auto* validate = app.add_subcommand("validate", "check a target profile, reach nothing");
  validate->add_option("--target", validate_target, "target profile (JSON)")->required();

  std::vector<std::string> compare_inputs;
  std::string compare_out;
  auto* compare = app.add_subcommand("compare", "matrix of cases x targets from report.json files");
  compare->add_option("REPORT", compare_inputs, "report.json files")->required();
  compare->add_option("--out", compare_out, "output file (.html or .md)")->required();

  cli::InitFlags init_flags;
  auto* init = cli::add_init_command(app, init_flags);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "oauth-conformance: " << e.what() << " (see --help)\n";
    return 2;
  }
  try {
    if (*run) return cmd_run(rf);
    if (*list) return cmd_list(list_format);
    if (*explain) return cmd_explain(explain_id);
    if (*validate) return cmd_validate(validate_target);
    if (*compare) return cmd_compare(compare_inputs, compare_out);
    if (*init) return cli::run_init(init_flags);
  } catch (const std::exception& e) {
    return fail_with(std::string("internal error: ") + e.what());
  }
  return 2;
}
