# Turns bench/run.sh's facts into bench/results.md (on stdout) and the
# plot's data files.  A fact: METRIC BENCH IMPL KIND N A VALUE, where
# METRIC is ir, sys, ns (one per run), heap or watcher; BENCH is dispatch,
# add, mod or del; A is "-" for the control path.  Every ratio divides by
# raw epoll's figure from the same `make bench`.

function key(m, b, i, k, n, a) { return m SUBSEP b SUBSEP i SUBSEP k SUBSEP n SUBSEP a }

function sorted(s, v,    c, x, y, t) {
	c = split(s, v, " ")
	for (x = 2; x <= c; x++)
		for (y = x; y > 1 && v[y - 1] + 0 > v[y] + 0; y--) {
			t = v[y]; v[y] = v[y - 1]; v[y - 1] = t
		}
	return c
}

function median(s,    v, c) {
	c = sorted(s, v)
	return c % 2 ? v[(c + 1) / 2] : (v[c / 2] + v[c / 2 + 1]) / 2
}

function spread(s,    v, c) {
	c = sorted(s, v)
	return sprintf("%.0f (%.0f–%.0f)", median(s), v[1], v[c])
}

function ratio(x, base) {
	if (x == "" || base == "") return "–"
	if (base + 0 == 0) return (x + 0 == 0) ? "1.00" : "∞"
	return sprintf("%.2f", x / base)
}

function num(x, fmt) { return x == "" ? "–" : sprintf(fmt, x) }

function get(m, b, i, k, n, a) { return fact[key(m, b, i, k, n, a)] }

function nsmed(b, i, k, n, a,    s) {
	s = fact[key("ns", b, i, k, n, a)]
	return s == "" ? "" : median(s)
}

{
	if (NF != 7) { print "report.awk: bad fact: " $0 > "/dev/stderr"; exit 2 }
	k = key($1, $2, $3, $4, $5, $6)
	fact[k] = ($1 == "ns" && k in fact) ? fact[k] " " $7 : $7
}

END {
	ni = split(impls, I, " ")
	nn = split(ns, N, " ")
	nk = split(kinds, K, " ")
	na = split("100 1", A, " ")

	print "# safepoll benchmarks"
	print ""
	print "Produced by `make bench` (bench/run.sh) on " machine ", safepoll at commit " rev "."
	print "Every ratio is to raw epoll measured in the same `make bench`."
	print ""
	print "- **instr**: user-space instructions per event (or per operation), callgrind `--collect-atstart=no` with collection toggled on around the measured loop only; " w_count " chained writes. Repeatable to the instruction."
	print "- **syscalls**: system calls per event (or operation) between two marker calls, counted with `strace -f`; same runs' workload."
	print "- **ns**: wall time per event (or operation), median of " reps " interleaved runs (epoll safepoll libevent libev libuv, again and again; " 3 * reps " for the control path), min–max in parentheses; " w_wall " chained writes per run. Not deterministic: other jobs share the machine (load average over 1, 5 and 15 min: " load "); read a ratio near 1 as noise, and compare ns only within one table."
	print "- **B/reg**: heap bytes (glibc usable size) that creating the loop and registering N fds allocated, divided by N; raw epoll's figure is its event buffer."
	print ""
	print "## Dispatch: libevent's bench (N pipes, A active chains, one-byte chained writes; each callback reads one byte and writes one to the next pipe)"
	for (x = 1; x <= nk; x++) for (y = 1; y <= na; y++) {
		kd = K[x]; a = A[y]
		print ""
		print "### " (kd == "pipe" ? "pipes" : "socketpairs") ", A = " a
		print ""
		print "| N | impl | instr/event | × epoll | syscalls/event | × epoll | ns/event | × epoll | B/reg |"
		print "|---:|:---|---:|---:|---:|---:|---:|---:|---:|"
		for (z = 1; z <= nn; z++) {
			n = N[z]
			bir = get("ir", "dispatch", "epoll", kd, n, a)
			bsc = get("sys", "dispatch", "epoll", kd, n, a)
			bns = nsmed("dispatch", "epoll", kd, n, a)
			for (w = 1; w <= ni; w++) {
				i = I[w]
				ir = get("ir", "dispatch", i, kd, n, a)
				sc = get("sys", "dispatch", i, kd, n, a)
				s = fact[key("ns", "dispatch", i, kd, n, a)]
				h = get("heap", "dispatch", i, kd, n, a)
				printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", n, i,
					num(ir, "%.1f"), ratio(ir, bir), num(sc, "%.3f"), ratio(sc, bsc),
					s == "" ? "–" : spread(s), ratio(nsmed("dispatch", i, kd, n, a), bns),
					h == "" ? "–" : sprintf("%.1f", h / n)
				if (kd == "pipe" && s != "")
					plot[a, w] = plot[a, w] sprintf("%s %s %s\n", n, ir, nsmed("dispatch", i, kd, n, a))
				if (i == "safepoll" && ir != "" && bir != "") {
					r = ir / bir
					if (!((a, "worst") in goal) || r > goal[a, "worst"]) {
						goal[a, "worst"] = r; goal[a, "where"] = kd ", N = " n
					}
				}
				if (i == "safepoll" && sc != "" && sc + 0 > bsc + 0)
					extra_sys = extra_sys sprintf("dispatch %s N=%s A=%s: %.3f vs %.3f; ", kd, n, a, sc, bsc)
			}
		}
	}

	if (unit_impls != "") unit_section()

	print ""
	print "## Control path: add, modify, delete N pipe fds (per operation)"
	print ""
	print "add = start watching a new fd for reading (libuv: uv_poll_init + uv_poll_start; libevent: event_assign + event_add); mod = change it to writing (libevent: event_del + event_assign + event_add; libev: ev_io_stop + ev_io_modify + ev_io_start); del = stop watching it (libuv: uv_poll_stop + uv_close). libev and libuv hand changes to the kernel at their next loop iteration: one `ev_run`/`uv_run` without waiting ends each phase and is part of its cost. The figures are those of a second add–mod–del cycle over the same fds, after a first one that warmed the loop up."
	split("add mod del", P, " ")
	for (q = 1; q <= 3; q++) {
		p = P[q]
		print ""
		print "### " p
		print ""
		print "| N | impl | instr/op | × epoll | syscalls/op | × epoll | ns/op | × epoll |"
		print "|---:|:---|---:|---:|---:|---:|---:|---:|"
		for (z = 1; z <= nn; z++) {
			n = N[z]
			bir = get("ir", p, "epoll", "pipe", n, "-")
			bsc = get("sys", p, "epoll", "pipe", n, "-")
			bns = nsmed(p, "epoll", "pipe", n, "-")
			for (w = 1; w <= ni; w++) {
				i = I[w]
				ir = get("ir", p, i, "pipe", n, "-")
				sc = get("sys", p, i, "pipe", n, "-")
				s = fact[key("ns", p, i, "pipe", n, "-")]
				printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", n, i,
					num(ir, "%.1f"), ratio(ir, bir), num(sc, "%.3f"), ratio(sc, bsc),
					s == "" ? "–" : spread(s), ratio(nsmed(p, i, "pipe", n, "-"), bns)
				if (i == "safepoll" && sc != "" && sc + 0 > bsc + 0)
					extra_sys = extra_sys sprintf("%s N=%s: %.3f vs %.3f; ", p, n, sc, bsc)
			}
		}
	}

	print ""
	print "## Memory per registration"
	print ""
	print "Heap bytes allocated by making the loop and registering N fds, divided by N (pipes, A = 100 runs). *Marginal* is what each further registration adds (from N = " N[nn - 1] " to N = " N[nn] "). *Watcher* is the size of the structure that holds one registration: the caller's ev_io / uv_poll_t / struct event, safepoll's own slot."
	print ""
	hdr = "| impl | watcher B |"; sep = "|:---|---:|"
	for (z = 1; z <= nn; z++) { hdr = hdr " B/reg N=" N[z] " |"; sep = sep "---:|" }
	print hdr " marginal B/reg |"
	print sep "---:|"
	for (w = 1; w <= ni; w++) {
		i = I[w]; line = "| " i " | " num(get("watcher", "dispatch", i, "pipe", N[1], "100"), "%d") " |"
		for (z = 1; z <= nn; z++) {
			h = get("heap", "dispatch", i, "pipe", N[z], "100")
			line = line " " (h == "" ? "–" : sprintf("%.1f", h / N[z])) " |"
		}
		h1 = get("heap", "dispatch", i, "pipe", N[nn - 1], "100")
		h2 = get("heap", "dispatch", i, "pipe", N[nn], "100")
		m = (h1 == "" || h2 == "" || nn < 2) ? "" : (h2 - h1) / (N[nn] - N[nn - 1])
		if (i == "safepoll") sp_marginal = m
		print line " " num(m, "%.1f") " |"
	}

	print ""
	print "## Goals (issue 6)"
	print ""
	verdict(goal[100, "worst"], 1.20, "instructions per event at A = 100, worst case (" goal[100, "where"] ")")
	verdict(goal[1, "worst"], 1.50, "instructions per event at A = 1, worst case (" goal[1, "where"] ")")
	if (unit_impls != "") {
		verdict(goal[100, "uworst"], 1.20, "the same at A = 100 with the callback in the loop's unit (" goal[100, "uwhere"] "; the goal is stated for the standard shape, this shape is reported beside it)")
		verdict(goal[1, "uworst"], 1.50, "the same at A = 1 with the callback in the loop's unit (" goal[1, "uwhere"] ")")
	}
	if (extra_sys == "")
		print "- no extra system call per event or per control operation: **met** (safepoll's counts equal raw epoll's everywhere)"
	else
		print "- no extra system call: **missed**: " extra_sys
	if (sp_marginal != "") {
		worst = ""
		for (z = 1; z <= nn; z++) {
			h = get("heap", "dispatch", "safepoll", "pipe", N[z], "100") / N[z]
			he = get("heap", "dispatch", "epoll", "pipe", N[z], "100") / N[z]
			if (worst == "" || h > worst) { worst = h; worst_n = N[z] }
			over = over sprintf("%s%.1f B at N = %s", z > 1 ? ", " : "", h - he, N[z])
		}
		printf "- ≤ 32 bytes per registration (slot plus instance and event batch over N): %s: %.1f B at N = %s (%s); ", \
			worst <= 32 ? "**met**" : "**missed** by " sprintf("%.1f B", worst - 32), worst, worst_n, \
			worst <= 32 ? "worst case" : "worst case, " sprintf("%.1f%% over", (worst / 32 - 1) * 100)
		printf "the slot itself is %s B, each further registration adds %.1f B, and beyond what raw epoll allocates (its event buffer) safepoll takes %s\n", \
			get("watcher", "dispatch", "safepoll", "pipe", N[1], "100"), sp_marginal, over
	}

	if (where != "" && (getline line < where) > 0) {
		print ""
		print "## Where safepoll's instructions go"
		print ""
		print "Self cost of each function and the costliest lines of src/, per dispatched event, from the callgrind runs above (`callgrind_annotate --auto=yes`); raw epoll's functions for comparison; then the same for the callback in the loop's unit (`_unit`), where the callback's lines show under `run` with bench/callback.h as their file. The cost of an inline function of safepoll.h shows under its caller's name, with the header as its file."
		print line
		while ((getline line < where) > 0) print line
	}

	if (model != "" && (getline line < model) > 0) {
		print ""
		print "## Model speed (`make bench-model`)"
		print ""
		print "```"
		print line
		while ((getline line < model) > 0) print line
		print "```"
	}

	print ""
	print "![instructions and ns per event against N](results.png)"

	for (y = 1; y <= na; y++) {
		f = plotdat "-" A[y] ".dat"
		printf "" > f
		for (w = 1; w <= ni; w++)
			printf "# %s\n%s\n\n", I[w], plot[A[y], w] > f
		close(f)
	}
}

function verdict(r, limit, what) {
	if (r == "") { print "- " what ": not measured"; return }
	if (r <= limit)
		printf "- %s: %.2f× raw epoll, goal ≤ %.2f×: **met**\n", what, r, limit
	else
		printf "- %s: %.2f× raw epoll, goal ≤ %.2f×: **missed** by %.2f× (%.0f%% over)\n", what, r, limit, r - limit, (r / limit - 1) * 100
}

# The callback compiled in the loop's unit (impl_*_unit.c): raw epoll and
# safepoll in that shape, beside their standard figures.  Records the
# worst ratio for the goals and any extra system call.
function unit_section(    x, y, z, kd, a, n, e, s, eu, su, se, seu, ssu) {
	print ""
	print "## Dispatch with the callback in the loop's unit (libevent's bench.c shape)"
	print ""
	print "The same raw epoll and safepoll loops, with the callback's body compiled in the loop's unit (`bench/callback.h`, `impl_epoll_unit.c`, `impl_safepoll_unit.c`), where the compiler inlines it, as in libevent's `test/bench.c`; in the standard shape above every implementation calls one out-of-line `wl_readable`. Instructions per event (callgrind; the same " w_count " chained writes); system calls per event are the same in both shapes. Not timed: the loops are those above. bench/README.md says where the difference goes."
	print ""
	print "| kind | A | N | epoll | safepoll | × epoll | epoll_unit | safepoll_unit | × epoll_unit | safepoll − epoll, standard | unit |"
	print "|:---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
	for (x = 1; x <= nk; x++) for (y = 1; y <= na; y++) for (z = 1; z <= nn; z++) {
		kd = K[x]; a = A[y]; n = N[z]
		e = get("ir", "dispatch", "epoll", kd, n, a)
		s = get("ir", "dispatch", "safepoll", kd, n, a)
		eu = get("ir", "dispatch", "epoll_unit", kd, n, a)
		su = get("ir", "dispatch", "safepoll_unit", kd, n, a)
		printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", kd, a, n,
			num(e, "%.1f"), num(s, "%.1f"), ratio(s, e), num(eu, "%.1f"), num(su, "%.1f"), ratio(su, eu),
			(e == "" || s == "") ? "–" : sprintf("%.1f", s - e),
			(eu == "" || su == "") ? "–" : sprintf("%.1f", su - eu)
		if (eu != "" && su != "" && eu + 0 > 0 && (!((a, "uworst") in goal) || su / eu > goal[a, "uworst"])) {
			goal[a, "uworst"] = su / eu; goal[a, "uwhere"] = kd ", N = " n
		}
		seu = get("sys", "dispatch", "epoll_unit", kd, n, a)
		ssu = get("sys", "dispatch", "safepoll_unit", kd, n, a)
		if (ssu != "" && ssu + 0 > seu + 0)
			extra_sys = extra_sys sprintf("dispatch (unit shape) %s N=%s A=%s: %.3f vs %.3f; ", kd, n, a, ssu, seu)
	}
}
