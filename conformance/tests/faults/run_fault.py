#!/usr/bin/python3
"""Negative-control driver: runs the real oauth-conformance against fault_server.py.

  run_fault.py --runner BIN [--fault NAME]     one run, checked against expectations.json
  run_fault.py --check-coverage                every fault of the server has an expectation

Without --fault the server is correct: the run must have zero FAIL, WARN and ERROR, and every
case must be PASS except the SKIPs listed under "correct_skips" (and, under --mode, the verdicts
of "correct_by_mode": bcp WARNs that the password grant is enabled). With --fault NAME, the cases
listed for that fault under "trips" (the case the fault is meant to trip) and "cascade" (cases
that legitimately judge the same defect) must have exactly the listed verdicts, and every other
case must keep its correct-server verdict: nothing new elsewhere. The tls.* cases are skipped:
tls.endpoints_https FAILs on any plain-http target by design and the other tls.* cases SKIP.
Standard library only.
"""
import argparse
import base64
import html
import json
import os
import re
import resource
import select
import shutil
import signal
import subprocess
import sys
import tempfile
from urllib.parse import quote, quote_plus
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SERVER = os.path.join(HERE, "fault_server.py")
PROFILE = os.path.join(HERE, "profile.json")
EXPECTATIONS = os.path.join(HERE, "expectations.json")
PYTHON = "/usr/bin/python3"
RUNNER_FLAGS = ["--skip", "tls.*", "--no-color", "--quiet", "--format", "json"]


def clean_env():
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    env.pop("PYTHONHOME", None)
    return env


def start_server(fault, work):
    cmd = [PYTHON, SERVER, "--log-file", os.path.join(work, "server.log"),
           "--count-file", os.path.join(work, "counts.json")]
    if fault:
        cmd += ["--fault", fault]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=clean_env())
    deadline = time.monotonic() + 20
    line = b""
    while time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stdout], [], [], 0.5)
        if ready:
            line = proc.stdout.readline()
            break
        if proc.poll() is not None:
            break
    m = re.match(rb"listening on (http://127\.0\.0\.1:\d+)", line)
    if not m:
        stop_server(proc)
        raise SystemExit("fault server did not start: %r" % line)
    return proc, m.group(1).decode()


def stop_server(proc):
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    if proc.stdout:
        proc.stdout.close()


def expected_verdicts(spec, fault, ids, mode=None):
    listed, otherwise = {}, None
    if fault and fault != "correct":
        entry = spec["faults"][fault]
        if mode:
            if mode not in entry.get("modes", {}):
                raise SystemExit("no expectations for fault %s under --mode %s" % (fault, mode))
            entry = entry["modes"][mode]
        listed.update(entry.get("trips", {}))
        listed.update(entry.get("judged", {}))
        listed.update(entry.get("cascade", {}))
        # "otherwise": the verdict of every case not listed (a hostile target that breaks
        # every token reply leaves the other cases without their prerequisites: SKIP)
        otherwise = entry.get("otherwise")
    out = {}
    for cid in ids:
        if cid in listed:
            out[cid] = listed[cid]
        elif otherwise:
            out[cid] = otherwise
        elif cid in spec.get("correct_by_mode", {}).get(mode or "rfc", {}):
            out[cid] = spec["correct_by_mode"][mode or "rfc"][cid]
        elif cid in spec["correct_skips"]:
            out[cid] = "SKIP"
        else:
            out[cid] = "PASS"
    return out, listed


def merged(base, extra):
    """base with extra's members laid over it, objects merged member by member."""
    out = dict(base)
    for k, v in extra.items():
        out[k] = merged(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def lower_hex(text):
    return re.sub("%[0-9A-F]{2}", lambda m: m.group(0).lower(), text)


def echo_forms(secret):
    """The forms a server may echo a secret in, made with Python's own encoders (not the
    runner's): raw, JSON-escaped (ASCII-only and HTML-safe), HTML-escaped, percent-encoded in
    both cases, form-encoded, base64 and base64url."""
    raw = secret.encode("utf-8")
    forms = {secret, json.dumps(secret)[1:-1], html.escape(secret),
             json.dumps(secret)[1:-1].replace("&", "\\u0026").replace("<", "\\u003c"),
             quote(secret, safe=""), lower_hex(quote(secret, safe="")),
             quote_plus(secret, safe=""), lower_hex(quote_plus(secret, safe="")),
             base64.b64encode(raw).decode(), base64.urlsafe_b64encode(raw).decode().rstrip("=")}
    return {f for f in forms if len(f) >= 8}


def secrets_in_reports(report_dir):
    """Every client secret and password of profile.json, in every echo form, searched in every
    report file (report.json also after decoding its strings)."""
    prof = json.load(open(PROFILE, encoding="utf-8"))
    secrets = [c["secret"] for c in prof["clients"].values() if c.get("secret")]
    secrets += [u["password"] for u in prof["users"].values()]
    # What the profile holds besides them (usernames, client ids, URLs) is no secret, even where
    # it shares a few characters with one ("fault-alice" and "fault-alice-password").
    public = [v for v in strings_in(prof) if v not in secrets]
    texts = {}
    for name in ("report.json", "junit.xml", "report.md", "report.html"):
        path = os.path.join(report_dir, name)
        if not os.path.exists(path):
            return ["no %s written" % name]
        texts[name] = open(path, encoding="utf-8", errors="replace").read()
    texts["report.json (decoded)"] = json.dumps(json.loads(texts["report.json"]),
                                                ensure_ascii=False)
    found = []
    for s in secrets:
        for form in echo_forms(s):
            for name, text in texts.items():
                if form in text:
                    found.append("%s: a secret (%s...) as %r..." % (name, s[:4], form[:10]))
        for name, text in texts.items():
            run = base64_hiding(text, s, public)
            if run:
                found.append("%s: a secret (%s...) decodable from base64 %r..." % (name, s[:4], run))
    return found


BASE64_RUN = re.compile(r"[A-Za-z0-9+/_-]{8,}")


def strings_in(value):
    """Every string inside a JSON value."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return [s for v in value for s in strings_in(v)]
    return []


def base64_hiding(text, secret, public=()):
    """A run of base64 or base64url in text from which 6 consecutive bytes of the secret (raw
    or form-encoded) decode, at any offset, once or twice over (base64 of a header holding a
    Basic credential); None if there is none. Six bytes that also occur in one of the `public`
    strings do not count. Independent of what the target echoed."""
    windows = set()
    for sent in (secret.encode("utf-8"), quote_plus(secret, safe="").encode("ascii")):
        windows.update(sent[k:k + 6] for k in range(len(sent) - 5))
    for p in public:
        for sent in (p.encode("utf-8"), quote_plus(p, safe="").encode("ascii")):
            windows.difference_update(sent[k:k + 6] for k in range(len(sent) - 5))
    def search(text, depth):
        for m in BASE64_RUN.finditer(text):
            run = m.group(0).replace("-", "+").replace("_", "/")
            for off in range(4):
                chunk = run[off:]
                if len(chunk) % 4 == 1:  # a lone character encodes no byte
                    chunk = chunk[:-1]
                chunk += "=" * (-len(chunk) % 4)  # the last 1 or 2 bytes
                try:
                    data = base64.b64decode(chunk, validate=True)
                except ValueError:
                    continue
                if any(data[k:k + 6] in windows for k in range(len(data) - 5)):
                    return m.group(0)[:12]
                if depth > 1 and search(data.decode("latin-1"), depth - 1):
                    return m.group(0)[:12]
        return None
    return search(text, 2)


def reports_invalid(report_dir):
    """All four reports are there and well-formed: report.json is JSON, junit.xml is XML,
    report.md and report.html are non-empty UTF-8 text (the page closed by </html>)."""
    import xml.etree.ElementTree as ET
    problems = []
    for name in ("report.json", "junit.xml", "report.md", "report.html"):
        path = os.path.join(report_dir, name)
        if not os.path.exists(path) or os.path.getsize(path) == 0:
            problems.append("no %s written" % name)
            continue
        try:
            text = open(path, encoding="utf-8").read()
            if name == "report.json":
                json.loads(text)
            elif name == "junit.xml":
                ET.fromstring(text)
            elif name == "report.html" and "</html>" not in text[-200:].lower():
                raise ValueError("does not end with </html>")
        except (ValueError, ET.ParseError) as e:
            problems.append("%s is not well-formed: %s" % (name, e))
    return problems


def fault_profile(spec, fault, work):
    """profile.json, or for a fault whose expectations carry "profile" (members laid over it,
    e.g. switching on the destructive brute-force case), that merged profile in `work`."""
    extra = spec["faults"].get(fault, {}).get("profile") if fault else None
    if not extra:
        return PROFILE
    path = os.path.join(work, "profile.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(merged(json.load(open(PROFILE, encoding="utf-8")), extra), f, indent=2)
    return path


def run(args):
    spec = json.load(open(EXPECTATIONS, encoding="utf-8"))
    if args.fault and args.fault not in spec["faults"]:
        raise SystemExit("no expectations for fault %s in %s" % (args.fault, EXPECTATIONS))
    work = tempfile.mkdtemp(prefix="ock-fault-%s-" % (args.fault or "correct"))
    proc, url = start_server(args.fault, work)
    try:
        env = clean_env()
        env["OCK_TARGET_URL"] = url
        env["OCK_FAULT_LOG"] = os.path.join(work, "server.log")
        cmd = [args.runner, "run", "--target", fault_profile(spec, args.fault, work), "--report-dir",
               os.path.join(work, "report")] + RUNNER_FLAGS
        scan = bool(args.fault and spec["faults"][args.fault].get("scan_reports"))
        if scan:  # every format, to be searched for the profile's secrets below
            cmd[cmd.index("json")] = "json,junit,md,html"
        if args.mode:
            cmd += ["--mode", args.mode]
        # "runner_args": further runner flags of a mode (e.g. a --deadline the run must beat)
        runner_args = spec["faults"][args.fault].get("runner_args", []) if args.fault else []
        cmd += runner_args
        t0 = time.monotonic()
        res = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             timeout=args.timeout)
        took = time.monotonic() - t0
        # The runner is the only child waited for so far (the server is still running), so the
        # children's peak RSS is the runner's (KiB on Linux).
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    finally:
        stop_server(proc)
    output = res.stdout.decode("utf-8", "replace")
    report_path = os.path.join(work, "report", "report.json")
    if not os.path.exists(report_path):
        print(output)
        raise SystemExit("no report.json (runner exit status %d); kept %s" % (res.returncode, work))
    report = json.load(open(report_path, encoding="utf-8"))
    got = {r["id"]: r for r in report["results"]}
    expect_as = args.expect_as or args.fault
    if expect_as and expect_as != "correct" and expect_as not in spec["faults"]:
        raise SystemExit("no expectations for %s in %s" % (expect_as, EXPECTATIONS))
    want, listed = expected_verdicts(spec, expect_as, got, args.mode)
    problems = []
    for cid in listed:
        if cid not in got:
            problems.append("%s: expected %s, but the case is not in the report" % (cid, listed[cid]))
    tolerated = spec.get("timing_tolerated", {})
    for cid, r in sorted(got.items()):
        if r["verdict"] != want[cid] and want[cid] == "PASS" and r["verdict"] == "WARN" \
                and cid in tolerated:
            off = {a["id"] for a in r.get("assertions", []) if a["verdict"] != "PASS"}
            if off and off <= set(tolerated[cid]["assertions"]):
                print("  note: %s WARN only on %s (timing under load, tolerated)"
                      % (cid, ", ".join(sorted(off))))
                continue
        if r["verdict"] != want[cid]:
            why = r.get("skip_reason") or r.get("reason") or ""
            where = "the tripped/cascade case" if cid in listed else "a case the fault must not touch"
            problems.append("%s (%s): expected %s, got %s: %s"
                            % (cid, where, want[cid], r["verdict"], why))
    # the runner's exit codes: 2 when a case could not be judged (ERROR), else 1 on a FAIL
    expect_rc = 2 if "ERROR" in listed.values() else 1 if "FAIL" in listed.values() else 0
    if res.returncode != expect_rc:
        problems.append("runner exit status %d, expected %d" % (res.returncode, expect_rc))
    if report.get("incomplete"):
        problems.append("the run is incomplete: %s" % report["incomplete"])
    if "--deadline" in runner_args:
        deadline = int(runner_args[runner_args.index("--deadline") + 1])
        if took > deadline:
            problems.append("the run took %.1f s, more than its --deadline %d s" % (took, deadline))
    if scan:
        problems += reports_invalid(os.path.join(work, "report"))
        problems += secrets_in_reports(os.path.join(work, "report"))
    # "server_counts": what the fault server counted (--count-file), e.g. redirect_elsewhere's
    # second listener must see no connection: the runner does not follow redirects
    want_counts = spec["faults"].get(args.fault, {}).get("server_counts") if args.fault else None
    if want_counts:
        try:
            counts = json.load(open(os.path.join(work, "counts.json"), encoding="utf-8"))
        except (OSError, ValueError) as e:
            counts = {}
            problems.append("no server counts: %s" % e)
        for name, n in sorted(want_counts.items()):
            if counts.get(name) != n:
                problems.append("server count %s is %s, expected %d" % (name, counts.get(name), n))
    # "server_counts_at_least": lower bounds, e.g. lockout_per_address's checks beside the lock:
    # the run did overlap other cases with it (else the mode would prove nothing about overlap)
    least = spec["faults"].get(args.fault, {}).get("server_counts_at_least") if args.fault else None
    if least:
        try:
            counts = json.load(open(os.path.join(work, "counts.json"), encoding="utf-8"))
        except (OSError, ValueError) as e:
            counts = {}
            problems.append("no server counts: %s" % e)
        for name, n in sorted(least.items()):
            if counts.get(name, 0) < n:
                problems.append("server count %s is %s, expected at least %d"
                                % (name, counts.get(name), n))
    max_rss = spec["faults"].get(args.fault, {}).get("max_rss_mb") if args.fault else None
    # Under ci/sanitize AddressSanitizer's shadow memory and quarantine put any run near 600 MB.
    if os.environ.get("OCK_SANITIZED"):
        max_rss = None
    if max_rss is not None and peak_mb > max_rss:
        problems.append("runner peak RSS %.0f MB, more than %d MB" % (peak_mb, max_rss))
    label = (args.fault or "correct server") + (" (--mode %s)" % args.mode if args.mode else "")
    print("%s: %d cases in %.1f s, exit %d, peak RSS %.0f MB, summary %s"
          % (label, len(got), took, res.returncode, peak_mb, report["summary"]))
    for cid, v in sorted(listed.items()):
        print("  %s -> %s (observed %s)" % (cid, v, got.get(cid, {}).get("verdict", "absent")))
    if problems:
        print("MISMATCH:")
        for p in problems:
            print("  " + p)
        if args.discard:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print("report kept in " + work)
        return 1
    shutil.rmtree(work, ignore_errors=True)
    return 0


def check_coverage():
    spec = json.load(open(EXPECTATIONS, encoding="utf-8"))
    out = subprocess.run([PYTHON, SERVER, "--list-faults"], env=clean_env(),
                         stdout=subprocess.PIPE, check=True).stdout.decode()
    served = {line.split()[0] for line in out.splitlines() if line.strip()}
    problems = []
    for name in sorted(served - set(spec["faults"])):
        problems.append("fault %s has no expectations" % name)
    for name in sorted(set(spec["faults"]) - served):
        problems.append("expectations for unknown fault %s" % name)
    verdicts = {"PASS", "FAIL", "WARN", "SKIP", "ERROR"}
    for name, entry in spec["faults"].items():
        if entry.get("driver") == "stop":  # run by --stop, not judged case by case
            continue
        for mode, e in [(None, entry)] + sorted(entry.get("modes", {}).items()):
            where = name + (" (mode %s)" % mode if mode else "")
            trips = e.get("trips", {})
            if mode not in (None, "strict", "bcp"):
                problems.append("fault %s: unknown mode" % where)
            if "judged" in e:  # a correct behaviour the runner once misjudged: any verdicts
                if not e["judged"] or any(v not in verdicts for v in e["judged"].values()):
                    problems.append("fault %s: judged names no or unknown verdicts" % where)
            elif not trips or any(v not in ("FAIL", "WARN") for v in trips.values()):
                problems.append("fault %s: trips must name FAIL/WARN verdicts" % where)
            if e.get("otherwise", "PASS") not in verdicts:
                problems.append("fault %s: otherwise names an unknown verdict" % where)
            if any(v not in verdicts for v in e.get("cascade", {}).values()):
                problems.append("fault %s: cascade names an unknown verdict" % where)
    print("%d faults, %d with expectations" % (len(served), len(spec["faults"])))
    for p in problems:
        print("  " + p)
    return 1 if problems else 0


STOPS = {
    # how the run is stopped, what the report must say, and the wall time allowed
    "deadline": (["--deadline", "6"], "deadline", 6 + 8),
    "sigterm": ([], "SIGTERM", 4 + 8),
}


def stop_run(args):
    """--stop deadline|sigterm: the whole catalog against slow_replies (every answer after 2 s),
    stopped by --deadline 6 or by SIGTERM after 4 s. The run must end soon after, exit 2, and
    write all four reports, report.json saying why it is incomplete."""
    flags, reason, limit = STOPS[args.stop]
    work = tempfile.mkdtemp(prefix="ock-stop-%s-" % args.stop)
    proc, url = start_server("slow_replies", work)
    try:
        env = clean_env()
        env["OCK_TARGET_URL"] = url
        env["OCK_FAULT_LOG"] = os.path.join(work, "server.log")
        report_dir = os.path.join(work, "report")
        cmd = [args.runner, "run", "--target", PROFILE, "--report-dir", report_dir,
               "--skip", "tls.*", "--no-color", "--quiet"] + flags
        t0 = time.monotonic()
        runner = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if args.stop == "sigterm":
            time.sleep(4)
            runner.send_signal(signal.SIGTERM)
        output = runner.communicate(timeout=args.timeout)[0].decode("utf-8", "replace")
        took = time.monotonic() - t0
    finally:
        stop_server(proc)
    problems = []
    if runner.returncode != 2:
        problems.append("exit status %d, expected 2" % runner.returncode)
    if took > limit:
        problems.append("the run took %.1f s, more than %d s" % (took, limit))
    for name in ("report.json", "junit.xml", "report.md", "report.html"):
        path = os.path.join(report_dir, name)
        if not os.path.exists(path) or os.path.getsize(path) == 0:
            problems.append("no %s written" % name)
    try:
        report = json.load(open(os.path.join(report_dir, "report.json"), encoding="utf-8"))
        import xml.etree.ElementTree as ET
        ET.parse(os.path.join(report_dir, "junit.xml"))
        if reason not in report.get("incomplete", ""):
            problems.append("report.json's incomplete is %r, expected it to name %s"
                            % (report.get("incomplete"), reason))
        summary = report["summary"]
    except (OSError, ValueError, KeyError) as e:
        problems.append("the reports do not parse: %s" % e)
        summary = None
    print("stop by %s: %.1f s, exit %d, summary %s" % (args.stop, took, runner.returncode, summary))
    if problems:
        print(output[-3000:])
        print("MISMATCH:\n  " + "\n  ".join(problems) + "\nkept " + work)
        return 1
    shutil.rmtree(work, ignore_errors=True)
    return 0


def main():
    # ctest's timeout and Ctrl-C end the driver through its finally blocks: the server is stopped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runner", help="the oauth-conformance executable")
    ap.add_argument("--fault", help="the fault to switch on (default: a correct server)")
    ap.add_argument("--expect-as", metavar="NAME",
                    help="judge the run by another fault's expectations ('correct': none); "
                         "the driver's own negative control")
    ap.add_argument("--mode", choices=["strict", "bcp"],
                    help="runner mode; the fault's expectations then come from its \"modes\" entry")
    ap.add_argument("--discard", action="store_true",
                    help="remove the report even on a mismatch (default: keep it and say where)")
    ap.add_argument("--timeout", type=int, default=180, help="seconds for one runner run")
    ap.add_argument("--check-coverage", action="store_true")
    ap.add_argument("--stop", choices=sorted(STOPS),
                    help="stop a run against slow_replies by --deadline or SIGTERM (see stop_run)")
    args = ap.parse_args()
    if args.check_coverage:
        return check_coverage()
    if not args.runner:
        ap.error("--runner is required")
    if args.stop:
        return stop_run(args)
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
