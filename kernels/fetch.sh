#!/bin/sh
# Fetch Debian's cloud kernels (one per series) into a cache, without touching
# the system's apt configuration: a private sources list, lists and cache
# directory.  The archive's address is the one this system already uses, so no
# mirror is hard-coded.  Prints "SERIES PATH-TO-vmlinuz" per kernel.
# Usage: kernels/fetch.sh CACHE-DIR SERIES...   (SERIES: 5.10 6.1 6.12)
set -eu
cache=$1; shift
mkdir -p "$cache"
cache=$(cd "$cache" && pwd)

uri=$(apt-get indextargets --format '$(REPO_URI)' 2>/dev/null \
	| grep -v -e security -e cloud.google -e nodesource | grep /debian/ | head -n 1)
sec=$(apt-get indextargets --format '$(REPO_URI)' 2>/dev/null \
	| grep /debian-security/ | head -n 1)
[ -n "$uri" ] || { echo "kernels/fetch.sh: no Debian archive in this system's apt sources (apt-get indextargets); cannot fetch kernels" >&2; exit 2; }
[ -n "$sec" ] || sec=$(echo "$uri" | sed 's,/debian/$,/debian-security/,')
command -v dpkg-deb >/dev/null || { echo "kernels/fetch.sh: dpkg-deb not found (apt-get install dpkg-dev)" >&2; exit 2; }
keys=/usr/share/keyrings/debian-archive-keyring.gpg
[ -r "$keys" ] || { echo "kernels/fetch.sh: $keys missing (apt-get install debian-archive-keyring)" >&2; exit 2; }

apt=$cache/apt
mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$cache/debs"
src=$apt/sources.list
: > "$src.new"
for s in bullseye bookworm trixie; do
	echo "deb [signed-by=$keys] $uri $s main" >> "$src.new"
	echo "deb [signed-by=$keys] $uri $s-updates main" >> "$src.new"
	echo "deb [signed-by=$keys] $sec $s-security main" >> "$src.new"
done
mv "$src.new" "$src"
opts="-o Dir::Etc::sourcelist=$src -o Dir::Etc::sourceparts=- -o Dir::State::Lists=$apt/lists -o Dir::Cache=$apt/cache -o APT::Get::List-Cleanup=0 -o APT::Sandbox::User=root"

# Lists are refreshed once a day at most: the newest kernel of a series moves.
stamp=$apt/updated
if [ ! -f "$stamp" ] || [ -n "$(find "$stamp" -mmin +1440)" ]; then
	# shellcheck disable=SC2086
	apt-get $opts -qq update >&2 || { echo "kernels/fetch.sh: apt-get update from $uri failed" >&2; exit 2; }
	touch "$stamp"
fi

for series in "$@"; do
	case $series in
	5.10) pat='^linux-image-5\.10\.0-[0-9]*-cloud-amd64$' ;;
	6.1) pat='^linux-image-6\.1\.0-[0-9]*-cloud-amd64$' ;;
	6.12) pat='^linux-image-6\.12\.[0-9]*+deb13[^-]*-cloud-amd64$' ;;
	*) echo "kernels/fetch.sh: unknown series $series (5.10, 6.1, 6.12)" >&2; exit 2 ;;
	esac
	# shellcheck disable=SC2086
	pkg=$(apt-cache $opts pkgnames linux-image- | grep "$pat" | sort -V | tail -n 1)
	[ -n "$pkg" ] || { echo "kernels/fetch.sh: no package matching $pat in $uri" >&2; exit 2; }
	out=$cache/$series/$pkg
	if [ ! -f "$out/vmlinuz" ]; then
		deb=$(ls "$cache/debs/${pkg}_"*.deb 2>/dev/null | head -n 1 || true)
		if [ -z "$deb" ]; then
			# shellcheck disable=SC2086
			(cd "$cache/debs" && apt-get $opts -qq download "$pkg" >&2) \
				|| { echo "kernels/fetch.sh: apt-get download $pkg failed" >&2; exit 2; }
			deb=$(ls "$cache/debs/${pkg}_"*.deb | head -n 1)
		fi
		rm -rf "$out.tmp" && mkdir -p "$out.tmp"
		dpkg-deb -x "$deb" "$out.tmp/root"
		cp "$out.tmp"/root/boot/vmlinuz-* "$out.tmp/vmlinuz"
		rm -rf "$out.tmp/root" "$out"
		mv "$out.tmp" "$out"
	fi
	echo "$series $out/vmlinuz"
done
