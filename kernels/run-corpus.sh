#!/bin/sh
# Inside the booted kernel: every corpus trace on the kernel alone (its
# output is that kernel's truth) and in --check mode (kernel, model for the
# running kernel and safepoll agree).  One marker line per result.
for t in /corpus/*.trace; do
	n=${t##*/}; n=${n%.trace}
	echo "@@SP-TRACE $n"
	/safepoll-replay --kernel "$t"
	echo "@@SP-KERNEL-RC $n $?"
	/safepoll-replay --check "$t" > /tmp/check.out 2>&1
	echo "@@SP-CHECK-RC $n $?"
done
