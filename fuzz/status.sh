# The counts of make fuzz's status lines and summary (libfuzzer.sh),
# from the jobs' logs in $out/logs; fuzz/tests/test_status.sh checks them
# on logs made up for the purpose.

# Executions so far, of all jobs: each finished run's final count, and
# for a running one its last report's average rate times the seconds
# since it started, or the count of that report if more (libFuzzer
# prints a count only at a new input or a power of two: once inputs
# stop coming, the count alone lagged by half).
executions() {
	ls "$out"/logs/job-*.log > /dev/null 2>&1 || { echo 0; return; }
	awk -v now="$(date +%s)" '
		function running() {
			if (start && rate * (now - start) > last)
				return rate * (now - start)
			return last
		}
		FNR == 1 { done += running(); last = 0; rate = 0; start = 0 }
		/^make-fuzz-start / { done += running(); last = 0; rate = 0; start = $2; next }
		/^stat::number_of_executed_units:/ { done += $2; last = 0; rate = 0; start = 0; next }
		/^#[0-9]+/ {
			last = substr($1, 2) + 0
			for (i = 2; i < NF; i++)
				if ($i == "exec/s:")
					rate = $(i + 1) + 0
		}
		END { printf "%d\n", done + running() }' "$out"/logs/job-*.log
}

# The best cov: of any job (they share the corpus), and the instrumented
# total libFuzzer found at its start.
edges() {
	cat "$out"/logs/job-*.log 2>/dev/null | awk '
		/^INFO: Loaded 1 modules/ { sub(/.*\(/, ""); total = $1 + 0 }
		/ cov: / { for (i = 1; i < NF; i++) if ($i == "cov:" && $(i + 1) > best) best = $(i + 1) + 0 }
		END { printf "%d of %s", best, total ? total : "?" }'
}
