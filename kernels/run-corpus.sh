#!/bin/sh
# Inside the booted kernel: every corpus trace on the kernel alone (its
# output is that kernel's truth) and in --check mode (kernel, model for the
# running kernel and safepoll agree).  One marker line per result; a failed
# check's differences follow it.
for t in /corpus/*.trace; do
	n=${t##*/}; n=${n%.trace}
	echo "@@SP-TRACE $n"
	/dropcap /safepoll-replay --kernel "$t"
	echo "@@SP-KERNEL-RC $n $?"
	/dropcap /safepoll-replay --check "$t" > /tmp/check.out 2>&1
	rc=$?
	echo "@@SP-CHECK-RC $n $rc"
	[ $rc -eq 0 ] || grep -B1 '^!' /tmp/check.out | head -20
done
