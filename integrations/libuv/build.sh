#!/bin/sh
# build.sh VARIANT SRC OUT SAFEPOLL_A: builds libuv's test runner (and for
# "safepoll" the shared libuv too) from the unpacked source SRC in OUT.
#   plain     libuv as Debian ships it
#   safepoll  with safepoll-epoll.patch, linked to SAFEPOLL_A (-fPIC)
#   check     safepoll, and safepoll_check after every wait
#   grow      safepoll with a table of 2 registrations, so that it grows
#   sigprof   safepoll, every wait masked (safepoll_pwait), as a loop made
#             with UV_LOOP_BLOCK_SIGPROF waits
# The patched tree is made again whenever the patch or the variant changes;
# otherwise cmake rebuilds what changed.
set -eu

variant=${1:?usage: build.sh VARIANT SRC OUT SAFEPOLL_A}
src=${2:?}
out=${3:?}
lib=${4:?}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)

case "$variant" in
plain) patch= defs= ;;
safepoll) patch=$here/safepoll-epoll.patch defs= ;;
check) patch=$here/safepoll-epoll.patch defs=-DUV_SAFEPOLL_CHECK ;;
grow) patch=$here/safepoll-epoll.patch defs=-DUV_SAFEPOLL_CAPACITY=2 ;;
sigprof) patch=$here/safepoll-epoll.patch defs=-DUV_SAFEPOLL_SIGPROF=1 ;;
*)
	echo "build.sh: unknown variant '$variant' (plain, safepoll, check, grow, sigprof)" >&2
	exit 1
	;;
esac
for tool in cmake make patch cc; do
	command -v "$tool" >/dev/null 2>&1 || {
		echo "build.sh: $tool not found (sh mk/deps.sh installs it)" >&2
		exit 1
	}
done
[ -f "$src/CMakeLists.txt" ] || {
	echo "build.sh: $src has no CMakeLists.txt: run fetch.sh first" >&2
	exit 1
}

stamp="$variant $defs $(cat "$src/.fetched")"
if [ -n "$patch" ]; then
	stamp="$stamp $(sha256sum <"$patch")"
fi
mkdir -p "$out"
if [ "$(cat "$out/.stamp" 2>/dev/null)" != "$stamp" ]; then
	rm -rf "$out/tree" "$out/cmake"
	cp -a "$src" "$out/tree"
	if [ -n "$patch" ]; then
		patch -s -d "$out/tree" -p1 <"$patch" || {
			echo "build.sh: $patch does not apply to $(cat "$src/.fetched")" >&2
			exit 1
		}
	fi
	echo "$stamp" >"$out/.stamp"
fi

set -- -DBUILD_TESTING=ON -DLIBUV_BUILD_TESTS=ON \
	-DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_C_FLAGS=$defs"
targets="uv_run_tests_a uv_run_benchmarks_a"
if [ -n "$patch" ]; then
	set -- "$@" "-DSAFEPOLL_INCLUDE_DIR=$top/src" \
		"-DSAFEPOLL_LIBRARY=$(cd "$(dirname "$lib")" && pwd)/$(basename "$lib")"
fi
if [ "$variant" = safepoll ]; then
	targets="$targets uv"
fi
log="$out/build.log"
{
	cmake -S "$out/tree" -B "$out/cmake" "$@" &&
		make -C "$out/cmake" -j"$(nproc)" $targets
} >"$log" 2>&1 || {
	echo "build.sh: building libuv ($variant) failed; the end of $log:" >&2
	tail -n 30 "$log" >&2
	exit 1
}

# Linked into libuv.so, safepoll must not show: libuv would export it.
if [ "$variant" = safepoll ]; then
	so=$(ls "$out"/cmake/libuv.so.*.* | head -n 1)
	if nm -D --defined-only "$so" | grep -q ' safepoll_'; then
		echo "build.sh: $so exports safepoll's names:" >&2
		nm -D --defined-only "$so" | grep ' safepoll_' >&2
		exit 1
	fi
fi
