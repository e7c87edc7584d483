#!/bin/sh
# Inside the booted kernel (kernels/run-corpus.sh): the differential
# fuzzer (libFuzzer, ASan + UBSan; fuzz/README.md) for the seconds in
# /fuzz/seconds (KERNEL_FUZZ_SECONDS), seeded from /fuzz/seeds, with a
# fixed -seed.  Its model describes this kernel (uname), so a finding is
# a difference between safepoll on this kernel and the model set for it,
# or a broken promise.  Each crash input goes to the console in base64
# between @@SP-CRASH markers; the host keeps it (kernels/run.sh).
seconds=$(cat /fuzz/seconds)
mkdir -p /tmp/fuzz-corpus /tmp/crashes
/dropcap /fuzz/safepoll-fuzz -seed=1 -max_len=320 -dict=/fuzz/safepoll.dict \
	-max_total_time="$seconds" -timeout=30 -rss_limit_mb=0 \
	-print_final_stats=1 -artifact_prefix=/tmp/crashes/ \
	/tmp/fuzz-corpus /fuzz/seeds > /tmp/fuzz.log 2>&1
st=$?
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' /tmp/fuzz.log)
crashes=0
for c in /tmp/crashes/*; do
	[ -f "$c" ] || continue
	crashes=$((crashes + 1))
	echo "@@SP-CRASH ${c##*/}"
	base64 "$c"
	echo "@@SP-CRASH-END"
done
if [ $st = 0 ] && [ $crashes = 0 ]; then
	echo "kernel-fuzz: ${runs:-?} inputs in ${seconds} s, no finding"
	exit 0
fi
# The harness's report whole (the trace and what differed), then the
# sanitizer's or libFuzzer's summary.
sed -n '/^==== safepoll-fuzz: /,/^==== end of safepoll-fuzz report/p' \
	/tmp/fuzz.log | head -120
grep -e '^==[0-9]*==' -e 'SUMMARY' /tmp/fuzz.log | head -30
tail -n 15 /tmp/fuzz.log
echo "kernel-fuzz: FAILED: status $st, $crashes crash input(s), ${runs:-?} inputs in ${seconds} s"
exit 1
