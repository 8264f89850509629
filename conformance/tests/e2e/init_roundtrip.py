#!/usr/bin/env python3
"""The two halves of an `oauth-conformance init` round trip (init_roundtrip.sh here and
tests/thirdparty/django_init_roundtrip.sh):

  init_roundtrip.py flags FIXTURE ENV_FILE [--supported-scopes] > FLAGS   (NUL-separated)
      The init flags that describe what a hand-written profile knows and a server cannot tell:
      clients, users, scopes, resources, timing, login, allow_destructive, logs_command. Never
      the endpoints, the issuer or the grants: init must find those itself. Secrets go into
      ENV_FILE as `export NAME=value` lines and the flags name the variables only.
      --supported-scopes also passes scopes.supported (for a server without metadata).
  init_roundtrip.py compare FIXTURE_REPORT INIT_REPORT [--tolerate ID]...
      The same case ids with the same verdicts in both report.json files; a tolerated
      (timing-sensitive) case may differ, printed. Exit 0 when equal, 1 when not."""
import json
import shlex
import sys


def flags(fixture_path, env_path, supported):
    with open(fixture_path, encoding="utf-8") as f:
        p = json.load(f)
    out, env = ["--name", p["name"]], []

    def secret(kind, role, value):
        name = f"OCK_RT_{kind}_{role.upper()}"
        env.append(f"export {name}={shlex.quote(value)}")
        return name

    for role, c in p.get("clients", {}).items():
        out += ["--client", f"{role}={c['id']}"]
        if c.get("secret"):
            out += ["--client-secret-env", f"{role}={secret('CLIENT_SECRET', role, c['secret'])}"]
        if c.get("auth_method"):
            out += ["--client-auth", f"{role}={c['auth_method']}"]
        if c.get("redirect_uri"):
            out += ["--redirect-uri", f"{role}={c['redirect_uri']}"]
    for role, u in p.get("users", {}).items():
        out += ["--user", f"{role}={u['username']}",
                "--password-env", f"{role}={secret('USER_PASSWORD', role, u['password'])}"]
    scopes = p.get("scopes", {})
    if scopes.get("request") is not None:
        out += ["--scope", scopes["request"]]
    if scopes.get("denied"):
        out += ["--denied-scope", scopes["denied"]]
    if supported:
        for s in scopes.get("supported", []):
            out += ["--supported-scope", s]
    for r in p["resources"]:
        out += ["--resource", f"{r['name']}={r.get('method', 'GET')}:{r['path']}"]
        if r.get("requires_scope"):
            out += ["--resource-scope", f"{r['name']}={r['requires_scope']}"]
        if "json" in r:
            out += ["--resource-json", f"{r['name']}={json.dumps(r['json'])}"]
    for k, v in p.get("timing", {}).items():
        out += ["--timing", f"{k}={v}"]
    login = p.get("login", {})
    for k, v in login.get("form", {}).items():
        out += ["--login", f"{k}={v}"]
    if login.get("command"):
        out += ["--login", f"command={login['command']}"]
    if p.get("allow_destructive"):
        out.append("--allow-destructive")
    if p.get("logs_command"):
        out += ["--logs-command", p["logs_command"]]
    with open(env_path, "w", encoding="utf-8") as f:
        f.write("\n".join(env) + "\n")
    sys.stdout.write("\0".join(out) + "\0")
    return 0


def compare(a_path, b_path, tolerated):
    def verdicts(path):
        with open(path, encoding="utf-8") as f:
            return {r["id"]: r["verdict"] for r in json.load(f)["results"]}

    a, b = verdicts(a_path), verdicts(b_path)
    problems = []
    for case in sorted(set(a) | set(b)):
        va, vb = a.get(case, "absent"), b.get(case, "absent")
        if va == vb:
            continue
        line = f"{case}: hand-written profile {va}, init's profile {vb}"
        if case in tolerated:
            print(f"tolerated (timing-sensitive): {line}")
        else:
            problems.append(line)
    for p in problems:
        print(f"DIFFERENT: {p}")
    counts = {}
    for v in a.values():
        counts[v] = counts.get(v, 0) + 1
    print(f"{len(a)} cases, {len(problems)} different verdicts "
          f"({', '.join(f'{n} {v}' for v, n in sorted(counts.items()))} with the hand-written profile)")
    return 1 if problems else 0


def main(argv):
    if len(argv) >= 4 and argv[1] == "flags":
        return flags(argv[2], argv[3], "--supported-scopes" in argv[4:])
    if len(argv) >= 4 and argv[1] == "compare":
        tolerated = {argv[i + 1] for i in range(4, len(argv) - 1) if argv[i] == "--tolerate"}
        return compare(argv[2], argv[3], tolerated)
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
