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

# --check: the kernel's lines and nothing else where all three agree, with
# the status each trace names (check-blocked: 3, the others 0), also when
# descriptors above 2 were inherited.
for t in "$dir"/check-*.trace; do
	count=$((count + 1))
	case $t in *check-blocked*) want=3 ;; *) want=0 ;; esac
	"$replay" --check "$t" >/tmp/replay-test.out.$$ 2>/tmp/replay-test.err.$$ 6</dev/null
	rc=$?
	[ $rc -eq $want ] || fail "$t --check: exit status $rc, expected $want: $(cat /tmp/replay-test.err.$$)"
	cmp -s /tmp/replay-test.out.$$ "${t%.trace}.out" ||
		fail "$t --check: output differs from ${t%.trace}.out:
$(diff /tmp/replay-test.out.$$ "${t%.trace}.out")"
done

# The model says at once that a wait blocks for ever.
count=$((count + 1))
# (The kernel waits 10 s; 9 s is a bound only a real wait reaches.)
timeout 9 "$replay" --model "$dir/check-blocked.trace" >/dev/null 2>&1
rc=$?
[ $rc -eq 3 ] || fail "--model check-blocked: status $rc (124: it waited)"

# Several traces: each under a "# FILE" line, each from descriptor 3.
count=$((count + 1))
"$replay" --check "$dir/example.trace" "$dir/check-fds.trace" >/tmp/replay-test.out.$$ 2>/tmp/replay-test.err.$$
rc=$?
{ echo "# $dir/example.trace"; cat "$dir/example.out"; echo "# $dir/check-fds.trace"; cat "$dir/check-fds.out"; } |
	cmp -s - /tmp/replay-test.out.$$ && [ $rc -eq 0 ] || fail "two traces in one run (status $rc)"

# --check's summary on stderr: one line, also when all agree.
count=$((count + 1))
echo "safepoll-replay --check: 2 traces, $(($(grep -c . "$dir/example.out") + $(grep -c . "$dir/check-fds.out"))) operations: 2 agree, 0 differ, 0 blocked, 0 failed" |
	cmp -s - /tmp/replay-test.err.$$ || fail "--check summary: $(cat /tmp/replay-test.err.$$)"
"$replay" --check "$dir/check-blocked.trace" >/dev/null 2>/tmp/replay-test.err.$$
grep -q '^safepoll-replay --check: 1 trace, .* 0 agree, 0 differ, 1 blocked, 0 failed$' /tmp/replay-test.err.$$ ||
	fail "--check summary of a blocked trace: $(cat /tmp/replay-test.err.$$)"

# --help: status 0, on stdout, naming every option the parser takes.
count=$((count + 1))
"$replay" --help >/tmp/replay-test.out.$$ 2>/tmp/replay-test.err.$$
rc=$?
[ $rc -eq 0 ] && [ ! -s /tmp/replay-test.err.$$ ] || fail "--help: status $rc or stderr"
for opt in $(sed -n 's/.*strcmp(a, "\(--[a-z]*\)").*/\1/p' replay/main.c); do
	grep -q -- "$opt" /tmp/replay-test.out.$$ || fail "--help does not name $opt"
done
"$replay" --bogus "$dir/example.trace" >/dev/null 2>/tmp/replay-test.err.$$
grep -q "unknown option '--bogus'" /tmp/replay-test.err.$$ && grep -q -- "--wrapper" /tmp/replay-test.err.$$ ||
	fail "--bogus: no usage naming the options: $(cat /tmp/replay-test.err.$$)"

# A result file given for a trace: said so, status 2, nothing run.
count=$((count + 1))
"$replay" --kernel "$dir/example.out" >/tmp/replay-test.out.$$ 2>/tmp/replay-test.err.$$
rc=$?
[ $rc -eq 2 ] && [ ! -s /tmp/replay-test.out.$$ ] &&
	grep -q "example.out: this is a result file .*give the .trace file" /tmp/replay-test.err.$$ ||
	fail "a .out given as a trace: status $rc: $(cat /tmp/replay-test.err.$$)"

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
