#!/bin/sh
# bench.sh DIR [ROUNDS]: libuv's own benchmarks on the plain and safepoll
# builds of make test-libuv (DIR/plain, DIR/safepoll), alternating the
# builds in each round, and the median rate of each: safepoll / plain.
# Every benchmark here reports a rate, so above 1 is safepoll faster.
# Wall time on a shared machine: read ratios near 1 as noise.
set -eu

dir=${1:?usage: bench.sh DIR [ROUNDS]}
rounds=${2:-3}
benches="ping_pongs tcp4_pound_100 pipe_pound_1000 tcp_pump100_client"
out="$dir/bench"
rm -rf "$out"
mkdir -p "$out"
as=
if [ "$(id -u)" = 0 ]; then
	chown nobody "$out"
	as="setpriv --reuid=nobody --regid=nogroup --clear-groups --"
fi
for v in plain safepoll; do
	[ -x "$dir/$v/cmake/uv_run_benchmarks_a" ] || {
		echo "bench.sh: $dir/$v/cmake/uv_run_benchmarks_a not built (make test-libuv)" >&2
		exit 1
	}
done
r=1
while [ "$r" -le "$rounds" ]; do
	for b in $benches; do
		for v in plain safepoll; do
			bin=$(cd "$dir/$v/cmake" && pwd)/uv_run_benchmarks_a
			(cd "$out" && $as "$bin" "$b") >"$out/$v.$b.$r" 2>&1 || {
				echo "bench.sh: $b failed on $v:" >&2
				cat "$out/$v.$b.$r" >&2
				exit 1
			}
		done
	done
	r=$((r + 1))
done
python3 - "$out" "$rounds" $benches <<'PY'
import re, statistics, sys
out, rounds, benches = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
# the name each benchmark prints its rate under
LABEL = {"tcp4_pound_100": "tcp-conn-pound-100",
         "pipe_pound_1000": "pipe-conn-pound-1000"}
def rate(v, b, r):
    text = open("%s/%s.%s.%d" % (out, v, b, r)).read()
    m = re.search(r"^# %s: ([0-9.]+) ([^\n]*)" % re.escape(LABEL.get(b, b)),
                  text, re.M)
    if not m:
        sys.exit("bench.sh: no '%s: <rate>' line in %s/%s.%s.%d" % (b, out, v, b, r))
    return float(m.group(1)), m.group(2).strip()
print("| benchmark | plain | safepoll | safepoll / plain |")
print("| --- | ---: | ---: | ---: |")
for b in benches:
    med = {}
    for v in ("plain", "safepoll"):
        vals = [rate(v, b, r) for r in range(1, rounds + 1)]
        med[v] = (statistics.median(x for x, _ in vals), vals[0][1])
    print("| %s | %.4g %s | %.4g %s | %.2f |" % (b, med["plain"][0], med["plain"][1],
          med["safepoll"][0], med["safepoll"][1], med["safepoll"][0] / med["plain"][0]))
PY
