#!/bin/sh
# seeds.sh FUZZER SEEDS: every seed (build/fuzz/seeds, made from
# corpus/*.trace) once through the fast fuzzer, safepoll on the model
# against the model: each must agree (a difference aborts the fuzzer),
# and each must have run (libFuzzer's "Executed" line per input).
set -u
fuzzer=$1 seeds=$2
n=$(ls "$seeds" | wc -l)
[ "$n" -gt 0 ] || { echo "seeds.sh: no seeds in $seeds"; exit 1; }
log=$(mktemp)
trap 'rm -f "$log"' EXIT
"$fuzzer" -runs=1 "$seeds"/* > "$log" 2>&1
status=$?
ran=$(grep -c "^Executed " "$log")
if [ "$status" -ne 0 ] || [ "$ran" -ne "$n" ]; then
	grep -v "^Running: \|^Executed " "$log" | tail -40
	echo "seeds.sh: FAILED: $ran of $n seeds ran clean in $fuzzer (status $status)"
	exit 1
fi
echo "seeds.sh: all $n seeds ran clean through $fuzzer"
