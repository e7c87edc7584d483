#!/usr/bin/env python3
"""compare.py DIR BASE VARIANT...: judges libuv's test suite on each
VARIANT against BASE (the unmodified libuv), from DIR/<name>/tap.txt.

A variant fails when it fails a test that BASE passes, unless the
difference does not come back: each differing test is run again RERUNS
times on its own (run.sh), and one that passes in any rerun is listed as
flaky instead; so is one that fails in a rerun on BASE too (a test that
depends on this machine's network, say).  A test a variant is expected to fail until safepoll has
what the port needs is listed in <variant>.expected next to this script,
with the reason; such a test must fail, so that the list goes stale
visibly when the API arrives.  Every difference is printed either way."""
import os
import re
import subprocess
import sys

RERUNS = 5
HERE = os.path.dirname(os.path.abspath(__file__))
LINE = re.compile(r"^(not ok|ok) \d+ - (\S+)(?:\s+# SKIP\b\s*(.*))?")
PLAN = re.compile(r"^1\.\.(\d+)\s*$")


def parse(path):
    """{test: 'pass' | 'fail' | 'skip'} of a runner's TAP output."""
    try:
        with open(path, errors="replace") as f:
            text = f.read()
    except OSError as e:
        sys.exit("compare.py: cannot read %s: %s" % (path, e.strerror))
    plan, results = None, {}
    for line in text.splitlines():
        m = PLAN.match(line)
        if m and plan is None:
            plan = int(m.group(1))
        m = LINE.match(line)
        if m:
            status = "fail" if m.group(1) == "not ok" else "pass"
            if m.group(3) is not None and status == "pass":
                status = "skip"
            results[m.group(2)] = status
    if plan is None or len(results) != plan:
        sys.exit("compare.py: %s: the runner planned %s tests and reported "
                 "%d: it did not finish" % (path, plan, len(results)))
    return results


def expected(variant):
    """{test: reason} from <variant>.expected ('name  reason' lines)."""
    path = os.path.join(HERE, variant + ".expected")
    out = {}
    if not os.path.exists(path):
        return out
    with open(path) as f:
        for n, line in enumerate(f, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            name, _, reason = line.partition(" ")
            if not reason.strip():
                sys.exit("compare.py: %s:%d: '%s' gives no reason" %
                         (path, n, name))
            out[name] = reason.strip()
    return out


def rerun(dirname, variant, test):
    """How many of RERUNS runs of test alone pass on variant."""
    build = os.path.join(dirname, variant)
    passed = 0
    for _ in range(RERUNS):
        r = subprocess.run(
            ["sh", os.path.join(HERE, "run.sh"), build,
             os.path.join(build, "run"), test],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        passed += r.returncode == 0
    return passed


def counts(res):
    n = {"pass": 0, "fail": 0, "skip": 0}
    for status in res.values():
        n[status] += 1
    return "%d passed (%d of them skipped), %d failed, of %d" % (
        n["pass"] + n["skip"], n["skip"], n["fail"], len(res))


def main():
    if len(sys.argv) < 4:
        sys.exit("usage: compare.py DIR BASE VARIANT...")
    dirname, base_name, variants = sys.argv[1], sys.argv[2], sys.argv[3:]
    base = parse(os.path.join(dirname, base_name, "tap.txt"))
    print("libuv %s: %s" % (base_name, counts(base)))
    for t in sorted(t for t, s in base.items() if s == "fail"):
        print("  fails on %s too: %s" % (base_name, t))
    bad = 0
    for v in variants:
        res = parse(os.path.join(dirname, v, "tap.txt"))
        expect = expected(v)
        print("libuv %s: %s" % (v, counts(res)))
        if set(res) != set(base):
            for t in sorted(set(base) - set(res)):
                print("  FAIL %s: not run (runs on %s)" % (t, base_name))
            for t in sorted(set(res) - set(base)):
                print("  FAIL %s: not run on %s" % (t, base_name))
            bad += 1
        for t in sorted(set(res) & set(base)):
            b, r = base[t], res[t]
            if t in expect:
                if r == "fail" and rerun(dirname, v, t) == 0:
                    print("  expected %s: fails (%s)" % (t, expect[t]))
                else:
                    print("  FAIL %s: passes, but %s.expected says it fails "
                          "(%s): remove it there" % (t, v, expect[t]))
                    bad += 1
            elif b == r:
                continue
            elif r == "fail":
                k = rerun(dirname, v, t)
                kb = RERUNS if k else rerun(dirname, base_name, t)
                if k:
                    print("  flaky %s: failed in the suite, passed %d of %d "
                          "reruns" % (t, k, RERUNS))
                elif kb < RERUNS:
                    print("  flaky %s: fails in %d reruns on %s, and fails "
                          "in %d of %d on %s too" % (t, RERUNS, v,
                          RERUNS - kb, RERUNS, base_name))
                else:
                    print("  FAIL %s: fails on %s (and in %d reruns), "
                          "passes on %s (and in %d reruns)" % (t, v, RERUNS,
                          base_name, RERUNS))
                    bad += 1
            elif b == "fail":
                print("  note %s: passes on %s, fails on %s (%d of %d "
                      "reruns there pass)" % (t, v, base_name,
                      rerun(dirname, base_name, t), RERUNS))
            else:
                print("  FAIL %s: %s on %s, %s on %s" % (t, r, v, b,
                      base_name))
                bad += 1
    if bad:
        sys.exit("make test-libuv: %d difference(s) from %s" %
                 (bad, base_name))
    print("make test-libuv: every test %s passes passes on %s" %
          (base_name, ", ".join(variants)))


main()
