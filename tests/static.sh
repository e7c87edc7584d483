#!/bin/sh
# The library's shape, as the README promises it: no writable data symbol
# (no global state), no allocation outside safepoll_new, and no global name
# outside safepoll_* in the static library (hardening defect 7: an
# application's own sp_time_left replaced safepoll's).
# Usage: static.sh LIBSAFEPOLL.A OBJECT...
set -eu
lib=$1
shift
fail=0

data=$(nm "$lib" | awk '$2 ~ /^[DdBbGgSs]$/ {print $3}')
if [ -n "$data" ]; then
	echo "test-static: writable data symbols in $lib: $data"
	fail=1
fi

foreign=$(nm -g --defined-only "$lib" | awk 'NF == 3 && $3 !~ /^safepoll_/ {print $3}')
if [ -n "$foreign" ]; then
	echo "test-static: $lib exports names outside safepoll_*: $foreign"
	fail=1
fi
exported=$(nm -g --defined-only "$lib" | awk 'NF == 3' | wc -l)
if [ "$exported" -eq 0 ]; then
	echo "test-static: $lib exports nothing"
	fail=1
fi

allocators='malloc|calloc|realloc|free|reallocarray|aligned_alloc|posix_memalign'
users=$(nm -A "$@" | awk -v re="^($allocators)\$" '$2 == "U" && $3 ~ re {print $1}' |
	sed 's/:$//; s/.*\///' | sort -u)
if [ "$users" != "instance.o" ]; then
	echo "test-static: allocation outside instance.o: $users"
	fail=1
fi
# Only safepoll_new allocates, and only safepoll_free frees, in the source.
calls=$(grep -nE '\b(malloc|calloc|realloc|free)\(' src/*.c | grep -v '^src/instance.c' || true)
if [ -n "$calls" ]; then
	echo "test-static: allocation call outside src/instance.c: $calls"
	fail=1
fi
[ $fail -eq 0 ] && echo "test-static: no writable data, allocation only in safepoll_new, only safepoll_* exported"
exit $fail
