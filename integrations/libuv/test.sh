#!/bin/sh
# test.sh DIR SAFEPOLL_A: make test-libuv.  Fetches libuv (fetch.sh),
# builds it plain and in each safepoll variant (build.sh), runs its suite
# on each (run.sh), one after the other, and judges them (compare.py).
set -eu

dir=${1:?usage: test.sh DIR SAFEPOLL_A}
lib=${2:?}
here=$(dirname "$0")
variants="safepoll check grow sigprof"

sh "$here/fetch.sh" "$dir"
for v in plain $variants; do
	echo "libuv: building $v"
	sh "$here/build.sh" "$v" "$dir/src" "$dir/$v" "$lib"
done
for v in plain $variants; do
	echo "libuv: running the test suite on $v"
	rm -rf "$dir/$v/run"
	sh "$here/run.sh" "$dir/$v" "$dir/$v/run" >"$dir/$v/tap.txt" 2>&1 || :
done
python3 "$here/compare.py" "$dir" plain $variants
