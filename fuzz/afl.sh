#!/bin/sh
# afl.sh AFL CMPLOG MUTATOR TOOL REPLAY SEEDS OUT SECONDS JOBS: `make
# afl`.  One main instance (-M, with the cmplog binary) and JOBS-1
# secondaries (-S) for SECONDS on OUT (resumed when it exists), each with
# the custom mutator MUTATOR (a .so, fuzz/afl/afl_mutator.c) besides
# AFL++'s own stages, the main's status lines on the terminal, every
# instance's log in OUT/*.log; then afl-whatsup's summary, and each crash
# as a finding (finding.sh).
set -u
afl=$1 cmplog=$2 mutator=$3 tool=$4 replay=$5 seeds=$6 out=$7 seconds=$8 jobs=$9
here=$(dirname "$0")
mkdir -p "$out"
export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
	AFL_NO_UI=1 AFL_AUTORESUME=1 AFL_NO_AFFINITY=1
# afl-fuzz dlopen()s it: a path relative to the directory it runs in.
AFL_CUSTOM_MUTATOR_LIBRARY=$(cd "$(dirname "$mutator")" && pwd)/$(basename "$mutator")
export AFL_CUSTOM_MUTATOR_LIBRARY
# -G: the harness reads at most 320 bytes; -V: stop after SECONDS.
common="-i $seeds -o $out -x $here/safepoll.dict -G 320 -V $seconds"

echo "make afl: 1 main + $((jobs - 1)) secondaries for $seconds s in $out"
n=1
while [ "$n" -lt "$jobs" ]; do
	# Secondaries differ in power schedule, as AFL++'s guide suggests.
	case $((n % 3)) in 0) p=fast ;; 1) p=explore ;; *) p=coe ;; esac
	afl-fuzz $common -S "s$n" -p "$p" -- "$afl" > "$out/s$n.log" 2>&1 &
	n=$((n + 1))
done
afl-fuzz $common -M main -c "$cmplog" -- "$afl" 2>&1 | tee "$out/main.log" |
	sed -u 's/\x1b\[[0-9;?]*[a-zA-Z]//g' |
	grep --line-buffered -E 'Fuzzing test case|Statistics|PROGRAM ABORT|instability|ustom mutator'
wait

echo "== make afl: afl-whatsup =="
# -d: the instances have ended; count them all the same.
TERM=dumb afl-whatsup -s -d "$out"
crashes=0
for c in "$out"/*/crashes/id:*; do
	[ -f "$c" ] || continue
	FINDING_STDIN=1 sh "$here/finding.sh" "$c" "$(dirname "$out")/findings" "$afl" \
		"$tool" "$replay" | tail -1 >> "$out/findings.list"
	crashes=$((crashes + 1))
done
if [ "$crashes" -gt 0 ]; then
	echo "make afl: FAILED: $crashes crashes, $(grep -v "^-$" "$out/findings.list" | sort -u | wc -l) distinct findings:"
	grep -v "^-$" "$out/findings.list" | sort -u
	rm -f "$out/findings.list"
	exit 1
fi
echo "make afl: no crashes"
