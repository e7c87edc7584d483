#!/bin/sh
# make kernels: boots each kernel image under qemu with the corpus, the
# parts asked for (kernels/run-corpus.sh) and prints one table row per
# kernel.  Every kernel is booted even after one fails; the status is 1 if
# any failed.  A fuzz finding's input is kept in WORKDIR/KERNEL/crashes.
#   sh kernels/run.sh BINDIR CORPUS WORKDIR TIMEOUT IMAGE...
# An IMAGE is SERIES=PATH (a fetched Debian kernel) or a bare PATH.
set -u
bindir=$1 corpus=$2 work=$3 limit=$4; shift 4
fails=0
rows=$(mktemp)
trap 'rm -f "$rows"' EXIT
# The summary line a part printed, less its "NAME: " prefix; "-" when the
# part did not run.
summary() {
	line=$(grep "^$1:" "$2" | tail -n 1)
	secs=$(sed -n "s/^@@SP-TIME $3 //p" "$2")
	[ -n "$line" ] || { echo -; return; }
	echo "${line#$1: }${secs:+ ($secs s)}"
}
for spec in "$@"; do
	case $spec in *=*) image=${spec#*=} ;; *) image=$spec ;; esac
	name=$(basename "$(dirname "$image")")-$(basename "$image")
	dir=$work/$name log=$work/$name/console.log
	mkdir -p "$dir"
	start=$(date +%s)
	if sh kernels/boot.sh "$image" "$bindir" "$corpus" "$dir" "$log" "$limit"; then
		release=$(sed -n "s/.*@@SP-BEGIN //p" "$log")
		rc=0
		for part in $(sed -n 's/^@@SP-PART //p' "$log"); do
			grep -q "^@@SP-RESULT $part 0\$" "$log" || rc=1
		done
		sh kernels/split.sh "$log" "$dir/out"
		rm -rf "$dir/crashes"
		awk -v dir="$dir/crashes" '
			/^@@SP-CRASH-END/ { close(f); f = ""; next }
			/^@@SP-CRASH / { system("mkdir -p " dir); f = dir "/" $2 ".b64"; next }
			f { print > f }
		' "$log"
		for c in "$dir"/crashes/*.b64; do
			[ -f "$c" ] || continue
			base64 -d "$c" > "${c%.b64}" && rm "$c"
			echo "kernels: fuzz finding inside $release: ${c%.b64}"
		done
	else
		release="did not boot" rc=1
	fi
	secs=$(($(date +%s) - start))
	if [ "$rc" != 0 ]; then
		fails=$((fails + 1))
		grep -e '^FAIL' -e '^\[  FAILED  \] [a-z]' -e '^\[   LINE   \]' \
			-e '^\[  ERROR   \]' -e '^kernel-[a-z]*: FAILED' "$log" | head -30
		echo "kernels: $image: FAILED; console log $log"
		result=FAIL
	else
		result=ok
	fi
	printf '| %s | %s | %s | %s | %s | %s | %s s |\n' "$release" "$result" \
		"$(summary test-corpus "$log" corpus)" \
		"$(summary kernel-tests "$log" tests)" \
		"$(summary kernel-eacsl "$log" eacsl)" \
		"$(summary kernel-fuzz "$log" fuzz)" \
		"$secs" >> "$rows"
done
# The host's own kernel, as make test-corpus checks it (its tests, E-ACSL
# and fuzzing are make test's, make eacsl's and make fuzz-smoke's).
start=$(date +%s)
host=$(sh replay/tests/corpus.sh "$bindir/safepoll-replay" "$corpus" | tail -n 1)
case $host in *agree*) hr=ok ;; *) hr=FAIL; fails=$((fails + 1)) ;; esac
host_row=$(printf '| %s (host) | %s | %s | make test | make eacsl | make fuzz-smoke | %s s |' \
	"$(uname -r)" "$hr" "${host#test-corpus: }" "$(($(date +%s) - start))")
echo
echo "| kernel | result | corpus (kernel, model, safepoll, .out) | tests | E-ACSL over the corpus | fuzz | time |"
echo "|---|---|---|---|---|---|---|"
cat "$rows"
echo "$host_row"
[ $fails -eq 0 ]
