#!/usr/bin/python3
"""Checks the published JSON Schemas of docs/schema/ (target profile, baseline, report.json).

  check_formats.py SRC_DIR [RUNNER]        every schema against its metaschema; every fixture
                                           profile and baseline, the faults profile and the
                                           example reports against theirs; negative controls;
                                           with RUNNER (oauth-conformance), variants of a profile
                                           that the schema and `RUNNER validate` must judge alike
  check_formats.py --report FILE [FILE..]  report.json files of a fresh run (e2e)
"""
import copy
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

import jsonschema

SRC = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
failures = []


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def validator(src, name):
    schema = load(os.path.join(src, "docs", "schema", name + ".schema.json"))
    return jsonschema.Draft202012Validator(schema)


def problems(v, doc):
    return ["%s: %s" % ("/".join(str(p) for p in e.absolute_path) or "(top)", e.message)
            for e in sorted(v.iter_errors(doc), key=lambda e: list(map(str, e.absolute_path)))]


def expect_valid(v, doc, what):
    found = problems(v, doc)
    if found:
        failures.append("%s does not match its schema:\n    %s" % (what, "\n    ".join(found[:10])))
    else:
        print("ok: %s" % what)


def expect_invalid(v, doc, what, needle):
    found = problems(v, doc)
    if not any(needle in p for p in found):
        failures.append("negative control accepted: %s (wanted an error naming %r, got %s)"
                        % (what, needle, found or "none"))
    else:
        print("ok: rejected %s" % what)


def files(src, pattern):
    found = sorted(glob.glob(os.path.join(src, pattern)))
    if not found:
        failures.append("nothing matches %s: the check would be empty" % pattern)
    return found


def expect_schema_line(path, doc, name):
    """A fixture's "$schema" must point at its schema by a path relative to the fixture."""
    ref = doc.get("$schema")
    target = os.path.join(os.path.dirname(path), ref) if isinstance(ref, str) else None
    wanted = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(path))),
                          "docs", "schema", name + ".schema.json")
    if target is None or os.path.normpath(target) != os.path.normpath(wanted):
        failures.append('%s: "$schema" should be the relative path of docs/schema/%s.schema.json'
                        % (path, name))


def absolute_paths(d):
    d.pop("base_url")
    d["endpoints"] = {k: "http://h" + v for k, v in d["endpoints"].items()}
    for r in d["resources"]:
        r["path"] = "http://h" + r["path"]


# Variants of fixtures/targets/reference.json: (what, change). The schema must accept exactly
# those that `oauth-conformance validate` loads without an error or a warning.
VARIANTS = [
    ("a public client with client_secret_basic and no secret",
     lambda d: d["clients"]["public"].update(auth_method="client_secret_basic")),
    ("a login recipe {}", lambda d: d.update(login={})),
    ("a login recipe with neither form nor command", lambda d: d.update(login={"comment": "x"})),
    ("a login command", lambda d: d.update(login={"command": "login {url}"})),
    ("a resource with url instead of path", lambda d: d["resources"].append({"url": "http://x/y"})),
    ("a resource without path or url", lambda d: d["resources"].append({"name": "n"})),
    ("no resources", lambda d: d.update(resources=[])),
    ("grants []", lambda d: d.update(grants=[])),
    ("grants null", lambda d: d.update(grants=None)),
    ("a user without a password", lambda d: d["users"]["primary"].pop("password")),
    ("a comment in scopes", lambda d: d["scopes"].update(comment="x")),
    ("an unknown field in login.form", lambda d: d["login"]["form"].update(colour="x")),
    ("max_wait_s as a string of digits", lambda d: d["timing"].update(max_wait_s="30")),
    ("max_wait_s negative", lambda d: d["timing"].update(max_wait_s=-1)),
    ("max_wait_s 30.5", lambda d: d["timing"].update(max_wait_s=30.5)),
    ("max_wait_s from ${env:...:-12}",
     lambda d: d["timing"].update(max_wait_s="${env:OCK_NOPE:-12}")),
    ("allow_destructive \"false\"", lambda d: d.update(allow_destructive="false")),
    ("allow_destructive \"yes\"", lambda d: d.update(allow_destructive="yes")),
    ("allow_destructive from ${env:...:-true}",
     lambda d: d.update(allow_destructive="${env:OCK_NOPE:-true}")),
    ("auth_method from ${env:...}",
     lambda d: d["clients"]["primary"].update(auth_method="${env:OCK_NOPE:-client_secret_post}")),
    ("auth_method private_key_jwt",
     lambda d: d["clients"]["primary"].update(auth_method="private_key_jwt")),
    ("a relative redirect_uri", lambda d: d["clients"]["code"].update(redirect_uri="/cb")),
    ("an empty redirect_uri", lambda d: d["clients"]["code"].update(redirect_uri="")),
    ("a base_url without a scheme", lambda d: d.update(base_url="127.0.0.1")),
    ("no base_url and relative paths", lambda d: d.pop("base_url")),
    ("no base_url and absolute URLs", absolute_paths),
    ("a comment among the clients", lambda d: d["clients"].update(comment="x")),
    ("endpoints null", lambda d: d.update(endpoints=None)),
    ("tls, users and scopes.supported null",
     lambda d: (d.update(tls=None, users=None), d["scopes"].update(supported=None))),
    ("an unterminated ${env:", lambda d: d.update(logs_command="${env:OCK_NOPE")),
    ("an empty name", lambda d: d.update(name="")),
    ("an empty secret", lambda d: d["clients"]["second"].update(secret="")),
]


def check_variants(src, runner, v):
    good = load(os.path.join(src, "fixtures/targets/reference.json"))
    env = dict(os.environ, OCK_TARGET_URL="http://127.0.0.1:8000")
    env.pop("OCK_NOPE", None)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "profile.json")
        for what, change in VARIANTS:
            doc = copy.deepcopy(good)
            change(doc)
            with open(path, "w", encoding="utf-8") as f:
                json.dump(doc, f)
            schema_ok = not problems(v, doc)
            run = subprocess.run([runner, "validate", "--target", path], env=env,
                                 capture_output=True, text=True)
            runner_ok = run.returncode == 0 and "warning" not in run.stdout + run.stderr
            if schema_ok != runner_ok:
                failures.append("%s: the schema %s it, oauth-conformance validate %s it:\n    %s"
                                % (what, "accepts" if schema_ok else "refuses",
                                   "accepts" if runner_ok else "refuses",
                                   (run.stderr.strip() or run.stdout.strip()).splitlines()[0]))
            else:
                print("ok: both %s %s" % ("accept" if schema_ok else "refuse", what))


def check_sources(src, runner):
    rel = lambda p: os.path.relpath(p, src)
    profile, baseline, report = (validator(src, n) for n in ("profile", "baseline", "report"))
    for name, v in (("profile", profile), ("baseline", baseline), ("report", report)):
        try:
            jsonschema.Draft202012Validator.check_schema(v.schema)
            print("ok: docs/schema/%s.schema.json is a valid draft 2020-12 schema" % name)
        except jsonschema.SchemaError as e:
            failures.append("docs/schema/%s.schema.json: %s" % (name, e.message))

    for path in files(src, "fixtures/targets/*.json"):
        doc = load(path)
        expect_valid(profile, doc, rel(path))
        expect_schema_line(path, doc, "profile")
    faults = os.path.join(src, "conformance/tests/faults/profile.json")
    expect_valid(profile, load(faults), rel(faults))
    for path in files(src, "fixtures/baselines/*.json"):
        doc = load(path)
        expect_valid(baseline, doc, rel(path))
        expect_schema_line(path, doc, "baseline")
    for path in files(src, "reports/examples/*/report.json"):
        expect_valid(report, load(path), rel(path))
    # docs/profile.md: its first JSON example is a profile, its second a baseline.
    with open(os.path.join(src, "docs/profile.md"), encoding="utf-8") as f:
        examples = re.findall(r"```json\n(.*?)```", f.read(), re.S)
    if len(examples) < 2:
        failures.append("docs/profile.md: expected a profile and a baseline example")
    else:
        expect_valid(profile, json.loads(examples[0]), "docs/profile.md's example profile")
        expect_valid(baseline, json.loads(examples[1]), "docs/profile.md's example baseline")

    # ${env:...} stands for numbers and booleans too (target_profile.cc opt_int, opt_bool).
    good = load(os.path.join(src, "fixtures/targets/reference.json"))
    env = copy.deepcopy(good)
    env["timing"]["max_wait_s"] = "${env:OCK_MAX_WAIT:-30}"
    env["timing"]["leeway_s"] = "7"
    env["allow_destructive"] = "${env:OCK_DESTRUCTIVE}"
    env["tls"]["insecure"] = "false"
    env["scopes"]["denied"] = None
    expect_valid(profile, env, "a profile with ${env:...} numbers and booleans and a null")

    # Negative controls: each must be refused, or the schemas catch nothing.
    bad = copy.deepcopy(good)
    bad["clients"]["primary"]["auth_methd"] = bad["clients"]["primary"].pop("auth_method")
    expect_invalid(profile, bad, "a profile with a misspelt field (auth_methd)", "auth_methd")
    bad = copy.deepcopy(good)
    bad["logs_comand"] = bad.pop("logs_command")
    expect_invalid(profile, bad, "a profile with a misspelt top-level field", "logs_comand")
    bad = copy.deepcopy(good)
    bad["timing"]["max_wait_s"] = "thirty"
    expect_invalid(profile, bad, "a profile with a word for a number", "max_wait_s")
    bad = copy.deepcopy(good)
    bad["base_url"] = "${env:OCK_TARGET_URL"
    expect_invalid(profile, bad, "a profile with an unterminated ${env:", "base_url")
    bad = copy.deepcopy(good)
    del bad["clients"]["second"]["secret"]
    expect_invalid(profile, bad, "a confidential client without a secret", "secret")

    sample = load(files(src, "reports/examples/*/report.json")[0])
    bad = copy.deepcopy(sample)
    del bad["summary"]
    expect_invalid(report, bad, "a report without its summary", "summary")
    bad = copy.deepcopy(sample)
    del bad["results"][0]["verdict"]
    expect_invalid(report, bad, "a report with a result without its verdict", "verdict")

    base = load(os.path.join(src, "fixtures/baselines/reference-http.json"))
    bad = copy.deepcopy(base)
    bad["expected"][0]["verdict"] = 1
    expect_invalid(baseline, bad, "a baseline whose verdict is a number", "verdict")
    bad = copy.deepcopy(base)
    bad["expected"] = {"id": "rs.*"}
    expect_invalid(baseline, bad, "a baseline whose expected is not an array", "expected")

    if runner:
        check_variants(src, runner, profile)


def main(argv):
    if argv[:1] == ["--report"] and len(argv) > 1:
        v = validator(SRC, "report")
        for path in argv[1:]:
            expect_valid(v, load(path), path)
    elif len(argv) in (1, 2) and not argv[0].startswith("-"):
        check_sources(os.path.abspath(argv[0]), argv[1] if len(argv) == 2 else None)
    else:
        sys.exit(__doc__)
    if failures:
        print("FAILED:\n  " + "\n  ".join(failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
