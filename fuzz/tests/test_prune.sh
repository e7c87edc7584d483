#!/bin/sh
# fuzz/prune.sh on a corpus of the seeds, each there twice under two
# names: what is left is at most half and not none, every file a
# seed's bytes, nothing left beside it; a merge that fails leaves the
# corpus as it was.  (Which inputs keep the features is libFuzzer's
# merge; their count varies by a few between runs, timed waits under
# signals, so it is not compared.)
# Usage: sh fuzz/tests/test_prune.sh FUZZER SEEDS   (exit status 0 when all hold)
set -u
fuzzer=$1 seeds=$2
here=$(dirname "$0")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
failures=0
fail() {
	echo "test_prune: $*" >&2
	failures=$((failures + 1))
}

mkdir "$out/c"
for f in "$seeds"/*; do
	cp "$f" "$out/c/$(basename "$f")"
	cp "$f" "$out/c/$(basename "$f").again"
done
before=$(ls "$out/c" | wc -l)
sh "$here/../prune.sh" "$fuzzer" "$out/c" "$out/merge.log" ||
	fail "the merge failed: $(tail -3 "$out/merge.log")"
after=$(ls "$out/c" | wc -l)
[ "$after" -gt 0 ] && [ "$after" -le $((before / 2)) ] ||
	fail "$after inputs left of $before (two of each seed)"
(cd "$seeds" && sha1sum -- *) | cut -d' ' -f1 | sort -u > "$out/seeds.sha1"
(cd "$out/c" && sha1sum -- *) | cut -d' ' -f1 | sort -u > "$out/left.sha1"
[ -z "$(comm -13 "$out/seeds.sha1" "$out/left.sha1")" ] ||
	fail "inputs left that are no seed's bytes"
[ -e "$out/c.merged" ] && fail "the merge's directory is left behind"

# A merge that fails: the corpus stays, every file.
ls "$out/c" > "$out/names"
sh "$here/../prune.sh" false "$out/c" "$out/merge.log" 2> /dev/null &&
	fail "a failed merge reported success"
ls "$out/c" | cmp -s - "$out/names" ||
	fail "a failed merge changed the corpus"

[ "$failures" -eq 0 ] && echo "test_prune: $before inputs cut to $after; a failed merge keeps them"
exit $((failures > 0))
