#!/bin/sh
# make bench: measures every implementation on the same workloads and
# writes bench/results.md (printed too) and bench/results.png.
#
# Three measurements, each of its own kind of run:
#  - user-space instructions: callgrind, collection on only inside the
#    measured region (bench/meter.c), so set-up and warm-up do not count;
#  - system calls: strace, counting the calls between the region's
#    markers;
#  - wall time: plain runs, interleaved (epoll safepoll libevent libev
#    libuv, then again), REPS times for each configuration.
# Knobs (environment): BENCH_REPS, BENCH_W_WALL, BENCH_W_COUNT,
# BENCH_NS, BENCH_KINDS; the defaults are the figures of record.
set -eu

BUILD=${BUILD:-build}
MAKE=${MAKE:-make}
BIN=$BUILD/bench
OUT=$BIN/run
IMPLS="epoll safepoll libevent libev libuv"
# Raw epoll and safepoll with the callback in the loop's unit (libevent's
# bench.c shape, bench/callback.h): counted on the dispatch workload, not
# timed (the loops are those of epoll and safepoll).
UNIT_IMPLS="epoll_unit safepoll_unit"
NS=${BENCH_NS:-"100 1000 9900"}
AS="100 1"
KINDS=${BENCH_KINDS:-"pipe socketpair"}
REPS=${BENCH_REPS:-7}
W_WALL=${BENCH_W_WALL:-30000}
W_COUNT=${BENCH_W_COUNT:-3000}

for tool in valgrind strace gnuplot awk; do
	if ! command -v $tool >/dev/null 2>&1; then
		echo "bench: $tool is missing (make deps installs it)" >&2
		exit 1
	fi
done
for i in $IMPLS $UNIT_IMPLS; do
	[ -x "$BIN/bench_$i" ] || { echo "bench: $BIN/bench_$i not built" >&2; exit 1; }
done
case $REPS in *[!0-9]* | '' | 0) echo "bench: BENCH_REPS must be a positive number" >&2; exit 2 ;; esac

rm -rf "$OUT"
mkdir -p "$OUT"
FACTS=$OUT/facts
: >"$FACTS"
start=$(date +%s)
# Wall times depend on what else runs; results.md says how loaded it was.
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

progress() {
	echo "bench [$(($(date +%s) - start))s] $*" >&2
}

fail() {
	echo "bench: $*" >&2
	exit 1
}

# The value of key $1 in the key=value line in file $2.
value() {
	awk -v k="$1" '{ for (i = 1; i <= NF; i++) if (index($i, k "=") == 1) { print substr($i, length(k) + 2); exit } }' "$2"
}

# Instructions collected in region $2 by the callgrind run with prefix $1.
ir_of() {
	awk -v r="$2" '
		/^desc: Trigger: Client Request: / { ok = ($5 == r) }
		/^totals:/ && ok { print $2; found = 1 }
		END { if (!found) exit 1 }' "$1".[0-9]*.[0-9]*
}

# System calls between the markers of region $2 in strace log $1.
sys_of() {
	awk -v r="$2" '
		index($0, "\"bench:begin:" r "\"") { on = 1; seen = 1; next }
		index($0, "\"bench:end:" r "\"") { on = 0; next }
		on && !/ resumed>/ && !/^[0-9]+ +(\+\+\+|---)/ { n++ }
		END { if (!seen) exit 1; print n + 0 }' "$1"
}

# callgrind and strace runs of one program; $1: file prefix, $2: the
# regions, the rest: the command.  Writes "<region> <ir> <syscalls>".
count() {
	pre=$1 regions=$2
	shift 2
	valgrind --tool=callgrind --collect-atstart=no \
		--callgrind-out-file="$pre.%p" "$@" >"$pre.cg.out" 2>"$pre.cg.log" ||
		fail "callgrind run failed: $* (see $pre.cg.log)"
	strace -f -qq -o "$pre.strace" "$@" >"$pre.st.out" 2>"$pre.st.log" ||
		fail "strace run failed: $* (see $pre.st.log)"
	for r in $regions; do
		ir=$(ir_of "$pre" "$r") || fail "no callgrind dump for $r: $*"
		sc=$(sys_of "$pre.strace" "$r") || fail "no strace markers for $r: $*"
		echo "$r $ir $sc"
	done
}

# 1. Dispatch: instructions and system calls per event, bytes per
#    registration (the set-up's heap, from the same runs).
for k in $KINDS; do
	for a in $AS; do
		for n in $NS; do
			progress "counting dispatch: $k, N=$n, A=$a"
			for i in $IMPLS $UNIT_IMPLS; do
				pre=$OUT/d.$i.$k.$n.$a
				count "$pre" dispatch "$BIN/bench_$i" dispatch -k "$k" -n "$n" -a "$a" -w "$W_COUNT" >"$pre.counts"
				ev=$(value events "$pre.st.out")
				[ "$ev" = "$(value events "$pre.cg.out")" ] || fail "event counts differ: $pre"
				read -r _ ir sc <"$pre.counts"
				echo "ir dispatch $i $k $n $a $(awk -v x="$ir" -v e="$ev" 'BEGIN { printf "%.2f", x / e }')" >>"$FACTS"
				echo "sys dispatch $i $k $n $a $(awk -v x="$sc" -v e="$ev" 'BEGIN { printf "%.4f", x / e }')" >>"$FACTS"
				echo "heap dispatch $i $k $n $a $(value heap "$pre.st.out")" >>"$FACTS"
				echo "watcher dispatch $i $k $n $a $(value watcher "$pre.st.out")" >>"$FACTS"
			done
		done
	done
done

# 2. Control path: instructions and system calls per operation (pipes).
for n in $NS; do
	progress "counting ctl: N=$n"
	for i in $IMPLS; do
		pre=$OUT/c.$i.$n
		count "$pre" "add mod del" "$BIN/bench_$i" ctl -n "$n" >"$pre.counts"
		while read -r r ir sc; do
			echo "ir $r $i pipe $n - $(awk -v x="$ir" -v e="$n" 'BEGIN { printf "%.2f", x / e }')" >>"$FACTS"
			echo "sys $r $i pipe $n - $(awk -v x="$sc" -v e="$n" 'BEGIN { printf "%.4f", x / e }')" >>"$FACTS"
		done <"$pre.counts"
	done
done

# Where the instructions go: safepoll's and raw epoll's dispatch, pipes,
# at the middle N, line by line (callgrind_annotate), in both shapes.
WHERE=$OUT/where.md
: >"$WHERE"
set -- $NS
mid=$1
[ $# -ge 2 ] && mid=$2
if echo " $KINDS " | grep -q " pipe "; then
	for a in $AS; do
		for i in safepoll epoll safepoll_unit epoll_unit; do
			pre=$OUT/d.$i.pipe.$mid.$a
			dump=$(grep -l '^desc: Trigger: Client Request: dispatch$' "$pre".[0-9]*.[0-9]*) ||
				fail "no dispatch dump for $pre"
			callgrind_annotate --auto=yes "$dump" |
				awk -v events="$(value events "$pre.cg.out")" -v root="$(pwd)" \
					-v title="$i, pipes, N = $mid, A = $a" -f bench/annotate.awk >>"$WHERE"
		done
	done
fi

# 3. Wall time, interleaved: A B C D E A B C D E ... for each
#    configuration, so that the machine's drift touches all alike.
for k in $KINDS; do
	for a in $AS; do
		for n in $NS; do
			progress "timing dispatch: $k, N=$n, A=$a ($REPS rounds of $IMPLS)"
			r=0
			while [ $r -lt "$REPS" ]; do
				for i in $IMPLS; do
					o=$OUT/w.out
					"$BIN/bench_$i" dispatch -k "$k" -n "$n" -a "$a" -w "$W_WALL" >"$o" ||
						fail "run failed: bench_$i dispatch -k $k -n $n -a $a"
					echo "ns dispatch $i $k $n $a $(awk -v x="$(value ns "$o")" -v e="$(value events "$o")" 'BEGIN { printf "%.1f", x / e }')" >>"$FACTS"
				done
				r=$((r + 1))
			done
		done
	done
done
# A control phase is short (N operations), so it gets three times the runs.
CTL_REPS=$((REPS * 3))
for n in $NS; do
	progress "timing ctl: N=$n ($CTL_REPS rounds)"
	r=0
	while [ $r -lt "$CTL_REPS" ]; do
		for i in $IMPLS; do
			o=$OUT/w.out
			"$BIN/bench_$i" ctl -n "$n" >"$o" || fail "run failed: bench_$i ctl -n $n"
			for p in add mod del; do
				echo "ns $p $i pipe $n - $(awk -v x="$(value ${p}_ns "$o")" -v e="$n" 'BEGIN { printf "%.1f", x / e }')" >>"$FACTS"
			done
		done
		r=$((r + 1))
	done
done

# 4. The model's speed, when its owner's benchmark is there.
MODEL=$OUT/model.txt
if [ -f mk/bench-model.mk ]; then
	progress "model speed: $MAKE bench-model"
	# -s: its result only, not the commands that build what it needs.
	if ! $MAKE -s --no-print-directory bench-model >"$MODEL" 2>&1; then
		echo "(make bench-model failed: its output is above)" >>"$MODEL"
		model_failed=1
	fi
else
	: >"$MODEL"
fi

# 5. The table, the plot.
progress "writing bench/results.md and bench/results.png"
awk -v w_count="$W_COUNT" -v w_wall="$W_WALL" -v reps="$REPS" \
	-v impls="$IMPLS" -v unit_impls="$UNIT_IMPLS" -v ns="$NS" -v kinds="$KINDS" -v model="$MODEL" -v where="$WHERE" \
	-v plotdat="$OUT/plot" -v machine="$(nproc) cores, $(uname -sr)" \
	-v load="$load_start at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end" \
	-v rev="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git status --porcelain -- src 2>/dev/null | grep -q . && echo ' with uncommitted changes in src/')" \
	-f bench/report.awk "$FACTS" >bench/results.md
gnuplot -e "datadir='$OUT'; out='bench/results.png'; impls='$IMPLS'" bench/plot.gp ||
	fail "gnuplot failed"
cat bench/results.md
progress "done in $(($(date +%s) - start)) s"
[ "${model_failed:-0}" -eq 0 ] || fail "make bench-model failed (see the table)"
