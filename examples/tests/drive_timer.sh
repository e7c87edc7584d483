#!/usr/bin/env bash
# Drives examples/timer_signal: three SIGUSR1, each answered by one
# "timer N" line, then SIGTERM, answered by the summary and status 0.
# Each signal is sent only after the answer to the one before, so the
# output is the same on every run; the 10 s read bounds only turn a hang
# into a failure.
#   bash examples/tests/drive_timer.sh PROGRAM
set -u
prog=$1
tmp=$(mktemp -d)
pid=
cleanup() {
	[ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
fail() {
	echo "FAIL: $prog: $*"
	exit 1
}
expect() {
	local line
	read -r -t 10 line <&3 || fail "no line after $2 (expected '$1')"
	[ "$line" = "$1" ] || fail "after $2: '$line', expected '$1'"
}

mkfifo "$tmp/out"
"$prog" >"$tmp/out" &
pid=$!
exec 3<"$tmp/out"
expect ready "the start"
for i in 1 2 3; do
	kill -USR1 "$pid"
	expect "timer $i" "SIGUSR1 number $i"
done
kill -TERM "$pid"
expect "stopping after 3 timers" SIGTERM
wait "$pid"
rc=$?
pid=
[ $rc -eq 0 ] || fail "exit status $rc after SIGTERM"
echo "$prog: 5 passed, 0 failed"
