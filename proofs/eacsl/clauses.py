#!/usr/bin/env python3
"""Lists the kernel-contract clauses make eacsl checks at run time, and
those E-ACSL could not translate with its reason (from Frama-C's log).

usage: clauses.py INSTRUMENTED_C FRAMA_C_LOG SPECS_DIR
"""
import os
import re
import sys

FIELD = re.compile(r'__gen_e_acsl_assert_data\w*\.(kind|file|fct|line|name)'
                   r' = "?([^";]*)"?;')
CLAUSE = re.compile(r'\b(requires|ensures|assigns)\s+(\w+)\s*:')


def checked(path, specs):
    seen, cur = [], {}
    with open(path) as f:
        for m in FIELD.finditer(f.read()):
            cur[m.group(1)] = m.group(2)
            if m.group(1) == "name":
                if cur.get("file", "").startswith(specs) and \
                        cur.get("kind") in ("Precondition", "Postcondition"):
                    kind = "requires" if cur["kind"] == "Precondition" \
                        else "ensures"
                    item = (cur["fct"].replace("spk_", "", 1), kind,
                            cur["name"], os.path.basename(cur["file"]),
                            cur.get("line", "?"))
                    if item not in seen:
                        seen.append(item)
                cur = {}
    return seen


def skipped(log, specs):
    out = []
    with open(log) as f:
        lines = f.read().split("\n")
    for i, line in enumerate(lines):
        m = re.match(r"\[e-acsl\] (%s/[\w./]+):(\d+): Warning:" %
                     re.escape(specs), line)
        if not m:
            continue
        why = []
        for nxt in lines[i + 1:]:
            if nxt.startswith("["):
                break
            why.append(nxt.strip())
        with open(m.group(1)) as f:
            src = f.read().split("\n")[int(m.group(2)) - 1]
        c = CLAUSE.search(src)
        what = "%s %s" % (c.group(1), c.group(2)) if c else "line " + \
            m.group(2)
        reason = " ".join(why).replace("Ignoring annotation.", "").strip()
        if "assigns clause" in reason:
            what, reason = "assigns/\\from clauses", \
                "E-ACSL does not check assigns"
        out.append("%s %s (%s:%s): %s" % (
            os.path.basename(m.group(1)).replace(".h", ""), what,
            os.path.basename(m.group(1)), m.group(2), reason))
    return out


def main():
    code, log, specs = sys.argv[1], sys.argv[2], sys.argv[3].rstrip("/")
    items = checked(code, specs)
    print("eacsl: %d kernel-contract clauses checked at run time:" %
          len(items))
    for fct, kind, name, f, line in items:
        print("  %-14s %-8s %-12s (%s:%s)" % (fct, kind, name, f, line))
    miss = skipped(log, specs)
    print("eacsl: not checkable by E-ACSL (%d):" % len(miss))
    for m in miss:
        print("  " + m)


if __name__ == "__main__":
    main()
