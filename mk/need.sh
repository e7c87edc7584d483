#!/bin/sh
# Names the Debian package that provides a missing tool, for builds run
# with NO_DEPS=1 on a machine set up by hand.
case "$1" in
cmocka) test -f /usr/include/cmocka.h || { echo "cmocka.h not found: install libcmocka-dev (or run make deps)" >&2; exit 1; } ;;
valgrind) command -v valgrind >/dev/null || { echo "valgrind not found: install valgrind (or run make deps)" >&2; exit 1; } ;;
clang) command -v clang >/dev/null || { echo "clang not found: install clang-14 (or run make deps)" >&2; exit 1; } ;;
frama-c) command -v frama-c >/dev/null || { echo "frama-c not found: install frama-c-base (or run make deps)" >&2; exit 1; } ;;
afl) command -v afl-fuzz >/dev/null || { echo "afl-fuzz not found: install afl++ (or run make deps)" >&2; exit 1; } ;;
lcov) command -v lcov >/dev/null || { echo "lcov not found: install lcov (or run make deps)" >&2; exit 1; } ;;
*) echo "mk/need.sh: unknown tool $1" >&2; exit 2 ;;
esac
