#!/bin/sh
# make test-language: trace/LANGUAGE.md against the code that implements
# it.  Its operation table and word lists must be the parser's own (read
# from trace/parse.c and trace/events.c), every operation and EVENTS word
# must appear in an example, and every example must run as written:
# a ```trace block with --check to status 0 printing the ```out block
# after it, a ```bad block refused with status 2 and the ```err block.
#   sh trace/tests/language.sh REPLAY [LANGUAGE.md]
set -u
replay=$1
doc=${2:-trace/LANGUAGE.md}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0 count=0

fail() {
	echo "FAIL: $doc: $*"
	fails=$((fails + 1))
}

[ -r "$doc" ] || { echo "test-language: cannot read $doc"; exit 1; }

# The fenced blocks, numbered in order: $tmp/N.KIND and $tmp/N.line (the
# line of the doc it starts on, for messages).
awk -v dir="$tmp" '
	/^```[a-z]+$/ && !inside { inside = 1; n++; kind = substr($0, 4)
		file = dir "/" n "." kind; print "" > file
		printf "%d\n", NR > (dir "/" n ".line"); next }
	/^```$/ && inside { inside = 0; close(file); next }
	inside { print > file }
' "$doc"
for f in "$tmp"/*.*; do
	case $f in *.line) continue ;; esac
	sed -i 1d "$f" # the empty line awk's first print made
done

# 0. The repository's own definition is the one it points to.
count=$((count + 1))
outside=$(grep -rIl --exclude-dir=.git --exclude-dir=build 'shared/TRACE\.md' . 2>/dev/null)
[ -z "$outside" ] || fail "files point outside the repository for the language: $outside"

# 1. Operations: the parser's table, its message, the doc's table.
sed -n 's/^\t{"\([a-z]*\)", TRACE_[A-Z]*, [0-9], [0-9], ".*"},$/\1/p' \
	trace/parse.c | sort >"$tmp/ops.parser"
[ -s "$tmp/ops.parser" ] || fail "no operation found in trace/parse.c's table"
sed -n 's/^| `\([a-z]*\)[ `].*/\1/p' "$doc" | sort >"$tmp/ops.doc"
printf 'epoll E\nbogus\n' | "$replay" --kernel - 2>&1 >/dev/null |
	sed -n 's/.*expected an operation (\([a-z ]*\)).*/\1/p' | tr ' ' '\n' |
	sort >"$tmp/ops.message"
count=$((count + 1))
cmp -s "$tmp/ops.parser" "$tmp/ops.doc" ||
	fail "operation table differs from trace/parse.c (< parser, > doc):
$(diff "$tmp/ops.parser" "$tmp/ops.doc")"
cmp -s "$tmp/ops.parser" "$tmp/ops.message" ||
	fail "the parser's message lists other operations than its table:
$(diff "$tmp/ops.parser" "$tmp/ops.message")"

# 2. EVENTS words: accepted ones in the doc's list, printed ones in the
# doc's order.
words_of() { # the {"word", BIT} entries of one table of trace/events.c
	awk -v table="$1" '
		$0 ~ "^static const struct word " table "\\[\\]" { on = 1; next }
		on && /^};/ { exit }
		on { while (match($0, /\{"[a-z]+"/)) {
			print substr($0, RSTART + 2, RLENGTH - 3)
			$0 = substr($0, RSTART + RLENGTH) } }
	' trace/events.c
}
words_of in_words | tr '\n' ' ' | sed 's/ $//' >"$tmp/in.parser"
words_of out_words | tr '\n' ' ' | sed 's/ $//' >"$tmp/out.parser"
count=$((count + 1))
grep -qx "    $(cat "$tmp/in.parser")" "$doc" ||
	fail "the EVENTS list is not trace/events.c's: $(cat "$tmp/in.parser")"
tr '\n' ' ' <"$doc" | grep -q "come in this order: \`$(cat "$tmp/out.parser")\`" ||
	fail "the printing order is not trace/events.c's: $(cat "$tmp/out.parser")"

# 3. Every operation and every EVENTS word in some example.
cat "$tmp"/*.trace 2>/dev/null | sed 's/#.*//' >"$tmp/all-examples"
count=$((count + 1))
for op in $(cat "$tmp/ops.parser"); do
	grep -q "^[ 	]*$op[ 	]" "$tmp/all-examples" ||
		fail "no example uses the operation '$op'"
done
for w in $(cat "$tmp/in.parser") none; do
	grep -Eq "[ 	|]$w([ 	|]|\$)" "$tmp/all-examples" ||
		fail "no example uses the EVENTS word '$w'"
done

# 4. The examples run as written.
n=1
while [ -e "$tmp/$n.line" ]; do
	at="line $(cat "$tmp/$n.line")"
	next=$((n + 1))
	if [ -e "$tmp/$n.trace" ]; then
		count=$((count + 1))
		"$replay" --check - <"$tmp/$n.trace" >"$tmp/got" 2>"$tmp/err"
		rc=$?
		if [ $rc -ne 0 ]; then
			fail "$at: --check exit status $rc: $(cat "$tmp/got" "$tmp/err")"
		elif [ ! -e "$tmp/$next.out" ]; then
			fail "$at: a trace block with no out block after it"
		elif ! cmp -s "$tmp/got" "$tmp/$next.out"; then
			fail "$at: output differs from the out block:
$(diff "$tmp/$next.out" "$tmp/got")"
		fi
	elif [ -e "$tmp/$n.bad" ]; then
		count=$((count + 1))
		"$replay" --kernel - <"$tmp/$n.bad" >"$tmp/got" 2>"$tmp/err"
		rc=$?
		if [ $rc -ne 2 ] || [ -s "$tmp/got" ]; then
			fail "$at: a bad trace gave status $rc (expected 2), or ran"
		elif [ ! -e "$tmp/$next.err" ]; then
			fail "$at: a bad block with no err block after it"
		elif ! cmp -s "$tmp/err" "$tmp/$next.err"; then
			fail "$at: message differs: $(cat "$tmp/err")"
		fi
	fi
	n=$next
done

if [ $fails -ne 0 ]; then
	echo "test-language: $fails failure(s)"
	exit 1
fi
echo "test-language: $count checks passed ($doc)"
