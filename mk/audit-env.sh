#!/bin/sh
# The exact tools and flags behind the audit bundle.
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "commit: $(git rev-parse HEAD 2>/dev/null || echo none)$(git diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"
echo "kernel: $(uname -srm)"
echo "cc: $1"
echo "flags: $2"
for t in gcc clang-14 frama-c why3 z3 cvc4 afl-fuzz valgrind lcov cppcheck clang-tidy; do
	v=$($t --version 2>/dev/null | head -n 1 | sed 's/\x1b\[[0-9;]*m//g')
	echo "$t: ${v:-not installed}"
done
