#!/bin/sh
# run.sh BUILD RUNDIR [TEST...]: runs libuv's test suite (or the tests
# named) of a build.sh tree and prints the runner's TAP.  The exit status
# is the runner's: a failing test is for compare.py to judge.
#
# Tests run in RUNDIR, which holds a copy of the fixtures (the tests find
# them at test/fixtures and write files next to them).  The runner refuses
# root, so as root the tests run as nobody.
set -eu

build=${1:?usage: run.sh BUILD RUNDIR [TEST...]}
rundir=${2:?}
shift 2
bin=$(cd "$build/cmake" && pwd)/uv_run_tests_a
[ -x "$bin" ] || {
	echo "run.sh: $bin not built (build.sh)" >&2
	exit 1
}

if [ ! -d "$rundir/test/fixtures" ]; then
	mkdir -p "$rundir/test"
	cp -a "$build/tree/test/fixtures" "$rundir/test/"
fi
as=
if [ "$(id -u)" = 0 ]; then
	command -v setpriv >/dev/null 2>&1 || {
		echo "run.sh: setpriv not found (util-linux): libuv's tests refuse root" >&2
		exit 1
	}
	chown -R nobody "$rundir"
	as="setpriv --reuid=nobody --regid=nogroup --clear-groups --"
	$as test -x "$bin" || {
		echo "run.sh: user nobody cannot run $bin: make every directory above it searchable (chmod o+x)" >&2
		exit 1
	}
fi
cd "$rundir"
if [ $# -eq 0 ]; then
	exec $as "$bin"
fi
# One test: the runner prints no TAP for it, so print its line here.
rc=0
for t in "$@"; do
	if $as "$bin" "$t" >"$t.out" 2>&1; then
		echo "ok - $t"
	else
		echo "not ok - $t"
		sed 's/^/# /' "$t.out"
		rc=1
	fi
done
exit $rc
