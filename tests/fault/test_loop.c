/* The fast path under fault injection: safepoll_wait is inline, so an
 * untimed wait's first epoll_wait is made from this object (wrapped by
 * mk/fault.mk as the library's calls are), a failure or a signal goes on
 * out of line in safepoll_pwait, and so does a timed wait.  On every path a failed wait leaves batch_len 0,
 * so no event of the wait before can be handed out.  And safepoll_check
 * leaves every mask as it was on each of its ways out, its scratch mark
 * being a bit of the mask. */
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>

#include "../helpers.h"
#include "inject.h"

struct fix {
	struct safepoll *sp;
	int p[2], q[2];
};

/* Two ready registrations, level-triggered: every wait that succeeds
 * fetches both. */
static int setup(void **state)
{
	static struct fix f;

	fds_mark(state);
	f.sp = make_instance(4);
	make_pipe(f.p);
	make_pipe(f.q);
	assert_int_equal(safepoll_add(f.sp, f.p[0], EPOLLIN, f.p), 0);
	assert_int_equal(safepoll_add(f.sp, f.q[1], EPOLLOUT, f.q), 0);
	write_byte(f.p[1]);
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	struct fix *f = *state;

	fault_disarm();
	close(f->p[0]);
	close(f->p[1]);
	close(f->q[0]);
	close(f->q[1]);
	safepoll_free(f->sp);
	return fds_unchanged(state);
}

/* A wait that succeeds, so that a batch is there to lose. */
static void fill_batch(struct fix *f)
{
	assert_int_equal(safepoll_wait(f->sp, 4, 0), 2);
	assert_int_equal(f->sp->batch_len, 2);
}

static void assert_batch_empty(struct fix *f)
{
	struct safepoll_event ev;

	assert_int_equal(f->sp->batch_len, 0);
	assert_int_equal(safepoll_event(f->sp, 0, &ev), -ENOENT);
	assert_int_equal(safepoll_dropped(f->sp), 0);
}

/* The inline call itself fails: its epoll_wait is this object's, so the
 * fault fires here, and the inline wait returns the errno. */
static void test_inline_wait_fails(void **state)
{
	struct fix *f = *state;
	static const int errs[] = {EBADF, EFAULT, EINVAL};
	static const int timeouts[] = {0, -1};

	for (unsigned t = 0; t < 2; t++)
		for (unsigned e = 0; e < 3; e++) {
			fill_batch(f);
			fault_arm(SITE_EPOLL_WAIT, 1, errs[e]);
			assert_int_equal(safepoll_wait(f->sp, 4, timeouts[t]),
					 -errs[e]);
			assert_true(fault_fired());
			assert_int_equal(fault_calls(SITE_EPOLL_WAIT), 1);
			fault_disarm();
			assert_batch_empty(f);
		}
}

/* A signal: waited again (in the library), once per signal, and the
 * batch is the retry's. */
static void test_inline_wait_eintr_retried(void **state)
{
	struct fix *f = *state;
	struct safepoll_event out[2];

	fill_batch(f);
	fault_arm(SITE_EPOLL_WAIT, 1, EINTR);
	assert_int_equal(safepoll_wait(f->sp, 4, 0), 2);
	assert_int_equal(fault_calls(SITE_EPOLL_WAIT), 2);
	assert_int_equal(f->sp->batch_len, 2);
	assert_int_equal(hand_out(f->sp, out, 2), 2);
	/* Two signals in a row, the second in the library's retry loop. */
	fault_arm(SITE_EPOLL_WAIT, 1, EINTR);
	fault_arm_also(SITE_EPOLL_WAIT, 2, EINTR);
	assert_int_equal(safepoll_wait(f->sp, 4, -1), 2);
	assert_int_equal(fault_calls(SITE_EPOLL_WAIT), 3);
	assert_int_equal(f->sp->batch_len, 2);
	/* A signal, then a failure of the retry. */
	fault_arm(SITE_EPOLL_WAIT, 1, EINTR);
	fault_arm_also(SITE_EPOLL_WAIT, 2, EBADF);
	assert_int_equal(safepoll_wait(f->sp, 4, 0), -EBADF);
	assert_int_equal(fault_calls(SITE_EPOLL_WAIT), 2);
	fault_disarm();
	assert_batch_empty(f);
}

/* With SAFEPOLL_EINTR the signal is the caller's: no retry. */
static void test_inline_wait_eintr_reported(void **state)
{
	struct fix *f = *state;
	struct safepoll *sp;
	int r[2];

	(void)f;
	assert_int_equal(safepoll_new(&sp, 2, SAFEPOLL_EINTR), 0);
	make_pipe(r);
	assert_int_equal(safepoll_add(sp, r[1], EPOLLOUT, NULL), 0);
	assert_int_equal(safepoll_wait(sp, 4, 0), 1);
	fault_arm(SITE_EPOLL_WAIT, 1, EINTR);
	assert_int_equal(safepoll_wait(sp, 4, -1), -EINTR);
	assert_int_equal(fault_calls(SITE_EPOLL_WAIT), 1);
	assert_int_equal(sp->batch_len, 0);
	/* The timed path reports it too. */
	assert_int_equal(safepoll_wait(sp, 4, 0), 1);
	fault_arm(SITE_EPOLL_WAIT, 1, EINTR);
	assert_int_equal(safepoll_wait(sp, 4, 100), -EINTR);
	assert_int_equal(sp->batch_len, 0);
	fault_disarm();
	assert_int_equal(safepoll_close(sp, r[1]), 0);
	close(r[0]);
	safepoll_free(sp);
}

/* The timed path: each of its failures leaves no batch. */
static void test_timed_wait_fails(void **state)
{
	struct fix *f = *state;
	static const struct timespec late[] = {{100, 0}, {100, 200000000}};

	/* epoll_wait fails. */
	fill_batch(f);
	fault_arm(SITE_EPOLL_WAIT, 1, EBADF);
	assert_int_equal(safepoll_wait(f->sp, 4, 100), -EBADF);
	fault_disarm();
	assert_batch_empty(f);
	/* The clock fails before the first wait: no wait at all. */
	fill_batch(f);
	fault_arm(SITE_CLOCK_GETTIME, 1, EINVAL);
	assert_int_equal(safepoll_wait(f->sp, 4, 100), -EINVAL);
	assert_int_equal(fault_calls(SITE_EPOLL_WAIT), 0);
	fault_disarm();
	assert_batch_empty(f);
	/* A signal, then the clock fails. */
	fill_batch(f);
	fault_arm(SITE_EPOLL_WAIT, 1, EINTR);
	fault_arm_also(SITE_CLOCK_GETTIME, 2, EFAULT);
	assert_int_equal(safepoll_wait(f->sp, 4, 100), -EFAULT);
	fault_disarm();
	assert_batch_empty(f);
	/* A signal, then the time is up: 0 events, none left from before. */
	fill_batch(f);
	fault_arm(SITE_EPOLL_WAIT, 1, EINTR);
	fault_fake_clock(late, 2);
	assert_int_equal(safepoll_wait(f->sp, 4, 100), 0);
	fault_disarm();
	assert_batch_empty(f);
	/* A signal, time left: waited again, the batch is the retry's. */
	fault_arm(SITE_EPOLL_WAIT, 1, EINTR);
	assert_int_equal(safepoll_wait(f->sp, 4, 100), 2);
	assert_int_equal(fault_calls(SITE_EPOLL_WAIT), 2);
	assert_int_equal(f->sp->batch_len, 2);
	fault_disarm();
}

/* The array form runs the inline wait inside the library. */
static void test_array_wait_fails(void **state)
{
	struct fix *f = *state;
	struct safepoll_event out[4];

	fill_batch(f);
	fault_arm(SITE_EPOLL_WAIT, 1, EINVAL);
	assert_int_equal(safepoll_wait_array(f->sp, out, 4, 0), -EINVAL);
	fault_disarm();
	assert_batch_empty(f);
	fill_batch(f);
	fault_arm(SITE_EPOLL_WAIT, 1, EBADF);
	assert_int_equal(safepoll_wait_array(f->sp, out, 4, 50), -EBADF);
	fault_disarm();
	assert_batch_empty(f);
}

/* safepoll_check's ways out, each with marks set before it: the marks of
 * the free list (check_table) or of fdinfo lines read (check_kernel). */
static void test_check_failures_keep_masks(void **state)
{
	struct fix *f = *state;
	struct safepoll *sp = f->sp;
	char text[256];
	static const int open_errs[] = {EACCES, EINTR, EMFILE, ENFILE,
					ENOENT, ENOMEM, EPERM};
	static const int read_errs[] = {EAGAIN, EBADF, EFAULT, EINTR, EIO};

	/* open fails after the table's check marked the free slots. */
	for (unsigned e = 0; e < sizeof open_errs / sizeof *open_errs; e++) {
		fault_arm(SITE_OPEN, 1, open_errs[e]);
		assert_int_equal(check_keeping_masks(sp), -open_errs[e]);
		assert_true(fault_fired());
		fault_disarm();
	}
	/* read fails at once, and after a line that marked a slot. */
	uint32_t s;
	for (s = 0; s < sp->capacity && sp->regs[s].fd != f->p[0]; s++)
		;
	snprintf(text, sizeof text, "tfd: %d events: %x data: %llx  pos:0 ino:1 sdev:1\n",
		 f->p[0], sp->regs[s].events,
		 (unsigned long long)sp->regs[s].token);
	for (unsigned n = 1; n <= 2; n++)
		for (unsigned e = 0; e < sizeof read_errs / sizeof *read_errs;
		     e++) {
			fault_fake_fdinfo(text, (unsigned)strlen(text));
			fault_arm(SITE_READ, n, read_errs[e]);
			assert_int_equal(check_keeping_masks(sp),
					 -read_errs[e]);
			assert_true(fault_fired());
			fault_disarm();
		}
	/* The same live token twice: the second meets the first's mark. */
	snprintf(text, sizeof text,
		 "tfd: %d events: %x data: %llx  pos:0 ino:1 sdev:1\n"
		 "tfd: %d events: %x data: %llx  pos:0 ino:1 sdev:1\n",
		 f->p[0], sp->regs[s].events,
		 (unsigned long long)sp->regs[s].token, f->p[0],
		 sp->regs[s].events, (unsigned long long)sp->regs[s].token);
	fault_fake_fdinfo(text, 4096);
	assert_int_equal(check_keeping_masks(sp), -EUCLEAN);
	fault_disarm();
	/* Only one of the two live records listed, on its own file: one
	 * orphan. */
	struct stat st;
	assert_int_equal(fstat(f->p[0], &st), 0);
	snprintf(text, sizeof text,
		 "tfd: %d events: %x data: %llx  pos:0 ino:%lx sdev:%x\n",
		 f->p[0], sp->regs[s].events,
		 (unsigned long long)sp->regs[s].token,
		 (unsigned long)st.st_ino,
		 major(st.st_dev) << 20 | minor(st.st_dev));
	fault_fake_fdinfo(text, 4096);
	assert_int_equal(check_keeping_masks(sp), 1);
	fault_disarm();
	/* The free list corrupt after its first slot was marked. */
	uint32_t head = sp->free_head, next = sp->regs[head].next;
	sp->regs[head].next = head;
	assert_int_equal(check_keeping_masks(sp), -EUCLEAN);
	sp->regs[head].next = next;
	assert_int_equal(check_keeping_masks(sp), 0);
}

#define LOOP(t) cmocka_unit_test_setup_teardown(t, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		LOOP(test_inline_wait_fails),
		LOOP(test_inline_wait_eintr_retried),
		LOOP(test_inline_wait_eintr_reported),
		LOOP(test_timed_wait_fails),
		LOOP(test_array_wait_fails),
		LOOP(test_check_failures_keep_masks),
	};
	return cmocka_run_group_tests_name("loop", tests, NULL, NULL);
}
