/* Every system call safepoll makes, failed in turn with every errno its
 * man page documents, at every call of a whole scenario (site x errno x
 * N).  After each fault: the caller got the documented result, the table
 * still agrees with the kernel, the instance still works, and nothing
 * leaked (descriptors, memory). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "inject.h"
#include "safepoll.h"

struct world {
	struct safepoll *sp;
	int p[2], q[2];
	int p0_open, q1_open, freed;
	struct safepoll_event out[4];
};

static int tag_p, tag_q, tag_probe;

static int close_p0(struct world *w)
{
	int rc = safepoll_close(w->sp, w->p[0]);

	w->p0_open = fcntl(w->p[0], F_GETFD) >= 0;
	return rc;
}

/* The scenario, one API call a step, and what each returns unharmed.
 * Five waits: timed (safepoll_pwait, out of line), untimed from this object
 * (safepoll_wait is inline: its epoll_wait is this object's, wrapped by
 * mk/fault.mk as the library's are), the array form and the two masked
 * ones (epoll_pwait, epoll_pwait2). */
enum {
	STEP_NEW, STEP_ADD_P, STEP_ADD_Q, STEP_MOD, STEP_WAIT_TIMED,
	STEP_WAIT, STEP_EVENT, STEP_WAIT_ARRAY, STEP_PWAIT, STEP_PWAIT2,
	STEP_CHECK, STEP_DEL, STEP_CLOSE, STEP_FREE, STEPS
};

/* The masked waits' mask (SIGUSR2 blocked) and epoll_pwait2's timeout:
 * timed, so that it is epoll_pwait2 that waits. */
static sigset_t mask;
static const struct timespec pwait2_timeout = {0, 50000000};

static int step(struct world *w, int i)
{
	switch (i) {
	case STEP_NEW: return safepoll_new(&w->sp, 4, 0);
	case STEP_ADD_P: return safepoll_add(w->sp, w->p[0], EPOLLIN, &tag_p);
	case STEP_ADD_Q: return safepoll_add(w->sp, w->q[1], EPOLLOUT, &tag_q);
	case STEP_MOD: return safepoll_mod(w->sp, w->p[0], EPOLLIN, &tag_p);
	case STEP_WAIT_TIMED: return safepoll_wait(w->sp, 4, 50);
	case STEP_WAIT: return safepoll_wait(w->sp, 4, 0);
	case STEP_EVENT: return safepoll_event(w->sp, 0, &w->out[0]);
	case STEP_WAIT_ARRAY: return safepoll_wait_array(w->sp, w->out, 4, 0);
	case STEP_PWAIT: return safepoll_pwait(w->sp, 4, 50, &mask);
	case STEP_PWAIT2:
		return safepoll_pwait2(w->sp, 4, &pwait2_timeout, &mask);
	case STEP_CHECK: return safepoll_check(w->sp);
	case STEP_DEL: return safepoll_del(w->sp, w->q[1]);
	case STEP_CLOSE: return close_p0(w);
	default: w->freed = 1; return safepoll_free(w->sp);
	}
}
static const int nominal[STEPS] = {0, 0, 0, 0, 2, 2, 1, 2, 2, 2, 0, 0, 0, 0};

static int is_wait(int i)
{
	return i == STEP_WAIT_TIMED || i == STEP_WAIT || i == STEP_WAIT_ARRAY ||
	       i == STEP_PWAIT || i == STEP_PWAIT2;
}

/* What step i must return when the fault (site, err) hit it. */
static int expected(int i, int site, int err)
{
	if (site == SITE_MALLOC)
		return -ENOMEM;
	/* A signal does not end a wait: it is waited again. */
	if ((site == SITE_EPOLL_WAIT || site == SITE_EPOLL_PWAIT ||
	     site == SITE_EPOLL_PWAIT2) && err == EINTR)
		return nominal[i];
	/* A kernel without epoll_pwait2: epoll_pwait waits instead. */
	if (site == SITE_EPOLL_PWAIT2 && err == ENOSYS)
		return nominal[i];
	/* An fd that is not registered, or cannot be, is closed all the
	 * same by safepoll_close. */
	if (site == SITE_EPOLL_CTL && i == STEP_CLOSE &&
	    (err == ENOENT || err == EPERM))
		return 0;
	/* safepoll_check's close of fdinfo cannot change its answer. */
	if (site == SITE_CLOSE && i == STEP_CHECK)
		return nominal[i];
	return -err;
}

static int open_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	int n = 0;

	while (d && readdir(d))
		n++;
	if (d)
		closedir(d);
	return n;
}

static int failures;

#define CHECK(cond, ...)                                                       \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, __VA_ARGS__);                          \
			failures++;                                            \
			return;                                                \
		}                                                              \
	} while (0)

/* The instance still works after the fault: a new registration gets its
 * event, and goes away cleanly. */
static void probe(struct world *w, const char *what)
{
	struct safepoll_event ev = {0};
	int r[2], found = 0, rc;

	if (!w->sp)
		CHECK(safepoll_new(&w->sp, 4, 0) == 0, "%s: new again\n",
		      what);
	CHECK(pipe2(r, O_NONBLOCK) == 0, "%s: pipe\n", what);
	CHECK(safepoll_add(w->sp, r[0], EPOLLIN, &tag_probe) == 0,
	      "%s: probe add\n", what);
	CHECK(write(r[1], "x", 1) == 1, "%s: write\n", what);
	CHECK(safepoll_wait(w->sp, 4, 0) > 0, "%s: probe wait\n", what);
	for (uint32_t i = 0; (rc = safepoll_event(w->sp, i, &ev)) >= 0; i++)
		found += rc == 1 && ev.udata == &tag_probe && ev.fd == r[0];
	CHECK(found == 1, "%s: probe event not handed out\n", what);
	CHECK(safepoll_close(w->sp, r[0]) == 0, "%s: probe close\n", what);
	close(r[1]);
	CHECK(safepoll_check(w->sp) == 0, "%s: check after probe\n", what);
}

static void teardown(struct world *w)
{
	if (!w->freed && w->sp)
		safepoll_free(w->sp);
	if (w->p0_open)
		close(w->p[0]);
	if (w->q1_open)
		close(w->q[1]);
	close(w->p[1]);
	close(w->q[0]);
}

/* Runs the scenario with the nth call at site failing with err (n = 0:
 * no fault), up to and including the step it hits. */
static void run(int site, unsigned n, int err)
{
	struct world w = {.p0_open = 1, .q1_open = 1};
	char what[96];
	int fds = open_fds(), i, rc = 0;

	if (n > 0)
		snprintf(what, sizeof what, "%s #%u %s", site_name(site), n,
			 strerrorname_np(err));
	else
		snprintf(what, sizeof what, "unharmed run");
	if (pipe2(w.p, O_NONBLOCK) < 0 || pipe2(w.q, O_NONBLOCK) < 0 ||
	    write(w.p[1], "x", 1) != 1) {
		failures++;
		return;
	}
	fault_arm(site, n, err);
	for (i = 0; i < STEPS && !fault_fired(); i++) {
		rc = step(&w, i);
		if (!fault_fired() && rc != nominal[i]) {
			fprintf(stderr, "%s: step %d gave %d unharmed\n", what,
				i, rc);
			failures++;
		}
	}
	fault_disarm();
	if (n > 0 && !fault_fired()) {
		fprintf(stderr, "%s: never fired\n", what);
		failures++;
	} else if (n > 0) {
		i--;
		if (rc != expected(i, site, err)) {
			fprintf(stderr, "%s: step %d gave %d, not %d\n", what,
				i, rc, expected(i, site, err));
			failures++;
		}
		/* safepoll_close leaves the fd open only when the delete
		 * failed for a reason other than "not registered". */
		if (i == STEP_CLOSE && w.p0_open != (site == SITE_EPOLL_CTL &&
					    err != ENOENT && err != EPERM)) {
			fprintf(stderr, "%s: fd left %s\n", what,
				w.p0_open ? "open" : "closed");
			failures++;
		}
		/* A failed wait leaves no event of the one before. */
		if (is_wait(i) && rc < 0 && w.sp->batch_len != 0) {
			fprintf(stderr, "%s: batch_len %u after a failed wait\n",
				what, w.sp->batch_len);
			failures++;
		}
		if (i == STEP_NEW && rc < 0)
			w.sp = NULL;
		if (w.freed) {
			w.freed = 0;
			w.sp = NULL;
		}
		if (w.sp && safepoll_check(w.sp) != 0) {
			fprintf(stderr, "%s: table and kernel disagree\n",
				what);
			failures++;
		}
		probe(&w, what);
	}
	teardown(&w);
	if (open_fds() != fds || fault_live_allocations() != 0) {
		fprintf(stderr, "%s: leaked %d fds, %ld allocations\n", what,
			open_fds() - fds, fault_live_allocations());
		failures++;
	}
}

int main(void)
{
	unsigned counts[SITE_COUNT];
	int cases = 0;

	sigemptyset(&mask);
	sigaddset(&mask, SIGUSR2);
	/* The unharmed run counts the calls each site gets. */
	run(-1, 0, 0);
	for (int s = 0; s < SITE_COUNT; s++)
		counts[s] = fault_calls(s);
	for (int s = 0; s < SITE_COUNT; s++) {
		int nerr, site_cases = 0;
		const int *errs = site_errnos(s, &nerr);

		for (unsigned n = 1; n <= counts[s]; n++)
			for (int e = 0; e < nerr; e++, site_cases++)
				run(s, n, errs[e]);
		printf("fault: %-14s %u calls x %d errnos = %d cases\n",
		       site_name(s), counts[s], nerr, site_cases);
		if (counts[s] == 0) {
			printf("fault: %s is never called by the scenario\n",
			       site_name(s));
			failures++;
		}
		cases += site_cases;
	}
	printf("fault: %d site x errno x N cases\n", cases);
	printf("fault: %d passed, %d failed\n", cases - failures, failures);
	return failures != 0;
}
