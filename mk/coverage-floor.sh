#!/bin/sh
# Fails when the coverage of src/ (lcov --summary) is below the committed
# floor: "lines N" and "branches N", percentages.
set -eu
summary=$1 floor=$2
got_lines=$(sed -n 's/^ *lines\.*: *\([0-9.]*\)%.*/\1/p' "$summary")
got_branches=$(sed -n 's/^ *branches\.*: *\([0-9.]*\)%.*/\1/p' "$summary")
want_lines=$(awk '$1 == "lines" {print $2}' "$floor")
want_branches=$(awk '$1 == "branches" {print $2}' "$floor")
echo "coverage of src/: lines $got_lines% (floor $want_lines%), branches $got_branches% (floor $want_branches%)"
awk -v a="$got_lines" -v b="$want_lines" -v c="$got_branches" -v d="$want_branches" \
	'BEGIN { exit !(a + 0 >= b + 0 && c + 0 >= d + 0) }' || {
	echo "coverage-floor: below the floor in $floor"
	exit 1
}
