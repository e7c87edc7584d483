#!/bin/sh
# Inside the booted kernel, as root without CAP_SYS_RESOURCE (/dropcap):
# 1. every trace on the kernel alone, between markers, so the host can
#    write or compare NAME.linux-X.Y.out (kernels/split.sh);
# 2. make test-corpus's own script: kernel, model (set by uname for this
#    kernel) and safepoll agree, and print this kernel's .out;
# 3. with KERNEL_TESTS=1 (/tests present), the cmocka tests and the model's tests (each also on this kernel),
#    and random_ops, model against this kernel, as make test-model does.
printf '#!/bin/sh\nexec /dropcap /safepoll-replay "$@"\n' > /bin/sp-replay
chmod +x /bin/sp-replay
for t in /corpus/*.trace; do
	n=${t##*/}; n=${n%.trace}
	echo "@@SP-TRACE $n"
	sp-replay --kernel "$t"
	echo "@@SP-KERNEL-RC $n $?"
done
echo "@@SP-PART corpus"
sh /corpus.sh sp-replay /corpus
echo "@@SP-RESULT corpus $?"

[ -d /tests ] || exit 0
echo "@@SP-PART tests"
rc=0 n=0
for t in /tests/test_*; do
	n=$((n + 1))
	/dropcap "$t" > /tmp/test.out 2>&1 || { rc=1; echo "FAIL: $t"; tail -20 /tmp/test.out; }
done
/dropcap /tests/random_ops 1 20 500 > /tmp/ro.model &&
	/dropcap /tests/random_ops-kernel 1 20 500 > /tmp/ro.kernel &&
	cmp /tmp/ro.model /tmp/ro.kernel || { rc=1; echo "FAIL: random_ops: the model differs from the kernel"; diff /tmp/ro.kernel /tmp/ro.model | head; }
echo "tests: $n test programs and random_ops (20 seeds of 500 calls), status $rc"
echo "@@SP-RESULT tests $rc"
