#!/usr/bin/env python3
"""Turns WP's JSON report (-wp-report-json) into proofs/report.txt and
proofs/report.json: per function, goals proved/total and by prover, smoke
tests apart.  Fails (exit 1) when a goal is not proved, a smoke test
fails, or a function of the floor (the committed report) has no goal in
this run: it left the proof.  A function's goal count may fall (an
assertion that was only a hint removed), not its presence.

Each function also gets a cost, in seconds, from the WP logs: what
proofs/plan.py balances the two WP processes by.  It is not part of what
a run settles: a report whose only change is its costs is not rewritten.

usage: report.py OUT_TXT OUT_JSON FLOOR_JSON WP_JSON... [WP_LOG...]
  (one WP_JSON and one WP_LOG per WP process; FLOOR_JSON may be {})
"""
import json
import re
import sys

PROVERS = [("qed", "Qed"), ("Z3:4.8.12", "Z3"), ("CVC4:1.8", "CVC4")]


def prover_name(key):
    for k, name in PROVERS:
        if key == k:
            return name
    return key.split(":")[0]


def load_functions(paths):
    funcs = {}
    for path in paths:
        with open(path) as f:
            add_functions(funcs, json.load(f))
    return funcs


def add_functions(funcs, data):
    # Lemmas are goals too: each axiomatic block (and the lemmas outside
    # any, keyed "") is listed as one entry beside the functions.
    sections = list(data.get("wp:functions", {}).items())
    for name, goals in data.get("wp:axiomatics", {}).items():
        sections.append(("(lemmas%s)" % (" " + name if name else ""), goals))
    for func, goals in sections:
        entry = funcs.setdefault(func, {"goals": 0, "proved": 0, "smoke": 0,
                                        "smoke_passed": 0, "by": {}})
        for goal, results in goals.items():
            if goal == "wp:section" or not isinstance(results, dict):
                continue
            main = results.get("wp:main", {})
            ok = main.get("valid", 0) >= 1 and \
                main.get("valid", 0) == main.get("total", 0)
            if "_wp_smoke_" in goal:
                # A smoke test passes when no prover finds the contract
                # inconsistent; WP counts that as its "valid".
                entry["smoke"] += 1
                entry["smoke_passed"] += 1 if ok else 0
                continue
            entry["goals"] += 1
            if not ok:
                continue
            entry["proved"] += 1
            # The first prover that succeeded, in the order WP tries them.
            for key, name in PROVERS:
                if results.get(key, {}).get("valid", 0) >= 1:
                    entry["by"][name] = entry["by"].get(name, 0) + 1
                    break


GOAL = re.compile(r"(Goal|Smoke-test) typed_(\w+) : ")
TIME = re.compile(r"\((Qed:)?([0-9.]+)(ms|s)\)")


def add_costs(funcs, logs):
    """WP's own work on a goal grows with its simplification (Qed) time,
    about three times over; a prover's is its time; a smoke test that
    passes costs its 1 s limit."""
    names = sorted(funcs, key=len, reverse=True)
    for path in logs:
        with open(path) as f:
            for line in f:
                m = GOAL.search(line)
                if not m:
                    continue
                func = next((n for n in names
                             if m.group(2).startswith(n + "_")), None)
                if func is None:
                    continue
                cost = 1.0 if m.group(1) == "Smoke-test" else 0.0
                for qed, t, unit in TIME.findall(line):
                    t = float(t) / (1 if unit == "s" else 1000)
                    cost += 3 * t if qed or "[Qed]" in line else t
                e = funcs[func]
                e["cost"] = round(e.get("cost", 0) + cost, 1)


def settled_of(total, funcs):
    """A report without its prover split: what a run settles."""
    keep = ("goals", "proved", "smoke", "smoke_passed")
    return ({k: total[k] for k in keep},
            {f: {k: e[k] for k in keep} for f, e in funcs.items()})


def settled(path):
    try:
        with open(path) as f:
            old = json.load(f)
        return settled_of(old["total"], old["functions"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def main():
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    out_txt, out_json, floor_path = sys.argv[1:4]
    funcs = load_functions([a for a in sys.argv[4:] if a.endswith(".json")])
    add_costs(funcs, [a for a in sys.argv[4:] if not a.endswith(".json")])
    total = {"goals": 0, "proved": 0, "smoke": 0, "smoke_passed": 0, "by": {}}
    for e in funcs.values():
        for k in ("goals", "proved", "smoke", "smoke_passed"):
            total[k] += e[k]
        for p, n in e["by"].items():
            total["by"][p] = total["by"].get(p, 0) + n
    names = [n for _, n in PROVERS]
    lines = ["safepoll: what `make prove` proves (Frama-C 25 WP, -wp-rte, "
             "CVC4 1.8; Z3 4.8.12 too with PROVE_PROVERS=cvc4,z3)",
             "Written by make prove from WP's report; do not edit.",
             "",
             "goals proved %d / %d; smoke tests passed %d / %d" %
             (total["proved"], total["goals"], total["smoke_passed"],
              total["smoke"]),
             "proved by: " + ", ".join("%s %d" % (n, total["by"].get(n, 0))
                                       for n in names),
             "",
             "%-32s %9s %6s %5s %5s %6s" % ("function or lemmas", "proved", "Qed", "Z3",
                                           "CVC4", "smoke")]
    for func in sorted(funcs):
        e = funcs[func]
        lines.append("%-32s %9s %6d %5d %5d %6s" % (
            func, "%d/%d" % (e["proved"], e["goals"]),
            e["by"].get("Qed", 0), e["by"].get("Z3", 0),
            e["by"].get("CVC4", 0), "%d/%d" % (e["smoke_passed"], e["smoke"])))
    # Which prover answers first varies from run to run: a report that
    # differs from the one on disk only in that split is not rewritten, so
    # that make check leaves the tree as it found it.
    if settled(out_json) != settled_of(total, funcs):
        with open(out_txt, "w") as f:
            f.write("\n".join(lines) + "\n")
        with open(out_json, "w") as f:
            json.dump({"total": total, "functions": funcs}, f, indent=1,
                      sort_keys=True)
            f.write("\n")
    failed = False
    if total["proved"] != total["goals"]:
        print("prove: %d of %d goals not proved" %
              (total["goals"] - total["proved"], total["goals"]))
        failed = True
    if total["smoke_passed"] != total["smoke"]:
        print("prove: %d smoke tests failed (a contract makes code dead)" %
              (total["smoke"] - total["smoke_passed"]))
        failed = True
    if floor_path:
        try:
            with open(floor_path) as f:
                floor = set(json.load(f)["functions"])
        except (OSError, ValueError, KeyError, TypeError):
            floor = set()
        gone = sorted(f for f in floor if funcs.get(f, {}).get("goals", 0) == 0)
        if gone:
            print("prove: in the committed proofs/report.json but not "
                  "proved now: %s (a function left the proof; if it left "
                  "the source, make prove-cache writes the new report)" %
                  ", ".join(gone))
            failed = True
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
