#!/bin/sh
# make test-prove-gate: each way to make make prove accept what it did not
# prove is planted in a copy of src/, and prove-assumed (proofs/assumed.py)
# must fail on it with a message that says what and where; the clean copy
# must pass.  A cheat the gate let through is a failure of this test.
#   sh proofs/gate/test.sh OUTDIR
set -u
out=$1
make="${MAKE:-make} --no-print-directory"
rm -rf "$out"
mkdir -p "$out"
passed=0 failed=0

# gate NAME EXPECT [MAKE-ARGS...]: runs prove-assumed (or $target) on
# $out/NAME/src; EXPECT "pass", or a text the failure's message must
# contain.
gate() {
	name=$1 expect=$2
	shift 2
	$make ${target:-prove-assumed} PROVE_SRC="$out/$name/src" \
		PROVE_ASSUMED_OUT="$out/$name/out" \
		PROVE_PLAN="$out/$name/plan" "$@" > "$out/$name/log" 2>&1
	rc=$?
	if [ "$expect" = pass ]; then
		ok=$([ $rc -eq 0 ] && echo y)
	else
		ok=$([ $rc -ne 0 ] && grep -qF -- "$expect" "$out/$name/log" &&
			echo y)
	fi
	if [ "$ok" = y ]; then
		passed=$((passed + 1))
		printf '%-26s ok    %s\n' "$name" \
			"$(grep -m1 '^prove: ' "$out/$name/log" | cut -c1-100)"
	else
		failed=$((failed + 1))
		printf '%-26s FAIL  exit %s, wanted %s (log: %s)\n' "$name" \
			"$rc" "$expect" "$out/$name/log"
	fi
}

# plant NAME FILE: a copy of src/ whose FILE gets stdin's text appended.
plant() {
	mkdir -p "$out/$1"
	cp -r src "$out/$1/src"
	cat >> "$out/$1/src/$2"
}

# edit NAME FILE SED: a copy of src/ whose FILE is edited by SED, which
# must change it (else the test would test the clean tree).
edit() {
	mkdir -p "$out/$1"
	cp -r src "$out/$1/src"
	sed -e "$3" "src/$2" > "$out/$1/src/$2"
	if cmp -s "src/$2" "$out/$1/src/$2"; then
		echo "$1: the edit no longer matches src/$2" >&2
		failed=$((failed + 1))
		return 1
	fi
}

plant clean timeout.c < /dev/null
gate clean pass

# An admitted assertion: WP takes it as proved.
plant admit-assert timeout.c <<'C'
int sp_cheat(int x);
int sp_cheat(int x)
{
	//@ admit x == 1;
	return x;
}
C
gate admit-assert "src/timeout.c"

# An admitted lemma (Frama-C prints it as an axiom) in each file of src/:
# the message names the file.
for f in $(cd src && find . -type f | sed 's|^\./||' | sort); do
	n=$(echo "$f" | tr -c 'A-Za-z0-9\n' '_')
	plant "admit-lemma-$n" "$f" <<C
/*@ admit lemma cheat_$n: \\forall integer x; x == x + 1; */
C
	gate "admit-lemma-$n" "axiom cheat_$n ($out/admit-lemma-$n/src/$f:"
done

# An admitted postcondition of a proved function.
edit admit-ensures timeout.h \
	's/^  ensures range: /  admit ensures range: /' &&
	gate admit-ensures "admit ensures range"

# An admitted loop invariant.
plant admit-loop wait.c <<'C'
int sp_cheat(int n);
int sp_cheat(int n)
{
	int i = 0;
	/*@ admit loop invariant i >= 0;
	    loop assigns i; */
	while (i < n)
		i++;
	return i;
}
C
gate admit-loop "admit loop invariant"

# An axiom, in an axiomatic, in a C file and in a header.
plant axiom-c timeout.c <<'C'
/*@ axiomatic Cheat { axiom cheat: \forall integer x; x == x + 1; } */
C
gate axiom-c "axiom cheat"
plant axiom-h check.h <<'C'
/*@ axiomatic Cheat { axiom cheat: \forall integer x; x == x + 1; } */
C
gate axiom-h "axiom cheat (${out}/axiom-h/src/check.h"

# A check clause: proved, but not what callers may use.
edit check-ensures timeout.h \
	's/^  ensures range: /  check ensures range: /' &&
	gate check-ensures "check ensures range"
edit check-requires timeout.h \
	's/^  requires positive: /  check requires positive: /' &&
	gate check-requires "check requires positive"

# A precondition or a behaviour that holds of no call.
edit requires-false timeout.h \
	's/^  requires positive: timeout_ms > 0;/  requires positive: \\false;/' &&
	gate requires-false 'requires \false'
plant assumes-false timeout.c <<'C'
/*@ behavior never:
      assumes \false;
      ensures \result == 1;
*/
int sp_cheat(int x);
int sp_cheat(int x)
{
	return x;
}
C
gate assumes-false 'assumes \false'

# A function with a contract and no body, called from proved code.
plant stub timeout.c <<'C'
/*@ assigns \nothing;
    ensures \result == 0; */
int sp_magic(void);
int sp_cheat(void);
int sp_cheat(void)
{
	return sp_magic();
}
C
gate stub "sp_magic: a contract without a body, called by sp_cheat"

# A second declaration of a kernel call, in src/, whose contract Frama-C
# merges into the one trusted.txt lists: its ensures is assumed too.
plant merged timeout.c <<'C'
/*@ ensures cheat: \result == 0; */
int close(int fd);
C
gate merged "close: a clause proofs/trusted.txt does not list: ensures cheat"

# An admitted assertion of one behaviour.
plant admit-for timeout.c <<'C'
/*@ behavior pos: assumes x > 0; ensures \result > 0;
    behavior neg: assumes x <= 0; ensures \result <= 0; */
int sp_cheat(int x);
int sp_cheat(int x)
{
	/*@ for pos: admit x > 0; */
	return x;
}
C
gate admit-for "admit x > 0"

# A libc function (its contract Frama-C's) called from proved code.
plant libc timeout.c <<'C'
#include <stdlib.h>
void *sp_cheat(void);
void *sp_cheat(void)
{
	return malloc(1);
}
C
gate libc "malloc: a contract without a body, called by safepoll_new, sp_cheat"

# A function WP is told to skip that trusted.txt does not list.
plant skip timeout.c < /dev/null
gate skip "sp_time_left: WP skips it" \
	PROVE_SKIP=safepoll_new,safepoll_free,sp_time_left

# An inline function whose copies differ between the units that include
# it (a macro one unit defines): WP proves one copy, so the plan of the
# proof (proofs/plan.py) must refuse to skip the others.
target=prove-plan
plant plan-clean timeout.c < /dev/null
gate plan-clean pass
if edit inline-copy safepoll_loop.h 's/^\tif (slot < sp->capacity && sp->regs\[slot\]\.token == token) {$/#ifdef SP_CHEAT\n\tif (slot < sp->capacity) {\n#else\n&\n#endif/'
then
	sed -i '1i #define SP_CHEAT' "$out/inline-copy/src/wait.c"
	gate inline-copy "is not the same text as safepoll_event"
fi
target=

echo "test-prove-gate: $passed passed, $failed failed"
[ $failed -eq 0 ]
