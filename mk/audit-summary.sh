#!/bin/sh
# SUMMARY.md of build/audit: every number read from a file of the bundle,
# none typed here.  $1: the bundle's directory.
set -eu
d=$1

# The value after "key" in a file, or "missing (file)" when it is not there.
pick() { # file sed-expression
	v=$(sed -n "$2" "$d/$1" 2>/dev/null | head -n 1)
	echo "${v:-missing ($1)}"
}

# The sum of the numbers a sed expression picks from a file's lines (each
# cmocka program prints its own PASSED line).
total() { # file sed-expression
	if [ -f "$d/$1" ]; then
		sed -n "$2" "$d/$1" | awk '{ s += $1 } END { print s + 0 }'
	else echo "missing ($1)"; fi
}

# How many lines of a file match, or "missing (file)".
count() { # file regex
	if [ -f "$d/$1" ]; then grep -c "$2" "$d/$1" || true; else echo "missing ($1)"; fi
}

cat <<MD
# safepoll audit summary

Read this first; every figure below is taken by \`make audit\` from the
file named beside it, in this folder.

| evidence | result | file |
| --- | --- | --- |
| make prove | $(pick proofs.txt 's/^make prove: //p') | proofs.txt |
| goals proved (Frama-C WP, -wp-rte) | $(pick report.txt 's/^goals proved \([0-9]* \/ [0-9]*\);.*/\1/p') | report.txt, report.json |
| proof smoke tests passed | $(pick report.txt 's/.*smoke tests passed \([0-9]* \/ [0-9]*\)$/\1/p') | report.txt |
| Eva over a driver of the whole API | $(pick proofs.txt 's/^prove-eva: //p') | proofs.txt |
| trusted base | $(count trusted.txt '^ASSUMED') clauses assumed, $(count trusted.txt '^checked') checked at every call | trusted.txt |
| kernel contracts on the kernel (E-ACSL, corpus replay) | $(pick eacsl.txt 's/^make eacsl: //p'): $(pick eacsl.txt 's/^eacsl: \([0-9]*\) kernel-contract clauses checked.*/\1/p') clauses checked at run time | eacsl.txt |
| coverage of src/, lines | $(pick coverage.txt 's/^ *lines\.*: *\([0-9.]*%\).*/\1/p') (floor $(pick coverage-floor.txt 's/^lines //p')%) | coverage.txt, coverage-html/ |
| coverage of src/, branches | $(pick coverage.txt 's/^ *branches\.*: *\([0-9.]*%\).*/\1/p') (floor $(pick coverage-floor.txt 's/^branches //p')%) | coverage.txt |
| fault injection | $(pick fault.txt 's/^fault: \([0-9]* site x errno x N cases\)$/\1/p'); $(pick fault.txt 's/^fault: \([0-9]* passed, [0-9]* failed\)$/\1/p') | fault.txt |
| paths no healthy kernel takes | $(total fault.txt 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p') tests passed | fault.txt |
| fuzzing | $(pick fuzz.txt 's/^executions: *//p'); $(pick fuzz.txt 's/^findings: *//p') | fuzz.txt |
| fuzzing coverage | $(pick fuzz.txt 's/^coverage: *//p') | fuzz.txt |
| static analysis | $(pick static.txt 's/^static-analysis: //p') | static.txt, cppcheck.txt, clang-tidy.txt, scan-build.txt, fanalyzer.txt |

## Built with

\`\`\`
$(cat "$d/environment.txt")
\`\`\`
MD
