#!/usr/bin/env python3
"""Copies C sources without their ACSL (/*@ ... */, //@ ...), for Eva.

Eva checks the C code for runtime errors and the kernel contracts'
preconditions at every call; safepoll's own contracts are WP's to prove
(mk/prove.mk).  Eva cannot evaluate most of them (quantifiers, logic
constants), so left in they would be "unknown" statuses, not alarms, and
the report gate could not tell the two apart.

usage: strip_acsl.py OUTDIR ROOT FILE...  (each FILE at its path under ROOT)
"""
import os
import re
import sys

ACSL = re.compile(r"/\*@.*?\*/|//@[^\n]*", re.S)


def strip(text):
    # Keep the line count, so that an alarm's line is the source's line.
    return ACSL.sub(lambda m: "\n" * m.group(0).count("\n"), text)


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    out, root = sys.argv[1], sys.argv[2]
    for path in sys.argv[3:]:
        with open(path) as f:
            text = f.read()
        dest = os.path.join(out, os.path.relpath(path, root))
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        with open(dest, "w") as f:
            f.write(strip(text))


if __name__ == "__main__":
    main()
