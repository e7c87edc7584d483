#!/bin/sh
# On the host, without booting anything: the model set for each kernel
# (--model --linux X.Y) prints what that kernel printed, i.e.
# NAME.linux-X.Y.out where that kernel differs, NAME.out elsewhere.
#   sh kernels/model-check.sh REPLAY CORPUS-DIR X.Y...
set -u
replay=$1 dir=$2; shift 2
out=$(mktemp)
trap 'rm -f "$out"' EXIT
fails=0
for k in "$@"; do
	count=0 bad=0
	for t in "$dir"/*.trace; do
		[ -e "$t" ] || { echo "kernels-model: no trace in $dir"; exit 1; }
		count=$((count + 1))
		want=${t%.trace}.out
		[ -f "${t%.trace}.linux-$k.out" ] && want=${t%.trace}.linux-$k.out
		"$replay" --model --linux "$k" "$t" >"$out" 2>&1
		if ! cmp -s "$out" "$want"; then
			echo "FAIL: $t: --model --linux $k differs from $want"
			diff "$want" "$out" | head -6
			bad=$((bad + 1))
		fi
	done
	echo "kernels-model: Linux $k: $((count - bad)) of $count traces as the kernel answered"
	fails=$((fails + bad))
done
[ $fails -eq 0 ]
