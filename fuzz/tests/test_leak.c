/* The harness's checks after a run (run.c's close_all) see what the run
 * leaves behind, as a run of the fuzzer sees it:
 *  - a number the run opened and did not close, among those it got, is
 *    reported (`! fd N is still open after the run`), closed, and fails
 *    the run;
 *  - a number the process held before and the run closed is reported
 *    (`! the lowest free fd is N after the run, M before`);
 *  - a run that leaves nothing behind passes, with nothing reported.
 * What leaks is made by safepoll_add, wrapped for this test only
 * (-Wl,--wrap=safepoll_add, mk/fuzz.mk): the harness is as the fuzzer
 * links it.
 * Usage: test_leak   (exit status 0 when all hold) */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
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
static int armed_fd, opened;

int __wrap_safepoll_add(struct safepoll *sp, int fd, uint32_t events,
			void *udata)
{
	int r = __real_safepoll_add(sp, fd, events, udata);

	if (armed == OPEN)
		opened = open("/dev/null", O_RDONLY | O_CLOEXEC);
	else if (armed == CLOSE)
		close(armed_fd);
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

int main(void)
{
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

	trace_buf_free(&report);
	trace_free(&t);
	if (failures)
		fprintf(stderr, "test_leak: %d failures\n", failures);
	else
		printf("test_leak: a leak and a closed fd reported, clean runs "
		       "pass\n");
	return failures != 0;
}
