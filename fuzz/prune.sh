#!/bin/sh
# prune.sh FUZZER DIR LOG: DIR, a libFuzzer corpus, cut to the inputs that
# keep its features (libFuzzer's -merge=1; its lines to LOG).  libFuzzer
# writes an input at each new feature and never deletes one, so a 600 s
# `make fuzz` left some 12,000 files, and every job of the next run
# reads them all at its start and stats each every second (-reload, how
# jobs share their finds): a 120 s run beside the same corpus merged to
# 1,469 files did 9% fewer executions (fuzz/README.md).  Should the merge
# fail, DIR stays as it was.
set -u
fuzzer=$1 dir=$2 log=$3
rm -rf "$dir.merged"
mkdir -p "$dir.merged" || exit 1
if "$fuzzer" -merge=1 -max_len=320 "$dir.merged" "$dir" > "$log" 2>&1 &&
	grep -q "^MERGE-OUTER: [0-9]* new files" "$log"; then
	rm -rf "$dir" && mv "$dir.merged" "$dir"
else
	echo "prune.sh: the merge of $dir failed (see $log); left as it was" >&2
	rm -rf "$dir.merged"
	exit 1
fi
