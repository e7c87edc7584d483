#!/bin/sh
# finding.sh CRASH OUTDIR FUZZER TOOL REPLAY: makes a fuzzer crash a
# finding a person can read: the input's trace, cut to the fewest lines
# that still show the same first difference (safepoll-fuzz-tool
# minimize), saved as OUTDIR/finding-<hash>.trace with the commands that
# reproduce it; then prints it.  A finding seen before (the same kind of
# first difference) is not saved twice.  Prints the file's name on the
# last line, or `-` when the input no longer shows anything.
set -u
crash=$1 out=$2 fuzzer=$3 tool=$4 replay=$5
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if "$tool" minimize "$crash" "$tmp/min.trace" > "$tmp/minimize.log" 2>&1; then
	how="the harness sees it outside the fuzzer"
else
	# No difference the harness can show on its own: a crash of the
	# fuzzer itself (a sanitizer's report), kept as decoded, uncut; or
	# nothing at all any more (fixed since), which is no finding.
	if [ -n "${FINDING_STDIN:-}" ]; then # AFL++: input on stdin
		"$fuzzer" < "$crash" > "$tmp/report" 2>&1
	else
		"$fuzzer" -runs=1 "$crash" > "$tmp/report" 2>&1
	fi
	if [ $? -eq 0 ]; then
		echo "$crash: does not reproduce (fixed since it was found?)"
		echo "-"
		exit 0
	fi
	how="the harness does not show it outside the fuzzer; the fuzzer's own report:"
	{
		echo "# safepoll fuzz finding, not cut (see the report below)"
		grep -E "ERROR|SUMMARY|#[0-9]+ 0x|====|^!|^line" "$tmp/report" |
			head -20 | sed 's/^/#   /'
		"$tool" decode "$crash"
	} > "$tmp/min.trace"
fi
# The same bug, reached by other names and numbers: the same kind of
# line (the operation, the kernel's answer) and the same first `!` tag.
# safepoll_check's verdict counts too: EUCLEAN, or a wrong orphan count.
sig=$(sed -n 's/^#   line [0-9]*: \([a-z]*\) .* => \([^ ]*\).*/\1 \2/p
	s/^#   \(! safepoll: [a-z_]*\) .* => \([A-Z]*\).*/\1 \2/p
	s/^#   \(! [a-z]*: [a-z_]*\) .*/\1/p' "$tmp/min.trace" |
	head -2 | tr '\n' ' ')
[ -n "$sig" ] || sig=$(grep -v '^#' "$tmp/min.trace")
hash=$(printf '%s' "$sig" | md5sum | cut -c1-12)
file=$out/finding-$hash.trace
if [ -f "$file" ] && [ "$(grep -vc '^#' "$file")" -le "$(grep -vc '^#' "$tmp/min.trace")" ]; then
	echo "$crash: the same as $file"
	echo "$file"
	exit 0
fi
"$replay" --check "$tmp/min.trace" > "$tmp/replay.out" 2>&1
rs=$?
case $rs in
0) verdict="exit 0: safepoll-replay does not see it (only the harness's stricter checks do)" ;;
1) verdict="exit 1: reproduces" ;;
*) verdict="exit $rs" ;;
esac
{
	echo "# from $crash ($how)"
	echo "# reproduce: $replay --check $file   ($verdict)"
	echo "#       and: $tool check $file"
	grep '^! ' "$tmp/replay.out" | head -3 | sed 's/^/# replay: /'
	cat "$tmp/min.trace"
} > "$file"
echo "== finding: $file"
cat "$file"
echo "$file"
