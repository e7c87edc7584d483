#!/bin/sh
# The replay's own tests: every malformed trace here is rejected with
# FILE:LINE (the exact message in NAME.err), exit status 2 and nothing
# run; the well-formed ones print exactly NAME.out in each mode named on
# the command line.
#   sh replay/tests/run.sh REPLAY MODE...      (MODE: kernel, model, ...)
set -u
replay=$1
shift
dir=replay/tests
fails=0
count=0

fail() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}

for t in "$dir"/bad-*.trace; do
	count=$((count + 1))
	for mode in "$@"; do
		"$replay" --"$mode" "$t" >/tmp/replay-test.out.$$ 2>/tmp/replay-test.err.$$
		rc=$?
		[ $rc -eq 2 ] || fail "$t --$mode: exit status $rc, expected 2"
		[ -s /tmp/replay-test.out.$$ ] && fail "$t --$mode: printed lines; nothing should run"
		cmp -s /tmp/replay-test.err.$$ "${t%.trace}.err" ||
			fail "$t --$mode: message differs: $(cat /tmp/replay-test.err.$$)"
	done
done

# A malformed trace among good ones: none of them runs.
count=$((count + 1))
for mode in "$@"; do
	"$replay" --"$mode" "$dir/example.trace" "$dir/bad-late-line.trace" \
		>/tmp/replay-test.out.$$ 2>/dev/null
	rc=$?
	[ $rc -eq 2 ] && [ ! -s /tmp/replay-test.out.$$ ] ||
		fail "--$mode example + bad-late-line: status $rc or lines printed"
done

for t in "$dir"/ok-*.trace "$dir"/example.trace; do
	count=$((count + 1))
	for mode in "$@"; do
		"$replay" --"$mode" "$t" >/tmp/replay-test.out.$$ 2>/tmp/replay-test.err.$$
		rc=$?
		[ $rc -eq 0 ] || fail "$t --$mode: exit status $rc: $(cat /tmp/replay-test.err.$$)"
		cmp -s /tmp/replay-test.out.$$ "${t%.trace}.out" ||
			fail "$t --$mode: output differs from ${t%.trace}.out:
$(diff /tmp/replay-test.out.$$ "${t%.trace}.out")"
	done
done

# The example from standard input, with descriptors inherited above 2
# (closed first, so the trace still starts at 3).
count=$((count + 1))
for mode in "$@"; do
	"$replay" --"$mode" - <"$dir/example.trace" >/tmp/replay-test.out.$$ 5</dev/null 9</dev/null
	cmp -s /tmp/replay-test.out.$$ "$dir/example.out" || fail "example on stdin --$mode"
done

# Usage errors: exit status 2.
count=$((count + 1))
"$replay" >/dev/null 2>&1; [ $? -eq 2 ] || fail "no trace: expected status 2"
"$replay" --bogus "$dir/example.trace" >/dev/null 2>&1; [ $? -eq 2 ] || fail "--bogus: expected status 2"
"$replay" --kernel --model "$dir/example.trace" >/dev/null 2>&1; [ $? -eq 2 ] || fail "two modes: expected status 2"
"$replay" --kernel "$dir/no-such.trace" >/dev/null 2>&1; [ $? -eq 2 ] || fail "missing file: expected status 2"

rm -f /tmp/replay-test.out.$$ /tmp/replay-test.err.$$
if [ $fails -ne 0 ]; then
	echo "test-replay: $fails failure(s)"
	exit 1
fi
echo "test-replay: $count cases passed ($*)"
