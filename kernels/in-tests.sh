#!/bin/sh
# Inside the booted kernel (kernels/run-corpus.sh): the cmocka tests and
# the model's unit tests, on the model and on this kernel (their -kernel
# builds), which expect this kernel's answers where kernels differ
# (specs/model/model_kernel.h); then random_ops, model against kernel, as
# make test-model does.  The status is 1 if anything failed.
# cmocka's own summary lines give the counts: "[  PASSED  ] N test(s)."
rc=0 progs=0 passed=0 failed=0
for t in /tests/test_*; do
	progs=$((progs + 1))
	/dropcap "$t" > /tmp/test.out 2>&1
	st=$?
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' /tmp/test.out)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' /tmp/test.out)
	passed=$((passed + ${p:-0})) failed=$((failed + ${f:-0}))
	if [ $st != 0 ] || [ -z "$p" ]; then
		rc=1
		echo "FAIL: $t (status $st)"
		grep -e '^\[  FAILED  \] [a-z]' -e '^\[   LINE   \]' \
			-e '^\[  ERROR   \]' /tmp/test.out | head -20
	fi
done
ro=agree
/dropcap /tests/random_ops 1 20 500 > /tmp/ro.model &&
	/dropcap /tests/random_ops-kernel 1 20 500 > /tmp/ro.kernel &&
	cmp /tmp/ro.model /tmp/ro.kernel || { rc=1 ro=DIFFER; echo "FAIL: random_ops: the model differs from the kernel"; diff /tmp/ro.kernel /tmp/ro.model | head; }
echo "kernel-tests: $passed passed, $failed failed in $progs test programs; random_ops (20 seeds of 500 calls): model and kernel $ro"
exit $rc
