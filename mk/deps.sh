#!/bin/sh
# Installs the Debian 12 packages the project needs, and only those missing.
# Quick when everything is present; says what it installs.
set -eu

packages="make gcc python3 clang clang-14 libclang-rt-14-dev libfuzzer-14-dev afl++
libcmocka-dev valgrind strace lcov cppcheck clang-tidy clang-tools pkg-config groff-base
frama-c-base why3 z3 cvc4 libgmp-dev
libevent-dev libev-dev libuv1-dev gnuplot-nox
qemu-system-x86 busybox-static dpkg-dev cmake patch python3-yaml"

missing=""
for p in $packages; do
	status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$status" in
	"install ok installed") ;;
	*) missing="$missing $p" ;;
	esac
done

if [ -z "$missing" ]; then
	echo "make deps: all packages present"
	exit 0
fi

echo "make deps: installing:$missing"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing
