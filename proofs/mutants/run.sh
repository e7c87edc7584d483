#!/bin/sh
# make prove-mutants (mk/mutants.mk): plants each bug of proofs/mutants/*.sed
# in a copy of src/ and runs the proof that must fail on it.
#   sh proofs/mutants/run.sh BUILD [NAME...]
# MUTANT_SET=DIR runs another set, such as the mutants that wait for
# contracts (proofs/mutants/README.md); make prove-mutants does not.
# A mutant file says, in its header, the file it changes (# file:) and the
# proofs to run (# proof: eva and/or wp:FUNCTIONS, WP restricted to those).
# An inline function of safepoll_loop.h has one copy per unit Frama-C reads
# (mk/prove.mk): a mutant of it proves the copy wait.c calls, its last unit's
# (safepoll_event_4 with the six units of src/ that include safepoll.h; a
# name that no longer exists proves nothing and shows as MISSED).
# It must change exactly one line of that file: one bug, and a sed that no
# longer matches src/ (or matches too much) shows up as MISSED, not as a
# mutant that tests something else.
# It is caught when the proof fails on a goal (or Eva on an alarm) that the
# same proof of the unchanged src/ does not fail on: a goal that times out
# on src/ too proves nothing about the bug.  The failed goals are printed.
set -u
build=$1
shift
top=$build/mutants
make="${MAKE:-make} --no-print-directory"
# The unchanged src/'s failures are kept for as long as nothing they
# depend on changes (src/ is edited while mutants are written).
key=$(cat src/*.* src/safepoll/* specs/kernel/*.h specs/kernel/sys/*.h proofs/eva/* \
	proofs/eva_driver.c mk/eva.mk mk/mutants.mk mk/prove.mk 2>/dev/null |
	md5sum | cut -c1-12)
base=$top/baseline-$key
mkdir -p "$base"
caught=0 missed=0 list=

# The failures of one proof run, one a line, comparable across copies.
eva_failures() { # LOG
	grep -A1 '^\[eva:alarm\]' "$1" | grep -v '^--' | paste - - |
		sed -e 's/^\[eva:alarm\] [^ ]*\/\([^/ ]*:[0-9]*\):\( Warning:\)\{0,1\} */\1 /' \
		    -e 's/\t */ /g' | sort -u
}
wp_failures() { # LOG: failed goals and smoke tests, then the gate's errors
	{ grep -o '^\[wp\] \[Failed\] \(Goal\|Smoke-test\) [A-Za-z0-9_]*' "$1" |
		sed 's/^\[wp\] \[Failed\] //'
	  grep -o '^\[ERROR:[^]]*\] [A-Za-z0-9_]*' "$1"; } | sort -u
}

# Runs PROOF (eva or wp:FCTS) over SRC into DIR; prints its failures.
run_proof() { # PROOF SRC DIR
	case $1 in
	eva)
		$make prove-eva PROVE_SRC="$2" EVA_OUT="$3/eva" >/dev/null 2>&1
		eva_failures "$3/eva/eva.log" ;;
	wp:*)
		mkdir -p "$3"
		rm -rf "$3/session"
		python3 proofs/cache.py unpack proofs/wp-cache.txt \
			"$3/session/cache"
		$make mutant-wp PROVE_SRC="$2" MUTANT_DIR="$3" \
			MUTANT_FCT="${1#wp:}" >/dev/null 2>&1
		wp_failures "$3/wp.log" ;;
	esac
}

baseline() { # PROOF -> file of the unchanged src's failures
	b=$base/$(echo "$1" | tr ':,' '__')
	if [ ! -f "$b.failures" ]; then
		run_proof "$1" src "$b" > "$b.failures"
	fi
	echo "$b.failures"
}

for m in ${MUTANT_SET:-proofs/mutants}/*.sed; do
	name=$(basename "$m" .sed)
	if [ $# -gt 0 ]; then
		case " $* " in *" $name "*) ;; *) continue ;; esac
	fi
	file=$(sed -n 's/^# file: //p' "$m")
	proofs=$(sed -n 's/^# proof: //p' "$m")
	dir=$top/$name
	rm -rf "$dir"
	mkdir -p "$dir"
	cp -r src "$dir/src"
	sed -f "$m" "src/$file" > "$dir/src/$file"
	verdict=MISSED why= start=$(date +%s)
	lines=$(diff "src/$file" "$dir/src/$file" | grep -c '^>')
	# A header is compiled through every unit that includes it.
	case $file in
	*.h) units=$(ls "$dir"/src/*.c) ;;
	*) units=$dir/src/$file ;;
	esac
	if cmp -s "src/$file" "$dir/src/$file"; then
		why="not applied: src/$file no longer has the line it changes"
	elif [ "$lines" -ne 1 ] ||
	     [ "$(diff "src/$file" "$dir/src/$file" | grep -c '^<')" -ne 1 ]; then
		why="changes $lines lines of src/$file, not one"
	elif ! (for u in $units; do
			gcc -std=c11 -D_GNU_SOURCE -I"$dir/src" -fsyntax-only \
				"$u" || exit 1
		done) 2> "$dir/gcc.log"; then
		why="does not compile (not a real bug): $dir/gcc.log"
	else
		for p in $proofs; do
			run_proof "$p" "$dir/src" "$dir/$(echo "$p" | tr ':,' '__')" \
				> "$dir/failures"
			comm -13 "$(baseline "$p")" "$dir/failures" > "$dir/new"
			if [ -s "$dir/new" ]; then
				verdict=caught
				# a goal's name says more than the gate's summary
				first=$(grep -v '^\[' "$dir/new" | head -3 |
					tr '\n' ' ')
				[ -n "$first" ] ||
					first=$(head -2 "$dir/new" | tr '\n' ' ')
				why="$p: $first($(wc -l < "$dir/new") new)"
				break
			fi
			why="${why:+$why; }$p: no new failure"
		done
	fi
	printf '%-28s %-6s %4ss  %s\n' "$name" "$verdict" \
		"$(($(date +%s) - start))" "$why"
	if [ $verdict = caught ]; then
		caught=$((caught + 1))
	else
		missed=$((missed + 1))
		list="$list $name"
	fi
done
echo "prove-mutants: $caught caught, $missed missed${list:+ ($list )}"
[ $missed -eq 0 ]
