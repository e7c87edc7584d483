/* The drivers every bench program shares: `dispatch` runs libevent's
 * bench workload, `ctl` adds, modifies and deletes N registrations.  Each
 * prints one line of key=value pairs for bench/run.sh. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "heap.h"
#include "impl.h"
#include "meter.h"
#include "workload.h"

/* Each pipe takes two fds, and the loops keep a few of their own. */
#define MAX_PIPES 9990u
/* A run that takes longer than this is stuck: a lost event hangs it. */
#define DEADLINE_S 600u
#define WARMUP_WRITES 5000u

struct options {
	const char *mode;
	int socketpairs;
	uint32_t n, active;
	uint64_t writes;
};

static void usage(void)
{
	fprintf(stderr,
		"usage: bench_%s dispatch [-k pipe|socketpair] -n PIPES "
		"-a ACTIVE -w WRITES\n"
		"       bench_%s ctl [-k pipe|socketpair] -n PIPES\n",
		bench_impl.name, bench_impl.name);
	exit(2);
}

static void die(const char *what, long idx, int rc)
{
	fprintf(stderr, "bench_%s: %s", bench_impl.name, what);
	if (idx >= 0)
		fprintf(stderr, " (pipe %ld)", idx);
	fprintf(stderr, ": %s\n", rc < 0 ? strerror(-rc) : "failed");
	exit(1);
}

static uint64_t number(const char *opt, const char *s, uint64_t lo,
		       uint64_t hi)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || s[0] == '-' || v < lo ||
	    v > hi) {
		fprintf(stderr,
			"bench_%s: %s wants a whole number in [%" PRIu64
			", %" PRIu64 "], not '%s'\n",
			bench_impl.name, opt, lo, hi, s);
		exit(2);
	}
	return (uint64_t)v;
}

static struct options parse(int argc, char **argv)
{
	struct options o = {0};
	int c;

	if (argc < 2)
		usage();
	o.mode = argv[1];
	if (strcmp(o.mode, "dispatch") != 0 && strcmp(o.mode, "ctl") != 0)
		usage();
	optind = 2;
	while ((c = getopt(argc, argv, "k:n:a:w:")) != -1) {
		switch (c) {
		case 'k':
			if (strcmp(optarg, "pipe") == 0)
				o.socketpairs = 0;
			else if (strcmp(optarg, "socketpair") == 0)
				o.socketpairs = 1;
			else
				usage();
			break;
		case 'n':
			o.n = (uint32_t)number("-n", optarg, 1, MAX_PIPES);
			break;
		case 'a':
			o.active = (uint32_t)number("-a", optarg, 1, MAX_PIPES);
			break;
		case 'w':
			o.writes = number("-w", optarg, 0, UINT32_MAX);
			break;
		default:
			usage();
		}
	}
	if (optind != argc || o.n == 0)
		usage();
	if (strcmp(o.mode, "dispatch") == 0 && (o.active == 0 ||
						o.active > o.n)) {
		fprintf(stderr, "bench_%s: dispatch wants -a in [1, -n]\n",
			bench_impl.name);
		exit(2);
	}
	return o;
}

static void raise_fd_limit(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

static void flush(void)
{
	int rc;

	if (bench_impl.flush && (rc = bench_impl.flush()) < 0)
		die("flush", -1, rc);
}

static void add_all(uint32_t n, uint32_t interest)
{
	int rc;

	for (uint32_t i = 0; i < n; i++)
		if ((rc = bench_impl.add(i, interest)) < 0)
			die("add", i, rc);
	flush();
}

static void mod_all(uint32_t n, uint32_t interest)
{
	int rc;

	for (uint32_t i = 0; i < n; i++)
		if ((rc = bench_impl.mod(i, interest)) < 0)
			die("mod", i, rc);
	flush();
}

static void del_all(uint32_t n)
{
	int rc;

	for (uint32_t i = 0; i < n; i++)
		if ((rc = bench_impl.del(i)) < 0)
			die("del", i, rc);
	flush();
}

/* One round of `writes` chained writes; `region` names it when it is the
 * measured one. */
static uint64_t round_of(const struct options *o, uint64_t writes,
			 const char *region)
{
	uint64_t ns = 0;
	int rc;

	if (wl_start_round(o->active, writes) < 0)
		die("starting write", -1, -errno);
	if (region)
		meter_begin(region);
	rc = bench_impl.run();
	if (region)
		ns = meter_end(region);
	if (rc < 0)
		die("dispatch", -1, rc);
	if (wl.failures != 0 || !wl_done() ||
	    wl.fired != o->active + writes)
		die("round lost bytes", -1, 0);
	return ns;
}

static void dispatch(const struct options *o)
{
	int64_t heap0 = heap_live(), heap;
	uint64_t ns;
	int rc;

	if ((rc = bench_impl.init(o->n)) < 0)
		die("init", -1, rc);
	add_all(o->n, BENCH_READ);
	heap = heap0 < 0 ? -1 : heap_live() - heap0;
	/* A warm-up round grows whatever the loop grows on first use (event
	 * arrays, pending lists); a few thousand events are plenty. */
	round_of(o, o->writes < WARMUP_WRITES ? o->writes : WARMUP_WRITES, 0);
	ns = round_of(o, o->writes, "dispatch");
	printf("impl=%s mode=dispatch kind=%s n=%" PRIu32 " a=%" PRIu32
	       " w=%" PRIu64 " events=%" PRIu64 " ns=%" PRIu64
	       " heap=%" PRId64 " watcher=%zu\n",
	       bench_impl.name, o->socketpairs ? "socketpair" : "pipe", o->n,
	       o->active, o->writes, wl.fired, ns, heap,
	       bench_impl.watcher_size());
	bench_impl.fini();
}

/* Each phase covers N operations and the flush that makes them real. */
static void ctl(const struct options *o)
{
	uint64_t add_ns, mod_ns, del_ns;
	int rc;

	if ((rc = bench_impl.init(o->n)) < 0)
		die("init", -1, rc);
	/* A first cycle warms up the loop's arrays and the caches. */
	add_all(o->n, BENCH_READ);
	mod_all(o->n, BENCH_WRITE);
	del_all(o->n);
	meter_begin("add");
	add_all(o->n, BENCH_READ);
	add_ns = meter_end("add");
	meter_begin("mod");
	mod_all(o->n, BENCH_WRITE);
	mod_ns = meter_end("mod");
	meter_begin("del");
	del_all(o->n);
	del_ns = meter_end("del");
	printf("impl=%s mode=ctl kind=%s n=%" PRIu32 " add_ns=%" PRIu64
	       " mod_ns=%" PRIu64 " del_ns=%" PRIu64 "\n",
	       bench_impl.name, o->socketpairs ? "socketpair" : "pipe", o->n,
	       add_ns, mod_ns, del_ns);
	bench_impl.fini();
}

int main(int argc, char **argv)
{
	struct options o = parse(argc, argv);
	int rc;

	alarm(DEADLINE_S);
	raise_fd_limit();
	if ((rc = wl_open(o.n, o.socketpairs)) < 0)
		die("opening the pipes", -1, rc);
	if (strcmp(o.mode, "dispatch") == 0)
		dispatch(&o);
	else
		ctl(&o);
	wl_close();
	return fflush(stdout) == 0 ? 0 : 1;
}
