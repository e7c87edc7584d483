#!/bin/sh
# The README's table of examples gives each file's line count, to compare
# safepoll with raw epoll: each count must be the file's (wc -l).
#   sh examples/tests/line_counts.sh README.md examples
set -u
readme=$1 dir=$2
fails=0 count=0
for f in "$dir"/*.c; do
	count=$((count + 1))
	want=$(wc -l <"$f")
	got=$(sed -n "s/^| \`$(echo "$f" | sed 's|/|\\/|g')\` | \([0-9]*\) |.*/\1/p" "$readme")
	if [ "$got" != "$want" ]; then
		echo "FAIL: $readme says $f has '${got:-no count}' lines; it has $want"
		fails=$((fails + 1))
	fi
done
[ $fails -eq 0 ] || exit 1
echo "line counts: $count examples in $readme, each as wc -l counts it"
