/* The harness's checks after a run (run.c's close_all) see what the run
 * leaves behind, as a run of the fuzzer sees it:
 *  - a number the run opened and did not close, among those it got, is
 *    reported (`! fd N is still open after the run`), closed, and fails
 *    the run;
 *  - a number the process held before and the run closed is reported
 *    (`! the lowest free fd is N after the run, M before`);
 *  - a run that leaves nothing behind passes, with nothing reported;
 *  - fuzz_one, which runs an input without its text, reports a failing
 *    one with the trace's lines (from a second run, with the text), or,
 *    when the second run passes, says so and shows the first report.
 * What leaks is made by safepoll_add, wrapped for this test only
 * (-Wl,--wrap=safepoll_add, mk/fuzz.mk): the harness is as the fuzzer
 * links it.
 * Usage: test_leak   (exit status 0 when all hold) */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fuzz.h"
#include "hooks.h"
#include "safepoll.h"
#include "check.h"

int __real_safepoll_add(struct safepoll *sp, int fd, uint32_t events,
			void *udata);
int __wrap_safepoll_add(struct safepoll *sp, int fd, uint32_t events,
			void *udata);

static int failures;

/* What the next safepoll_add does besides its own work. */
static enum { NOTHING, OPEN, CLOSE } armed;
static bool every; /* armed again for each add */
static int armed_fd, opened;

int __wrap_safepoll_add(struct safepoll *sp, int fd, uint32_t events,
			void *udata)
{
	int r = __real_safepoll_add(sp, fd, events, udata);

	if (armed == OPEN)
		opened = open("/dev/null", O_RDONLY | O_CLOEXEC);
	else if (armed == CLOSE)
		close(armed_fd);
	if (!every)
		armed = NOTHING;
	return r;
}

/* The write end's number is free again when the add runs: what the add
 * opens takes it, inside the numbers the run got, and no later
 * operation gets a number the model would not give. */
static const char trace_text[] = "epoll E\n"
				 "pipe P\n"
				 "close P.w\n"
				 "add E P.r in\n";

static int run(const struct trace *t, struct trace_buf *report)
{
	trace_buf_free(report);
	memset(report, 0, sizeof(*report));
	return fuzz_run(t, NULL, report);
}

static bool says(const struct trace_buf *report, const char *line)
{
	return report->s && strstr(report->s, line);
}

/* What fuzz_one prints on stderr before it aborts, for t's bytes with a
 * leak in every add (each) or in the first only. */
static int one_report(const struct trace *t, bool each, char *out,
		      size_t size)
{
	struct trace_buf notes = { 0 };
	uint8_t bytes[FUZZ_INPUT_MAX];
	size_t n = fuzz_encode(t, bytes, &notes), got = 0;
	int p[2], status = 0;
	ssize_t r;
	pid_t pid;

	trace_buf_free(&notes);
	if (pipe(p) < 0 || (pid = fork()) < 0)
		return -1;
	if (pid == 0) {
		struct rlimit none = { 0, 0 };

		setrlimit(RLIMIT_CORE, &none);
		dup2(p[1], 2);
		armed = OPEN;
		every = each;
		fuzz_one(bytes, n);
		_exit(0);
	}
	close(p[1]);
	while (got + 1 < size &&
	       (r = read(p[0], out + got, size - 1 - got)) > 0)
		got += (size_t)r;
	out[got] = '\0';
	close(p[0]);
	waitpid(pid, &status, 0);
	return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT ? 0 : 1;
}

int main(void)
{
	char out[8192];
	struct trace_buf report = { 0 };
	char err[TRACE_ERR_MAX], line[128];
	struct trace t;
	int status, held, lowest;

	if (fuzz_setup() < 0 ||
	    trace_parse(&t, "<leak>", trace_text, strlen(trace_text), err) != 0) {
		fprintf(stderr, "test_leak: cannot set up: %s\n", err);
		return 1;
	}

	status = run(&t, &report);
	CHECK(status == 0 && !report.s,
	      "a run that leaves nothing open: status %d, report: %s", status,
	      report.s ? report.s : "(none)");

	armed = OPEN;
	opened = -1;
	status = run(&t, &report);
	snprintf(line, sizeof(line), "! fd %d is still open after the run\n",
		 opened);
	CHECK(opened >= 0 && status == 1 && says(&report, line),
	      "an fd opened in the run and left open (%d): status %d, "
	      "report: %s",
	      opened, status, report.s ? report.s : "(none)");
	CHECK(!says(&report, "! model:") &&
		      !says(&report, "! the lowest free fd"),
	      "an fd left open is not reported as anything else: %s",
	      report.s ? report.s : "(none)");
	CHECK(opened < 0 || fcntl(opened, F_GETFD) < 0,
	      "the fd left open (%d) is still open after the report", opened);

	/* A number the process held before the run, closed in it. */
	held = open("/dev/null", O_RDONLY | O_CLOEXEC);
	lowest = fuzz_hooks_lowest_free();
	armed = CLOSE;
	armed_fd = held;
	status = run(&t, &report);
	snprintf(line, sizeof(line),
		 "! the lowest free fd is %d after the run, %d before\n", held,
		 lowest);
	CHECK(held >= 0 && status == 1 && says(&report, line),
	      "an fd held before the run and closed in it (%d): status %d, "
	      "report: %s",
	      held, status, report.s ? report.s : "(none)");

	status = run(&t, &report);
	CHECK(status == 0 && !report.s,
	      "a run after the reports starts clean: status %d, report: %s",
	      status, report.s ? report.s : "(none)");

	/* fuzz_one: the report of an input that fails in both runs has the
	 * trace's lines; of one that fails only in the first, its report. */
	CHECK(one_report(&t, true, out, sizeof(out)) == 0 &&
		      strstr(out, "==== safepoll-fuzz: difference ====\n") &&
		      strstr(out, "\nadd E1 P1.r in\n") &&
		      strstr(out, "is still open after the run"),
	      "fuzz_one of a failing input aborts with its trace and what "
	      "differed: %s",
	      out);
	CHECK(one_report(&t, false, out, sizeof(out)) == 0 &&
		      strstr(out, "not shown again by a second run") &&
		      strstr(out, "\nadd E1 P1.r in\n") &&
		      strstr(out, "is still open after the run"),
	      "fuzz_one of an input failing once says so, with the first "
	      "report: %s",
	      out);

	trace_buf_free(&report);
	trace_free(&t);
	if (failures)
		fprintf(stderr, "test_leak: %d failures\n", failures);
	else
		printf("test_leak: a leak and a closed fd reported, clean runs "
		       "pass, fuzz_one reports with the trace's text\n");
	return failures != 0;
}
