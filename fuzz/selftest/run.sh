#!/bin/sh
# run.sh FUZZ TOOL SECONDS SEEDS NAME...: `make fuzz-selftest`.  For each
# planted bug NAME, runs its fuzzer (FUZZ/planted-NAME/safepoll-fuzz, the
# sanitized build of make fuzz) from the seeds in SEEDS (`none`: from an
# empty corpus, which tests the search and not the corpus) for at most
# SECONDS, until
# it finds an input on which the planted build differs and the true one
# (TOOL, built from the real sources) does not: that is the planted bug,
# found.  A difference the true build shows too is a real finding, said
# and passed over.  Fails unless every planted bug is found in time.
set -u
fuzz=$1 tool=$2 seconds=$3 seeds=$4
shift 4
[ "$seeds" != none ] || seeds=
here=$(dirname "$0")
failed=0
for name in "$@"; do
	dir=$fuzz/planted-$name/run
	rm -rf "$dir"
	mkdir -p "$dir/corpus" "$dir/crashes"
	start=$(date +%s)
	found=""
	while :; do
		left=$((start + seconds - $(date +%s)))
		[ "$left" -gt 0 ] || break
		"$fuzz/planted-$name/safepoll-fuzz" -max_len=320 \
			-dict="$here/../safepoll.dict" -max_total_time="$left" \
			-artifact_prefix="$dir/crashes/" "$dir/corpus" \
			$seeds > "$dir/log" 2>&1
		crash=$(ls -t "$dir/crashes" | head -1)
		[ -n "$crash" ] || break
		if "$tool" run "$dir/crashes/$crash" > /dev/null 2>&1; then
			found=$dir/crashes/$crash
			break
		fi
		echo "fuzz-selftest: $name: a real difference first (the true" \
			"build shows it too): $dir/crashes/$crash"
		mv "$dir/crashes/$crash" "$dir/real-$crash"
	done
	took=$(( $(date +%s) - start ))
	if [ -z "$found" ]; then
		echo "fuzz-selftest: $name: NOT found in $seconds s"
		failed=1
		continue
	fi
	execs=$(sed -n 's/^#\([0-9]*\).*/\1/p' "$dir/log" | tail -1)
	echo "fuzz-selftest: $name: found in $took s (${execs:-?} executions):"
	sed -n '/^---- what differed:/,/^==== end/p' "$dir/log" |
		sed '1d;$d;s/^/    /'
	echo "    input: $found; its trace: $tool decode $found"
done
[ "$failed" -eq 0 ] && echo "fuzz-selftest: every planted bug found"
exit $failed
