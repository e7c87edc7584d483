#!/bin/sh
# make fuzz's counts (fuzz/status.sh) on made-up job logs: a finished
# run counts its final number; a running one its rate since its start
# when that is more than its last count (libFuzzer prints counts at new
# inputs and powers of two only); restarts add up; edges are the best of
# any job against the instrumented total; no logs count 0.
# Usage: sh fuzz/tests/test_status.sh   (exit status 0 when all hold)
set -u
here=$(dirname "$0")
. "$here/../status.sh"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
failures=0
expect() { # WHAT GOT WANT
	if [ "$2" != "$3" ]; then
		echo "test_status: $1: $2, not $3" >&2
		failures=$((failures + 1))
	fi
}

expect "no logs" "$(executions)" 0
mkdir -p "$out/logs"
now=$(date +%s)
# Job 1 runs for 300 s at 5,000 a second, last counted at 2^20.
printf 'make-fuzz-start %d\nINFO: Loaded 1 modules   (3172 inline 8-bit counters)\n#2\tINITED cov: 10 ft: 20 exec/s: 0 rss: 1Mb\n#1048576\tpulse  cov: 1083 ft: 7031 corp: 1605/119Kb lim: 320 exec/s: 5000 rss: 426Mb\n' \
	$((now - 300)) > "$out/logs/job-1.log"
# Job 2 finished one run (777), then started again 2 s ago.
printf 'make-fuzz-start %d\n#100\tNEW    cov: 1090 ft: 9 exec/s: 100 rss: 1Mb\nstat::number_of_executed_units: 777\nmake-fuzz-start %d\n#50\tNEW    cov: 12 ft: 9 exec/s: 10 rss: 1Mb\n' \
	$((now - 400)) $((now - 2)) > "$out/logs/job-2.log"
got=$(executions)
# 300 s x 5,000 (1 s of slack either way) + 777 + 50
[ "$got" -ge 1495827 ] && [ "$got" -le 1505827 ] ||
	expect "a running job by its rate, a finished one by its count" "$got" "about 1500827"
expect "edges" "$(edges)" "1090 of 3172"
# Both finished: the final counts only.
printf 'stat::number_of_executed_units: 1500000\n' >> "$out/logs/job-1.log"
printf 'stat::number_of_executed_units: 60\n' >> "$out/logs/job-2.log"
expect "finished jobs" "$(executions)" 1500837

if [ "$failures" -gt 0 ]; then
	echo "test_status: $failures failures" >&2
	exit 1
fi
echo "test_status: running and finished jobs counted, edges the best of any"
