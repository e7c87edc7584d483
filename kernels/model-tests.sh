#!/bin/sh
# On the host: the model's unit tests with the model set for each kernel
# (SPMODEL_TEST_LINUX=X.Y), so that each expected answer that depends on
# the kernel is checked against the model for every checked kernel, not
# only the host's.  Inside each kernel, make kernels runs their -kernel
# builds, which check the same answers against that kernel itself.
#   sh kernels/model-tests.sh "X.Y..." TEST-PROGRAM...
set -u
series=$1; shift
out=$(mktemp)
trap 'rm -f "$out"' EXIT
fails=0
for k in $series; do
	passed=0
	for t in "$@"; do
		if SPMODEL_TEST_LINUX=$k "$t" > "$out" 2>&1; then
			n=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$out")
			passed=$((passed + ${n:-0}))
		else
			echo "FAIL: SPMODEL_TEST_LINUX=$k $t"
			grep -e '^\[  FAILED  \] [a-z]' -e '^\[   LINE   \]' \
				-e '^\[  ERROR   \]' "$out" | head -10
			fails=$((fails + 1))
		fi
	done
	echo "kernels-model: Linux $k: the model's unit tests, $passed passed"
done
[ $fails -eq 0 ]
