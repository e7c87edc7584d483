#!/bin/sh
# fetch.sh DIR: unpacks Debian's libuv1 source (the release this system's
# apt would install) into DIR/src, once; later runs reuse it.
#
# apt reads a sources list, a lists dir and a cache of this script's own
# under DIR, so the system's apt configuration and state stay as they are.
# The deb-src lines are derived from the system's own deb entries for this
# release (its mirror, its snapshot, its keyring), not from a fixed host.
set -eu

dir=${1:?usage: fetch.sh DIR}
want=1.44.2 # the upstream release safepoll-epoll.patch is written against

if [ -f "$dir/src/.fetched" ]; then
	exit 0
fi
for tool in apt-get dpkg-source python3; do
	command -v "$tool" >/dev/null 2>&1 || {
		echo "fetch.sh: $tool not found (packages: apt, dpkg-dev, python3; sh mk/deps.sh installs them)" >&2
		exit 1
	}
done

apt="$dir/apt"
rm -rf "$apt" "$dir/src" "$dir/dl"
mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$dir/dl"
python3 "$(dirname "$0")/debsrc.py" >"$apt/sources.list" || {
	echo "fetch.sh: could not derive a deb-src line from /etc/apt (see above)" >&2
	exit 1
}

set -- -o "Dir::Etc::sourcelist=$PWD/$apt/sources.list" \
	-o Dir::Etc::sourceparts=- \
	-o "Dir::State::Lists=$PWD/$apt/lists" \
	-o "Dir::Cache=$PWD/$apt/cache" \
	-o Debug::NoLocking=1 -q
apt-get "$@" update >"$apt/update.log" 2>&1 || {
	echo "fetch.sh: apt-get update on $apt/sources.list failed:" >&2
	cat "$apt/update.log" >&2
	exit 1
}
(cd "$dir/dl" && apt-get "$@" source --download-only libuv1) \
	>"$apt/source.log" 2>&1 || {
	echo "fetch.sh: apt-get source libuv1 failed:" >&2
	cat "$apt/source.log" >&2
	exit 1
}
dsc=$(ls "$dir"/dl/libuv1_*.dsc 2>/dev/null | head -n 1)
if [ -z "$dsc" ]; then
	echo "fetch.sh: apt-get source left no libuv1_*.dsc in $dir/dl" >&2
	exit 1
fi
case "$(basename "$dsc")" in
libuv1_"$want"-*) ;;
*)
	echo "fetch.sh: $(basename "$dsc") is not libuv $want, which safepoll-epoll.patch is written for" >&2
	exit 1
	;;
esac
# dpkg-source applies Debian's own patches: the tree is what Debian builds.
dpkg-source -x "$dsc" "$dir/src" >"$apt/extract.log" 2>&1 || {
	echo "fetch.sh: dpkg-source -x $dsc failed:" >&2
	cat "$apt/extract.log" >&2
	exit 1
}
basename "$dsc" >"$dir/src/.fetched"
