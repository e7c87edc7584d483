#!/usr/bin/env python3
"""How much ACSL sits inside the function bodies of C files: the lines of
annotations (/*@ ... */, //@) between a body's opening and closing brace,
against the lines of C there (comments and blank lines apart).  Contracts
before a function and logic files are not counted: the number is what a
reader of the C must skip.  Prints each file, the functions with the most
ACSL, and the total.

usage: acsl_lines.py FILE...   (proofs/README.md gives it for src/*.c)
"""
import re
import sys

NAME = re.compile(r"([A-Za-z_]\w*)\(")


def count(path, per_function):
    acsl = code = 0
    depth = 0
    in_acsl = in_comment = False
    name = None
    with open(path) as f:
        for line in f:
            s = line.strip()
            inside = depth > 0
            if not inside and not line[:1].isspace() and NAME.search(line):
                name = NAME.search(line).group(1)
            if in_acsl:
                acsl += inside
                if inside:
                    per_function[name][0] += 1
                in_acsl = "*/" not in s
                continue
            if in_comment:
                in_comment = "*/" not in s
                continue
            if s.startswith("/*@") or s.startswith("//@"):
                acsl += inside
                if inside:
                    per_function[name][0] += 1
                in_acsl = s.startswith("/*@") and "*/" not in s
                continue
            if s.startswith("/*"):
                in_comment = "*/" not in s
                continue
            if line.startswith("{"):
                depth = 1
                per_function.setdefault(name, [0, 0])
                continue
            if line.startswith("}"):
                depth = 0
                continue
            if inside and s and not s.startswith("//"):
                code += 1
                per_function[name][1] += 1
    return acsl, code


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    total_acsl = total_code = 0
    funcs = {}
    for path in sys.argv[1:]:
        acsl, code = count(path, funcs)
        total_acsl += acsl
        total_code += code
        print("%-24s %5d ACSL %5d C" % (path, acsl, code))
    top = sorted(funcs.items(), key=lambda kv: (-kv[1][0], kv[0]))[:8]
    print("most:", ", ".join("%s %d/%d" % (n, a, c) for n, (a, c) in top))
    print("%-24s %5d ACSL %5d C" % ("total", total_acsl, total_code))


if __name__ == "__main__":
    main()
