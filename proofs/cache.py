#!/usr/bin/env python3
"""WP's prover cache as one text file: a line per entry, its key (WP's
hash of the goal as a prover receives it) then WP's own JSON for the
result, sorted by key, so that a change shows as lines in a diff.

WP keeps the cache as one small file per entry in a session directory
(<session>/cache/<key>.json); `make prove` unpacks proofs/wp-cache.txt
there before it runs, and `make prove-cache` packs back the entries that
a full prove used.

usage: cache.py unpack FILE DIR     write each entry of FILE as DIR/<key>.json
       cache.py pack FILE DIR...    the entries of the DIRs into FILE (make
                                    prove runs two WP sessions)
"""
import os
import re
import sys

KEY = re.compile(r"^[0-9a-f]{32}$")


def fail(where, why):
    sys.exit(f"cache.py: {where}: {why}")


def unpack(src, out):
    os.makedirs(out, exist_ok=True)
    with open(src) as f:
        for n, line in enumerate(f, 1):
            key, _, entry = line.rstrip("\n").partition(" ")
            if not KEY.match(key) or not entry.startswith("{"):
                fail(f"{src}:{n}", "expected '<32 hex digits> {...}'")
            with open(os.path.join(out, key + ".json"), "w") as e:
                e.write(entry + "\n")


def pack(out, dirs):
    entries = {}
    for src in dirs:
        for name in sorted(os.listdir(src)):
            key, ext = os.path.splitext(name)
            if ext != ".json" or not KEY.match(key):
                fail(os.path.join(src, name), "not a WP cache entry")
            with open(os.path.join(src, name)) as e:
                entry = e.read().strip()
            if "\n" in entry or not entry.startswith("{"):
                fail(os.path.join(src, name), "not one line of JSON")
            # Both sessions may have proved the same goal: one line.
            entries.setdefault(key, entry)
    lines = [f"{key} {entries[key]}\n" for key in sorted(entries)]
    with open(out + ".tmp", "w") as f:
        f.writelines(lines)
    os.replace(out + ".tmp", out)
    print(f"cache.py: {len(lines)} entries in {out}")


def main():
    if sys.argv[1:2] == ["unpack"] and len(sys.argv) == 4:
        unpack(sys.argv[2], sys.argv[3])
    elif sys.argv[1:2] == ["pack"] and len(sys.argv) >= 4:
        pack(sys.argv[2], sys.argv[3:])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
