#!/bin/sh
# libfuzzer.sh FUZZER TOOL REPLAY SEEDS OUT SECONDS JOBS MIN_EXECS: `make
# fuzz`.  Runs JOBS libFuzzer processes for SECONDS on the corpus
# OUT/corpus (grown, cut to its features at the end by prune.sh, kept
# between runs) seeded from SEEDS, each restarted
# after a finding while time is left.  libFuzzer's own lines (NEW,
# REDUCE, pulse: thousands a minute) go to OUT/logs/job-N.log; the
# terminal gets a status line every STATUS_SECONDS (30).  Then every
# crash becomes a finding (finding.sh) and a summary is printed.  Fails
# on a finding, or when the executions per second per job stay under
# MIN_EXECS (0: no floor).
set -u
fuzzer=$1 tool=$2 replay=$3 seeds=$4 out=$5 seconds=$6 jobs=$7 min_execs=$8
every=${STATUS_SECONDS:-30}
here=$(dirname "$0")
mkdir -p "$out/corpus" "$out/crashes" "$out/findings" "$out/logs"
rm -f "$out"/logs/*
touch "$out/.started"
start=$(date +%s)
end=$((start + seconds))

job() {
	n=0
	while :; do
		left=$((end - $(date +%s)))
		[ "$left" -gt 2 ] && [ "$n" -lt 10 ] || break
		n=$((n + 1))
		echo "make-fuzz-start $(date +%s)" >> "$out/logs/job-$1.log"
		"$fuzzer" -max_len=320 -dict="$here/safepoll.dict" \
			-artifact_prefix="$out/crashes/" -print_final_stats=1 \
			-max_total_time="$left" -timeout=10 -rss_limit_mb=2048 \
			"$out/corpus" "$seeds" >> "$out/logs/job-$1.log" 2>&1
	done
}

. "$here/status.sh"

status() {
	while :; do
		sleep "$every"
		now=$(date +%s)
		[ "$now" -lt "$end" ] || break
		e=$(executions)
		printf '[make fuzz] %d:%02d elapsed, %d:%02d left: %d executions (%d/s), %s edges, corpus %d files, crashes %d\n' \
			$(((now - start) / 60)) $(((now - start) % 60)) \
			$(((end - now) / 60)) $(((end - now) % 60)) \
			"$e" $((e / (now - start))) "$(edges)" \
			"$(ls "$out/corpus" | wc -l)" \
			"$(find "$out/crashes" -type f -newer "$out/.started" | wc -l)"
	done
}

echo "make fuzz: $jobs jobs for $seconds s, corpus $out/corpus," \
	"findings in $out/findings, libFuzzer's lines in $out/logs/job-N.log"
pids=
j=1
while [ "$j" -le "$jobs" ]; do
	job "$j" &
	pids="$pids $!"
	j=$((j + 1))
done
status &
status_pid=$!
wait $pids
kill "$status_pid" 2>/dev/null
wait "$status_pid" 2>/dev/null
took=$(( $(date +%s) - start ))
[ "$took" -gt 0 ] || took=1

execs=$(executions)
per_job=$((execs / took / jobs))
sh "$here/prune.sh" "$fuzzer" "$out/corpus" "$out/logs/merge.log"
# Coverage of the corpus as it is now: every input run once.
cov=$("$fuzzer" -runs=0 -max_len=320 "$out/corpus" "$seeds" 2>&1 |
	sed -n 's/.*INITED cov: \([0-9]*\) ft: \([0-9]*\) corp: \([0-9]*\)\/\([^ ]*\).*/\1 \2 \3 \4/p' |
	tail -1)
set -- $cov
findings=0
for c in $(find "$out/crashes" -type f -newer "$out/.started" | sort); do
	f=$(sh "$here/finding.sh" "$c" "$out/findings" "$fuzzer" \
		"$tool" "$replay" | tail -1)
	findings=$((findings + 1))
	echo "$f" >> "$out/findings/new.list"
done
distinct=$( [ -f "$out/findings/new.list" ] && grep -v "^-$" "$out/findings/new.list" | sort -u | wc -l || echo 0)
[ -f "$out/findings/new.list" ] && mv "$out/findings/new.list" "$out/findings/run.list"

echo "== make fuzz: summary =="
echo "time:        ${took} s on $jobs jobs"
echo "executions:  $execs ($per_job exec/s per job)"
echo "coverage:    ${1:-?} edges (cov) of $(edges | sed 's/.* of //') instrumented, ${2:-?} features (ft)"
echo "corpus:      ${3:-?} inputs (${4:-?}) in $out/corpus"
echo "findings:    $findings crashes, $distinct distinct, in $out/findings"
# Each distinct finding whole: the cut trace with the commands that
# replay it, not only its file's name.
if [ "$distinct" -gt 0 ]; then
	for f in $(grep -v "^-$" "$out/findings/run.list" | sort -u); do
		echo "== finding $f (runnable: $replay --check $f)"
		cat "$f"
	done
fi
rm -f "$out/findings/run.list"
status=0
if [ "$findings" -gt 0 ]; then
	echo "make fuzz: FAILED: findings (make fuzz-repro CRASH=FILE shows one)"
	status=1
fi
if [ "$min_execs" -gt 0 ] && [ "$per_job" -lt "$min_execs" ]; then
	echo "make fuzz: FAILED: $per_job exec/s per job, under the floor of $min_execs"
	status=1
fi
exit $status
