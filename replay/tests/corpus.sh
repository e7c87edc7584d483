#!/bin/sh
# Replays every DIR/NAME.trace in --check mode: it must exit 0 (kernel,
# model and safepoll agree) and print exactly DIR/NAME.out.  A trace
# without its .out fails too.  Where the running kernel X.Y answers a trace
# differently, DIR/NAME.linux-X.Y.out holds its output and is the one
# expected (kernels/README.md).  Where safepoll answers on its own by
# design (its refusals, the events it drops), DIR/NAME.safepoll.out holds
# what --wrapper must print: --check lets those answers through, this
# pins them.
#   sh replay/tests/corpus.sh REPLAY DIR
set -u
replay=$1 dir=$2
release=$(uname -r | sed -n 's/^\([0-9]*\.[0-9]*\).*/\1/p')
fails=0 count=0
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT

for t in "$dir"/*.trace; do
	[ -e "$t" ] || { echo "test-corpus: no trace in $dir"; exit 1; }
	count=$((count + 1))
	want=${t%.trace}.out
	[ -f "${t%.trace}.linux-$release.out" ] && want=${t%.trace}.linux-$release.out
	"$replay" --check "$t" >"$out" 2>"$err"
	rc=$?
	if [ $rc -ne 0 ]; then
		echo "FAIL: $t: --check exit status $rc"
		grep -B1 '^!' "$out" | head -20
		head -5 "$err"
		fails=$((fails + 1))
	elif [ ! -f "$want" ]; then
		echo "FAIL: $t: no $want"
		fails=$((fails + 1))
	elif ! cmp -s "$out" "$want"; then
		echo "FAIL: $t: output differs from $want"
		diff "$want" "$out" | head -10
		fails=$((fails + 1))
	elif [ -f "${t%.trace}.safepoll.out" ] &&
		! "$replay" --wrapper "$t" 2>&1 |
			cmp -s - "${t%.trace}.safepoll.out"; then
		echo "FAIL: $t: --wrapper differs from ${t%.trace}.safepoll.out"
		"$replay" --wrapper "$t" 2>&1 |
			diff "${t%.trace}.safepoll.out" - | head -10
		fails=$((fails + 1))
	fi
done
if [ $fails -ne 0 ]; then
	echo "test-corpus: $fails of $count traces failed"
	exit 1
fi
echo "test-corpus: $count traces agree (kernel, model, safepoll, .out) on Linux $release"
