#!/bin/sh
# make kernels: boots each kernel image under qemu with the corpus and
# kernels/run-corpus.sh, and prints one table row per kernel.  Every kernel
# is booted even after one fails; the status is 1 if any failed.
#   sh kernels/run.sh BINDIR CORPUS WORKDIR TIMEOUT IMAGE...
# An IMAGE is SERIES=PATH (a fetched Debian kernel) or a bare PATH.
set -u
bindir=$1 corpus=$2 work=$3 limit=$4; shift 4
fails=0
rows=$(mktemp)
trap 'rm -f "$rows"' EXIT
for spec in "$@"; do
	case $spec in *=*) image=${spec#*=} ;; *) image=$spec ;; esac
	name=$(basename "$(dirname "$image")")-$(basename "$image")
	dir=$work/$name
	mkdir -p "$dir"
	start=$(date +%s)
	if sh kernels/boot.sh "$image" "$bindir" "$corpus" "$dir" "$dir/console.log" "$limit"; then
		release=$(sed -n "s/.*@@SP-BEGIN //p" "$dir/console.log")
		corpus_line=$(grep '^test-corpus:' "$dir/console.log" | tail -n 1)
		rc=$(sed -n 's/^@@SP-RESULT corpus //p' "$dir/console.log")
		# KERNEL_TESTS=1: the tests inside count too.
		if grep -q '^@@SP-RESULT tests [^0]' "$dir/console.log"; then
			rc=1
			corpus_line="$corpus_line; tests FAILED"
		elif grep -q '^@@SP-RESULT tests 0' "$dir/console.log"; then
			corpus_line="$corpus_line; tests ok"
		fi
		sh kernels/split.sh "$dir/console.log" "$dir/out"
	else
		release="did not boot" corpus_line="(no result)" rc=1
	fi
	secs=$(($(date +%s) - start))
	if [ "$rc" != 0 ]; then
		fails=$((fails + 1))
		grep '^FAIL' "$dir/console.log" | head -20
		echo "kernels: $image: FAILED; console log $dir/console.log"
		result=FAIL
	else
		result=ok
	fi
	printf '| %s | %s | %s | %s s |\n' "$release" "$result" "${corpus_line#test-corpus: }" "$secs" >> "$rows"
done
# The host's own kernel, as make test-corpus checks it.
start=$(date +%s)
host=$(sh replay/tests/corpus.sh "$bindir/safepoll-replay" "$corpus" | tail -n 1)
case $host in *agree*) hr=ok ;; *) hr=FAIL; fails=$((fails + 1)) ;; esac
host_row=$(printf '| %s (host) | %s | %s | %s s |' "$(uname -r)" "$hr" "${host#test-corpus: }" "$(($(date +%s) - start))")
echo
echo "| kernel | result | corpus inside the kernel (kernel, model, safepoll, .out) | time |"
echo "|---|---|---|---|"
cat "$rows"
echo "$host_row"
[ $fails -eq 0 ]
