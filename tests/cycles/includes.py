#!/usr/bin/env python3
"""make test-cycles: no circle of #include "..." among the files outside
src/ (src/ has its own check, with the header split).  A header is found
as the compiler finds it: beside the including file, then in the -I
directories the build passes (mk/*.mk).  Prints each circle, file by
file, and exits 1 if there is one.

    python3 tests/cycles/includes.py DIR...
"""
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
# The -I directories of the build, in its order.
SEARCH = ["src", "trace", "specs/model", "replay", "fuzz", "tests",
          "tests/fault", "bench"]


def sources(dirs):
    for top in dirs:
        for root, _, files in os.walk(top):
            for f in sorted(files):
                if f.endswith((".c", ".h")):
                    yield os.path.normpath(os.path.join(root, f))


def resolve(name, includer):
    for d in [os.path.dirname(includer)] + SEARCH:
        path = os.path.normpath(os.path.join(d, name))
        if os.path.isfile(path):
            return path
    return None


def main(dirs):
    graph, unresolved = {}, []
    todo = list(sources(dirs))
    while todo:
        f = todo.pop()
        if f in graph:
            continue
        with open(f, encoding="utf-8", errors="replace") as fh:
            names = INCLUDE.findall(fh.read())
        graph[f] = []
        for n in names:
            p = resolve(n, f)
            if p is None:
                unresolved.append(f"{f}: #include \"{n}\": no such file")
                continue
            graph[f].append(p)
            todo.append(p)
    # Depth-first search; a grey node met again closes a circle.
    colour, stack, circles = {}, [], []

    def visit(f):
        colour[f] = "grey"
        stack.append(f)
        for g in graph.get(f, []):
            if colour.get(g) == "grey":
                circles.append(stack[stack.index(g):] + [g])
            elif g not in colour:
                visit(g)
        stack.pop()
        colour[f] = "black"

    for f in sorted(graph):
        if f not in colour:
            visit(f)
    for u in unresolved:
        print("FAIL:", u)
    outside = [c for c in circles if not all(f.startswith("src/") for f in c)]
    for c in outside:
        print("FAIL: include circle:", " -> ".join(c))
    if outside or unresolved:
        return 1
    print(f"test-cycles: {len(graph)} files under {' '.join(dirs)}, "
          f"{sum(len(v) for v in graph.values())} includes, no circle")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
