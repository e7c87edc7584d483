#!/usr/bin/env python3
"""The gate on what make prove assumes, read from what Frama-C itself
parsed (issue 12): a grep of the sources misses an annotation spelled
another way, a header pulled in from elsewhere, an admit on a clause.

Reads Frama-C's normalised output of the proof's input (-print, where
every annotation is /*@ ... */ and every clause starts its own line) and
its metrics (-metrics -metrics-libc: the functions with a contract and no
body, with their number of calls).  Fails, naming each, on:
  - an admit (a clause, assertion or lemma WP takes without proof);
  - a check (a clause proved but never used: a contract that reads
    stronger than what its callers get);
  - an axiom not listed in proofs/trusted.txt;
  - a requires or assumes that is literally \\false (a contract, or one
    behaviour of it, that holds of no call);
  - a called function with a contract and no body that proofs/trusted.txt
    does not list, unless only functions WP skips call it;
  - a function WP skips (-wp-skip-fct) that proofs/trusted.txt does not
    list, or a function trusted.txt lists that the input does not have;
  - an ensures, assumes or exits of a listed function's contract, as
    Frama-C merged it from every declaration, that trusted.txt does not
    list (by behaviour and name: the text is proofs/trusted.py's check).

usage: assumed.py TRUSTED.txt SKIP,... PRINTED.c METRICS.log SRC...
       (SRC: the files read, only to say where a finding's text is)
"""
import re
import sys

ANNOT = re.compile(r"/\*@(.*?)\*/", re.S)
# A clause kind starts a line (or the annotation, or follows "for b:").
KIND = re.compile(r"(?:^|\n|:)[ \t]*(admit|check)[ \t\n]+(?![:,;])([^;]*)")
AXIOM = re.compile(r"\baxiom[ \t\n]+(\w+)")
FALSE = re.compile(r"(?:^|\n|:)[ \t]*(requires|assumes)[ \t\n]+(?:\w+:[ \t]*)?"
                   r"\\false[ \t\n]*;")
# A function definition of the printed code: its contract if it has one,
# its header, then "{" alone, the body, "}" alone (plan.py reads it too).
DEF = re.compile(r"^(?P<contract>/\*@(?:(?!\*/).)*\*/\n)?"
                 r"[A-Za-z_][^\n;()]*?\b(?P<name>\w+)\([^;{]*?\)\n"
                 r"\{\n(?P<body>.*?)^\}", re.S | re.M)
CALLED = re.compile(r"([A-Za-z_]\w*) \((\d+) calls?\)")


def where(text, srcs):
    """The files and lines of SRC where TEXT's first word pair occurs."""
    words = re.findall(r"\w+", text)[:2]
    if not words:
        return ""
    pat = re.compile(r"\b" + r"\s+".join(words) + r"\b")
    hits = []
    for path in srcs:
        try:
            lines = open(path).read().splitlines()
        except OSError:
            continue
        hits += ["%s:%d" % (path, n + 1) for n, l in enumerate(lines)
                 if pat.search(l)]
    return " (" + ", ".join(hits[:4]) + ")" if hits else ""


# A clause that callers assume: an extra one (a second declaration of a
# kernel call in src/ with its own ensures, merged by Frama-C into the
# contract) is an assumption trusted.txt does not state.
ASSUMING = ("ensures", "assumes", "exits")
START = re.compile(r"^\s*(?:(behavior)\s+(\w+):|(%s)\b\s*(?:(\w+):)?)"
                   % "|".join(ASSUMING + ("requires", "assigns", "complete",
                                          "disjoint", "terminates",
                                          "decreases", "allocates",
                                          "frees")))


def trusted(path):
    funcs, axioms, clauses = set(), set(), {}
    for line in open(path):
        m = re.match(r"(?:checked|ASSUMED) (\S+): (.*)", line)
        if not m:
            continue
        if m.group(1) == "(axiom)":
            axioms.add(m.group(2).split()[1])
            continue
        funcs.add(m.group(1))
        c = re.match(r"(?:(\w+): )?(\w+) (?:(\w+):)?", m.group(2))
        if c and c.group(2) in ASSUMING:
            clauses.setdefault(m.group(1), []).append(
                (c.group(1) or "", c.group(2), c.group(3) or ""))
    return funcs, axioms, clauses


def printed_clauses(code, func):
    """The assuming clauses of FUNC's contract as Frama-C printed it."""
    m = re.search(r"/\*@((?:(?!\*/).)*)\*/\n[^\n;{}]*\b%s\("
                  % re.escape(func), code, re.S)
    out, behavior = [], ""
    # Frama-C breaks a long clause after its keyword: one line of text,
    # cut at each ";" (a clause's end).
    flat = re.sub(r"\s+", " ", m.group(1) if m else "")
    for part in flat.split(";"):
        s = START.match(part)
        if s and s.group(1):
            behavior = s.group(2)
            s = START.match(part[s.end():])
        if s and s.group(3) in ASSUMING:
            out.append((behavior, s.group(3), s.group(4) or ""))
    return out


def specified_only(metrics):
    text = open(metrics).read()
    m = re.search(r"Specified-only functions.*?\n(.*?)\n\s*\n", text, re.S)
    if not m:
        sys.exit("assumed.py: %s: no 'Specified-only functions' list "
                 "(did frama-c -metrics run?)" % metrics)
    return {f: int(n) for f, n in CALLED.findall(m.group(1))}


def main():
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    listed, axioms_ok, listed_clauses = trusted(sys.argv[1])
    skip = set(filter(None, sys.argv[2].split(",")))
    code = open(sys.argv[3]).read()
    stubs = specified_only(sys.argv[4])
    srcs = sys.argv[5:]
    errors = []
    for a in ANNOT.finditer(code):
        body = a.group(1)
        for k in KIND.finditer(body):
            clause = re.sub(r"\s+", " ", k.group(2)).strip()
            errors.append("%s: %s %s%s" % (
                "admitted, not proved" if k.group(1) == "admit"
                else "checked, never used", k.group(1), clause,
                where(k.group(1) + " " + clause, srcs)))
        for x in AXIOM.finditer(body):
            if x.group(1) not in axioms_ok:
                errors.append("an axiom proofs/trusted.txt does not list: "
                              "axiom %s%s" % (x.group(1),
                                              where("axiom " + x.group(1),
                                                    srcs) or
                                              where("lemma " + x.group(1),
                                                    srcs)))
        for f in FALSE.finditer(body):
            errors.append("%s \\false: holds of no call: %s" % (
                f.group(1), re.sub(r"\s+", " ", f.group(0)).strip()))
    bodies = {d["name"]: d["body"] for d in DEF.finditer(code)}
    for f, calls in sorted(stubs.items()):
        if calls == 0 or f in listed:
            continue
        callers = {g for g, b in bodies.items()
                   if re.search(r"\b%s\(" % re.escape(f), b)}
        if callers and callers <= skip:
            continue
        errors.append("%s: a contract without a body, called by %s, that "
                      "proofs/trusted.txt does not list%s" % (
                          f, ", ".join(sorted(callers)) or "?",
                          where(f, srcs)))
    for f in sorted(listed & (set(stubs) | skip)):
        got = sorted(printed_clauses(code, f))
        want = sorted(listed_clauses.get(f, []))
        for c in got:
            if c in want:
                want.remove(c)
            else:
                errors.append("%s: a clause proofs/trusted.txt does not "
                              "list: %s%s%s" % (
                                  f, c[0] + ": " if c[0] else "", c[1],
                                  " " + c[2] if c[2] else " (unnamed)"))
    for f in sorted(skip - listed):
        errors.append("%s: WP skips it, proofs/trusted.txt does not list "
                      "it" % f)
    for f in sorted(listed - skip - set(stubs)):
        errors.append("%s: proofs/trusted.txt lists it, but it is neither "
                      "a contract without a body nor skipped by WP" % f)
    for f in sorted((listed & set(stubs)) - skip):
        if f in bodies:
            errors.append("%s: listed as a contract without a body, but "
                          "it has one" % f)
    for e in errors:
        print("prove: " + e, file=sys.stderr)
    if errors:
        print("prove: %d assumption(s) not in proofs/trusted.txt: "
              "make prove fails" % len(errors), file=sys.stderr)
        sys.exit(1)
    used = sorted(f for f, n in stubs.items() if n and f in listed)
    print("assumed: no admit, check, axiom or \\false contract; contracts "
          "without a body: %s; skipped by WP: %s" % (
              ",".join(used), ",".join(sorted(skip))))


if __name__ == "__main__":
    main()
