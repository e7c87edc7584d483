#!/usr/bin/env python3
"""Which functions each of make prove's two WP processes proves.

WP builds, simplifies and prints every goal in one process: on 2 cores a
single run leaves a core idle while it does.  `make prove-wp` runs two,
each over every file of src/ (so a goal's cache key is the one a single
run gives) but each on its share of the functions: the first on the
functions printed on line 1 (-wp-fct), the second on all others (line 2
is what it skips).  The share is balanced by the committed report's counts
and costs of each function (report.py); a function the report does not know yet goes to
the second, as do the lemmas.

The inline functions of safepoll_loop.h are one static copy per unit that
includes the header (safepoll_event, safepoll_event_0, ...).  Their
contracts and bodies are the same text, so proving one proves all: this
checks that every copy, as Frama-C parsed it, is the first one renamed,
fails if not, and has the second process skip the copies.

usage: plan.py PRINTED_C REPORT_JSON INLINE SKIP
  PRINTED_C    Frama-C's -print of src/ (make prove-assumed writes it)
  REPORT_JSON  the committed proofs/report.json (weights; may be absent)
  INLINE       the inline functions, comma-separated
  SKIP         the functions WP skips anyway, comma-separated
"""
import json
import re
import sys

from assumed import DEF


def fail(why):
    sys.exit("plan.py: " + why)


def definitions(path):
    """Each function definition's text, its contract included, by name."""
    with open(path) as f:
        code = f.read()
    defs = {}
    for d in DEF.finditer(code):
        defs.setdefault(d["name"], []).append(d.group(0))
    return defs


def copies(defs, inline):
    """The copies of each inline function, checked to be its text."""
    out = []
    for base in inline:
        if base not in defs:
            fail("%s: no definition in Frama-C's print" % base)
        names = sorted(n for n in defs if re.fullmatch(
            re.escape(base) + r"_\d+", n))
        rename = re.compile(r"\b%s_\d+\b" % re.escape(base))
        # The printer aligns a header's continuation lines on the name.
        def text_of(t):
            return " ".join(rename.sub(base, t).split())
        first = text_of(defs[base][0])
        for name in [base] + names:
            for text in defs[name]:
                if text_of(text) != first:
                    fail("%s is not the same text as %s: each copy must "
                         "be proved then (drop it from PROVE_INLINE)"
                         % (name, base))
        out += names
    return out


def weights(path):
    """Each function's share of the work, from the committed report: the
    mean of its share of goals and smoke tests and its share of the cost
    report.py measured.  Either alone was 1.5 to 3 minutes off in a cold
    run (the counts miss how much bigger some goals are, the cost misses
    WP's work outside Qed and the provers)."""
    try:
        with open(path) as f:
            funcs = json.load(f)["functions"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    count = {n: e.get("goals", 0) + e.get("smoke", 0)
             for n, e in funcs.items()}
    cost = {n: e.get("cost", 0) for n, e in funcs.items()}
    nc, nt = sum(count.values()) or 1, sum(cost.values()) or 1
    return {n: count[n] / nc + cost[n] / nt for n in funcs}


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    printed, report, inline, skip = sys.argv[1:]
    inline = [n for n in inline.split(",") if n]
    skip = [n for n in skip.split(",") if n]
    defs = definitions(printed)
    dup = copies(defs, inline)
    w = weights(report)
    # -wp-fct selects a function by its name in the source, so all the
    # copies of an inline function at once: they stay with the second
    # process, which skips them by their own names.
    known = sorted((n for n in defs if n in w and n not in skip
                    and n not in dup and n not in inline),
                   key=lambda n: (-w[n], n))
    # All that the two do: every function proved, and the lemmas.
    total = sum(w.get(n, 0) for n in defs if n not in skip and n not in dup) \
        + sum(v for n, v in w.items() if n.startswith("(lemmas"))
    first, load = [], 0
    for n in known:
        if load + w[n] <= total / 2:
            first.append(n)
            load += w[n]
    if not first:
        fail("no function to give the first WP process")
    print(",".join(sorted(first)))
    print(",".join(skip + dup + sorted(first)))


if __name__ == "__main__":
    main()
