#!/usr/bin/env python3
"""Compares two trees written by ci/reports (e.g. reports/examples and a fresh regeneration):
per target, the same cases with the same verdicts and baseline marks; the same rows in the
comparison matrix (compare.md). Timestamps, durations, ports, tokens and exchanges are ignored.

  compare_verdicts.py COMMITTED_DIR FRESH_DIR [--tolerate ID]...

A tolerated case (latency-dependent verdicts on a busy machine) may differ; the difference is
printed but does not fail. Exit 0 when equal, 1 when not, 2 on unreadable input."""
import json
import os
import sys

TARGETS = ("reference", "django-oauth-toolkit")


def verdicts(path):
    with open(path, encoding="utf-8") as f:
        report = json.load(f)
    return {r["id"]: (r["verdict"], r.get("baseline")) for r in report["results"]}


def matrix_rows(path):
    with open(path, encoding="utf-8") as f:
        return {line.split("|")[1].strip(): line.strip() for line in f
                if line.startswith("| `")}


def main(argv):
    args, tolerated = [], set()
    it = iter(argv[1:])
    for a in it:
        if a == "--tolerate":
            tolerated.add(next(it, ""))
        else:
            args.append(a)
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    committed, fresh = args
    problems, notes = [], []
    try:
        for t in TARGETS:
            a = verdicts(os.path.join(committed, t, "report.json"))
            b = verdicts(os.path.join(fresh, t, "report.json"))
            for case in sorted(set(a) | set(b)):
                if case not in a or case not in b:
                    problems.append(f"{t}: {case} is only in the "
                                    f"{'committed' if case in a else 'fresh'} report")
                elif a[case] != b[case]:
                    line = (f"{t}: {case}: committed {a[case][0]}"
                            f"{' (baseline ' + a[case][1] + ')' if a[case][1] else ''}, "
                            f"fresh {b[case][0]}"
                            f"{' (baseline ' + b[case][1] + ')' if b[case][1] else ''}")
                    (notes if case in tolerated else problems).append(line)
        ma = matrix_rows(os.path.join(committed, "compare.md"))
        mb = matrix_rows(os.path.join(fresh, "compare.md"))
        for case in sorted(set(ma) | set(mb)):
            if ma.get(case) != mb.get(case) and case.strip("`") not in tolerated:
                problems.append(f"compare.md: row {case}: committed {ma.get(case)!r}, fresh {mb.get(case)!r}")
        for f in ("compare.html",) + tuple(os.path.join(t, n) for t in TARGETS
                                            for n in ("report.md", "report.html")):
            if not os.path.getsize(os.path.join(fresh, f)):
                problems.append(f"{f} is empty in the fresh tree")
    except (OSError, ValueError, KeyError) as e:
        print(f"compare_verdicts: cannot read the reports: {e}", file=sys.stderr)
        return 2
    for n in notes:
        print(f"tolerated (timing-sensitive): {n}")
    for p in problems:
        print(f"DIFFERENT: {p}")
    if problems:
        print(f"{len(problems)} difference(s): regenerate with ci/reports and commit "
              "reports/examples if the change is intended")
        return 1
    print("same verdicts as the committed examples")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
