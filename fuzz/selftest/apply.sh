#!/bin/sh
# apply.sh SED TREE: plants the bug SED describes into the copy TREE of the
# sources (the file its "# file:" line names), and fails when the edit no
# longer changes anything: the code it aims at moved, and the selftest
# would test nothing.
set -eu
sed_file=$1 tree=$2
target=$(sed -n 's/^# file: //p' "$sed_file")
[ -n "$target" ] || { echo "$sed_file: no '# file:' line" >&2; exit 1; }
sed -i -f "$sed_file" "$tree/$target"
if cmp -s "$target" "$tree/$target"; then
	echo "$sed_file: changes nothing in $target: update the planted bug" >&2
	exit 1
fi
diff -u "$target" "$tree/$target" | sed -n 's/^[-+]\t/&/p' | head -4
