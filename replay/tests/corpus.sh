#!/bin/sh
# Replays every DIR/NAME.trace in --check mode: it must exit 0 (kernel,
# model and safepoll agree) and print exactly DIR/NAME.out.  A trace
# without its .out fails too.
#   sh replay/tests/corpus.sh REPLAY DIR
set -u
replay=$1 dir=$2
fails=0 count=0
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT

for t in "$dir"/*.trace; do
	[ -e "$t" ] || { echo "test-corpus: no trace in $dir"; exit 1; }
	count=$((count + 1))
	"$replay" --check "$t" >"$out" 2>"$err"
	rc=$?
	if [ $rc -ne 0 ]; then
		echo "FAIL: $t: --check exit status $rc"
		grep -B1 '^!' "$out" | head -20
		head -5 "$err"
		fails=$((fails + 1))
	elif [ ! -f "${t%.trace}.out" ]; then
		echo "FAIL: $t: no ${t%.trace}.out"
		fails=$((fails + 1))
	elif ! cmp -s "$out" "${t%.trace}.out"; then
		echo "FAIL: $t: output differs from ${t%.trace}.out"
		diff "${t%.trace}.out" "$out" | head -10
		fails=$((fails + 1))
	fi
done
if [ $fails -ne 0 ]; then
	echo "test-corpus: $fails of $count traces failed"
	exit 1
fi
echo "test-corpus: $count traces agree (kernel, model, safepoll, .out)"
