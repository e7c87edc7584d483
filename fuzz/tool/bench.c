/* bench DIR [SECONDS [RUNS]]: the harness alone, without a fuzzing
 * engine: every input of DIR decoded and run in turn, again and again, for
 * SECONDS (default 10) or RUNS runs, whichever ends first; prints runs per
 * second, and the process's peak RSS and open descriptors at the end (a
 * soak test of the persistent loop: `make fuzz-soak`).  What the engine adds on top
 * (mutation, coverage bookkeeping) is the difference to its exec/s.
 * Runs per CPU second too: other work on the machine slows the wall
 * clock, not the runs.  With SAFEPOLL_FUZZ_SIGNALS=USEC in the
 * environment, a SIGALRM (handled, without SA_RESTART) comes every USEC
 * microseconds, as libFuzzer's timer's do: runs must not differ for it. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <time.h>

#include "tool.h"

/* Each program in a block of its own: its trace points into it. */
struct input {
	struct fuzz_program *p;
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU seconds of this process (user + system): what a run costs, on a
 * machine whose other work would distort the wall clock. */
static double cpu(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
	       (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

static int load(const char *dir, struct input **v, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t cap = 0;

	if (!d) {
		perror(dir);
		return -1;
	}
	*n = 0;
	while ((e = readdir(d)) != NULL) {
		char path[4096];
		struct trace_buf b = { 0 };
		struct input *in;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (*n == cap) {
			cap = cap ? cap * 2 : 256;
			in = realloc(*v, cap * sizeof(*in));
			if (!in)
				return -1;
			*v = in;
		}
		in = &(*v)[*n];
		in->p = malloc(sizeof(*in->p));
		if (!in->p || tool_read_file(path, &b) < 0 ||
		    fuzz_decode((const uint8_t *)b.s, b.len, in->p) < 0)
			return -1;
		trace_buf_free(&b);
		(*n)++;
	}
	closedir(d);
	return 0;
}

static void on_alarm(int sig)
{
	(void)sig;
}

static void arm_signals(void)
{
	const char *env = getenv("SAFEPOLL_FUZZ_SIGNALS");
	long usec = env ? atol(env) : 0;
	struct sigaction sa;
	struct itimerval it = { { 0, usec }, { 0, usec } };

	if (usec <= 0)
		return;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	setitimer(ITIMER_REAL, &it, NULL);
}

static long open_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	long n = 0;

	if (!d)
		return -1;
	while (readdir(d))
		n++;
	closedir(d);
	return n - 3; /* ".", ".." and d's own */
}

int tool_bench(const char *dir, double seconds, size_t max_runs)
{
	struct rusage ru;
	struct input *v = NULL;
	size_t n = 0, runs = 0, ops = 0;
	double start, took, cpu_start;
	int status = 0;

	if (load(dir, &v, &n) < 0 || n == 0) {
		fprintf(stderr, "safepoll-fuzz-tool: no inputs in %s\n", dir);
		return 2;
	}
	arm_signals();
	start = now();
	cpu_start = cpu();
	do {
		for (size_t i = 0; i < n && status == 0; i++) {
			struct trace_buf report = { 0 };

			status = fuzz_run(&v[i].p->t, v[i].p->check_after,
					  &report);
			if (status != 0)
				fprintf(stderr, "%s", report.s ? report.s : "");
			trace_buf_free(&report);
			ops += v[i].p->t.nops;
		}
		runs += n;
		took = now() - start;
	} while (took < seconds && runs < max_runs && status == 0);
	setitimer(ITIMER_REAL, &(struct itimerval){ { 0, 0 }, { 0, 0 } }, NULL);
	getrusage(RUSAGE_SELF, &ru);
	printf("%zu runs of %zu inputs in %.1f s: %.0f runs/s, %.0f runs per "
	       "CPU second, %.1f operations a run\n",
	       runs, n, took, (double)runs / took,
	       (double)runs / (cpu() - cpu_start), (double)ops / (double)runs);
	printf("peak RSS %ld MiB, %ld descriptors open at the end\n",
	       ru.ru_maxrss / 1024, open_fds());
	for (size_t i = 0; i < n; i++) {
		fuzz_program_free(v[i].p);
		free(v[i].p);
	}
	free(v);
	return status == 0 ? 0 : 1;
}
