/* The masked waits as the kernel sees them, from the fault build's record
 * of every epoll_pwait and epoll_pwait2 call: the mask passed with the
 * wait itself (no sigprocmask around it), the timeout passed on, the
 * fallback on epoll_pwait when epoll_pwait2 is missing (ENOSYS), and
 * after an interrupted or ended wait the wait again for exactly the time
 * left on a scripted clock.  Nothing reads the real clock: a wait that
 * goes on is ended by a readable pipe, or is a wait of milliseconds whose
 * length no assertion depends on. */
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <time.h>

#include "../helpers.h"
#include "inject.h"

struct fix {
	struct safepoll *sp;
	int p[2];
	sigset_t mask;
};

/* Whether this kernel (or valgrind, which answers ENOSYS) has
 * epoll_pwait2: the test's own call, not wrapped. */
static bool have_pwait2(void)
{
	struct epoll_event ev;

	return epoll_pwait2(-1, &ev, 1, NULL, NULL) == -1 && errno != ENOSYS;
}

static int setup_flags(void **state, uint32_t flags)
{
	static struct fix f;

	fds_mark(state);
	assert_int_equal(safepoll_new(&f.sp, 4, flags), 0);
	make_pipe(f.p);
	assert_int_equal(safepoll_add(f.sp, f.p[0], EPOLLIN, NULL), 0);
	sigemptyset(&f.mask);
	sigaddset(&f.mask, SIGUSR2);
	*state = &f;
	return 0;
}

static int setup(void **state)
{
	return setup_flags(state, 0);
}

static int setup_eintr(void **state)
{
	return setup_flags(state, SAFEPOLL_EINTR);
}

static int teardown(void **state)
{
	struct fix *f = *state;

	fault_disarm();
	close(f->p[0]);
	close(f->p[1]);
	safepoll_free(f->sp);
	return fds_unchanged(state);
}

static void assert_pwait(unsigned n, int max, int ms, const sigset_t *mask)
{
	const void *got_mask;
	int got_max, got_ms;

	assert_int_equal(fault_pwait_args(n, &got_max, &got_ms, &got_mask), 0);
	assert_int_equal(got_max, max);
	assert_int_equal(got_ms, ms);
	assert_ptr_equal(got_mask, mask);
}

static void assert_pwait2(unsigned n, int max, time_t sec, long nsec,
			  const sigset_t *mask)
{
	const void *got_mask;
	struct timespec got;
	int got_max;

	assert_int_equal(fault_pwait2_args(n, &got_max, &got, &got_mask), 0);
	assert_int_equal(got_max, max);
	assert_int_equal(got.tv_sec, sec);
	assert_int_equal(got.tv_nsec, nsec);
	assert_ptr_equal(got_mask, mask);
}

/* The caller's mask goes to the kernel with the wait, every kind of it;
 * no mask: the plain epoll_wait. */
static void test_mask_goes_with_the_wait(void **state)
{
	struct fix *f = *state;
	const struct timespec zero = {0, 0}, ms = {0, 1000000};

	fault_arm(SITE_COUNT, 0, 0);
	assert_int_equal(safepoll_pwait(f->sp, 4, 0, &f->mask), 0);
	assert_int_equal(safepoll_pwait(f->sp, SAFEPOLL_BATCH + 1, 1, &f->mask),
			 0);
	assert_int_equal(safepoll_pwait2(f->sp, 4, &zero, &f->mask), 0);
	write_byte(f->p[1]);
	assert_int_equal(safepoll_pwait2(f->sp, 4, NULL, &f->mask), 1);
	assert_int_equal(safepoll_pwait2(f->sp, 4, &ms, &f->mask), 1);
	/* Without epoll_pwait2, a fifth: the fallback. */
	assert_int_equal(fault_calls(SITE_EPOLL_PWAIT), have_pwait2() ? 4 : 5);
	assert_pwait(1, 4, 0, &f->mask);
	assert_pwait(2, SAFEPOLL_BATCH, 1, &f->mask); /* the batch's count */
	assert_pwait(3, 4, 0, &f->mask); /* not timed: no epoll_pwait2 */
	assert_pwait(4, 4, -1, &f->mask);
	assert_int_equal(fault_calls(SITE_EPOLL_PWAIT2), 1);
	assert_pwait2(1, 4, 0, 1000000, &f->mask);
	assert_int_equal(fault_calls(SITE_EPOLL_WAIT), 0);

	fault_arm(SITE_COUNT, 0, 0);
	assert_int_equal(safepoll_pwait(f->sp, 4, 0, NULL), 1);
	assert_int_equal(safepoll_pwait2(f->sp, 4, NULL, NULL), 1);
	assert_int_equal(fault_calls(SITE_EPOLL_WAIT), 2);
	assert_int_equal(fault_calls(SITE_EPOLL_PWAIT), 0);
}

/* A refused count never waits: the kernel gets a count of 0 and no time
 * (as safepoll_wait, which hands such a wait to safepoll_pwait), and
 * refuses the count at once. */
static void test_refused_count_not_waited(void **state)
{
	struct fix *f = *state;
	const struct timespec minute = {60, 0};

	fault_arm(SITE_COUNT, 0, 0);
	assert_int_equal(safepoll_pwait(f->sp, 0, 60000, &f->mask), -EINVAL);
	assert_int_equal(safepoll_pwait2(f->sp, INT_MAX, &minute, &f->mask),
			 -EINVAL);
	assert_int_equal(fault_calls(SITE_EPOLL_PWAIT2), 0);
	assert_int_equal(fault_calls(SITE_EPOLL_PWAIT), 2);
	assert_pwait(1, 0, 0, &f->mask);
	assert_pwait(2, 0, 0, &f->mask);
}

/* Without epoll_pwait2 (ENOSYS), epoll_pwait waits for the timeout
 * rounded up to milliseconds, cut at INT_MAX; the mask goes with it. */
static void test_enosys_falls_back(void **state)
{
	struct fix *f = *state;
	const struct timespec t1 = {1, 500}, t2 = {0, 1}, t3 = {2147483, 0},
			      t4 = {0, 2000000};

	write_byte(f->p[1]);
	fault_arm(SITE_EPOLL_PWAIT2, 1, ENOSYS);
	fault_arm_also(SITE_EPOLL_PWAIT2, 2, ENOSYS);
	assert_int_equal(safepoll_pwait2(f->sp, 4, &t1, &f->mask), 1);
	assert_int_equal(safepoll_pwait2(f->sp, 4, &t2, NULL), 1);
	assert_int_equal(fault_calls(SITE_EPOLL_PWAIT2), 2);
	assert_int_equal(fault_calls(SITE_EPOLL_PWAIT), 1);
	assert_pwait(1, 4, 1001, &f->mask);
	/* No mask: the plain epoll_wait, 1 ns rounded up to 1 ms. */
	assert_int_equal(fault_calls(SITE_EPOLL_WAIT), 1);

	fault_arm(SITE_EPOLL_PWAIT2, 1, ENOSYS);
	fault_arm_also(SITE_EPOLL_PWAIT2, 2, ENOSYS);
	assert_int_equal(safepoll_pwait2(f->sp, 4, &t3, &f->mask), 1);
	assert_int_equal(safepoll_pwait2(f->sp, 4, &t4, &f->mask), 1);
	assert_pwait(1, 4, INT_MAX, &f->mask);
	assert_pwait(2, 4, 2, &f->mask);
	/* Any other error is the answer. */
	fault_arm(SITE_EPOLL_PWAIT2, 1, EBADF);
	assert_int_equal(safepoll_pwait2(f->sp, 4, &t4, &f->mask), -EBADF);
	assert_int_equal(fault_calls(SITE_EPOLL_PWAIT), 0);
	assert_int_equal(f->sp->batch_len, 0);
}

/* A signal 250 ms (by the scripted clock) into a 1 s wait: epoll_pwait2
 * again for exactly the 750 ms left, with the same mask. */
static void test_signal_waits_for_time_left(void **state)
{
	struct fix *f = *state;
	static const struct timespec t[] = {{100, 900000000},
					    {101, 150000000}};
	const struct timespec second = {1, 0};

	write_byte(f->p[1]);
	fault_arm(SITE_EPOLL_PWAIT2, 1, EINTR);
	fault_fake_clock(t, 2);
	assert_int_equal(safepoll_pwait2(f->sp, 4, &second, &f->mask), 1);
	assert_int_equal(fault_calls(SITE_EPOLL_PWAIT2), 2);
	assert_pwait2(1, 4, 1, 0, &f->mask);
	assert_pwait2(2, 4, 0, 750000000, &f->mask);
	assert_int_equal(fault_calls(SITE_CLOCK_GETTIME), 2);

	/* And the millisecond wait for its time left. */
	static const struct timespec u[] = {{100, 0}, {100, 100000000}};
	fault_arm(SITE_EPOLL_PWAIT, 1, EINTR);
	fault_fake_clock(u, 2);
	assert_int_equal(safepoll_pwait(f->sp, 4, 60000, &f->mask), 1);
	assert_pwait(1, 4, 60000, &f->mask);
	assert_pwait(2, 4, 59900, &f->mask);

	/* A clock that went back: the whole timeout again. */
	static const struct timespec v[] = {{100, 0}, {99, 0}};
	fault_arm(SITE_EPOLL_PWAIT2, 1, EINTR);
	fault_fake_clock(v, 2);
	assert_int_equal(safepoll_pwait2(f->sp, 4, &second, &f->mask), 1);
	assert_pwait2(2, 4, 1, 0, &f->mask);
}

/* A wait that ended with nothing ends only when the clock says the time
 * is up: the scripted clock has 0.5 ms of a 2 ms wait gone, so it waits
 * the 1.5 ms left; then 2 ms are gone, and it answers 0. */
static void test_never_ends_early(void **state)
{
	struct fix *f = *state;
	static const struct timespec t[] = {
		{100, 999000000}, {100, 999500000}, {101, 1000000}};
	const struct timespec two_ms = {0, 2000000};

	fault_arm(SITE_COUNT, 0, 0);
	fault_fake_clock(t, 3);
	assert_int_equal(safepoll_pwait2(f->sp, 4, &two_ms, &f->mask), 0);
	assert_int_equal(fault_calls(SITE_EPOLL_PWAIT2), 2);
	assert_pwait2(1, 4, 0, 2000000, &f->mask);
	assert_pwait2(2, 4, 0, 1500000, &f->mask);
	assert_int_equal(fault_calls(SITE_CLOCK_GETTIME), 3);
}

/* A signal after the whole timeout: 0, no wait again. */
static void test_signal_after_timeout(void **state)
{
	struct fix *f = *state;
	static const struct timespec t[] = {{100, 0}, {100, 300000000}};
	const struct timespec timeout = {0, 200000000};

	fault_arm(SITE_EPOLL_PWAIT2, 1, EINTR);
	fault_fake_clock(t, 2);
	assert_int_equal(safepoll_pwait2(f->sp, 4, &timeout, NULL), 0);
	assert_int_equal(fault_calls(SITE_EPOLL_PWAIT2), 1);
	assert_int_equal(f->sp->batch_len, 0);
}

/* The clock's errors are the wait's answer, before or after a wait. */
static void test_clock_fails(void **state)
{
	struct fix *f = *state;
	const struct timespec second = {1, 0};

	fault_arm(SITE_CLOCK_GETTIME, 1, EINVAL);
	assert_int_equal(safepoll_pwait2(f->sp, 4, &second, &f->mask),
			 -EINVAL);
	assert_int_equal(fault_calls(SITE_EPOLL_PWAIT2), 0);
	fault_arm(SITE_EPOLL_PWAIT2, 1, EINTR);
	fault_arm_also(SITE_CLOCK_GETTIME, 2, EFAULT);
	assert_int_equal(safepoll_pwait2(f->sp, 4, &second, &f->mask),
			 -EFAULT);
	assert_int_equal(fault_calls(SITE_EPOLL_PWAIT2), 1);
}

/* With SAFEPOLL_EINTR a signal ends every kind of masked wait. */
static void test_signal_reported_on_request(void **state)
{
	struct fix *f = *state;
	const struct timespec second = {1, 0};

	fault_arm(SITE_EPOLL_PWAIT2, 1, EINTR);
	assert_int_equal(safepoll_pwait2(f->sp, 4, &second, &f->mask),
			 -EINTR);
	assert_int_equal(fault_calls(SITE_EPOLL_PWAIT2), 1);
	assert_int_equal(fault_calls(SITE_CLOCK_GETTIME), 1);
	fault_arm(SITE_EPOLL_PWAIT, 1, EINTR);
	assert_int_equal(safepoll_pwait(f->sp, 4, -1, &f->mask), -EINTR);
	fault_arm(SITE_EPOLL_PWAIT, 1, EINTR);
	assert_int_equal(safepoll_pwait(f->sp, 4, 60000, &f->mask), -EINTR);
	assert_int_equal(fault_calls(SITE_EPOLL_PWAIT), 1);
	assert_int_equal(f->sp->batch_len, 0);
}

#define T(f, s) cmocka_unit_test_setup_teardown(f, s, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_mask_goes_with_the_wait, setup),
		T(test_refused_count_not_waited, setup),
		T(test_enosys_falls_back, setup),
		T(test_signal_waits_for_time_left, setup),
		T(test_never_ends_early, setup),
		T(test_signal_after_timeout, setup),
		T(test_clock_fails, setup),
		T(test_signal_reported_on_request, setup_eintr),
	};
	return cmocka_run_group_tests_name("pwait", tests, NULL, NULL);
}
