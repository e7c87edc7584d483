/* The masked waits on the real kernel.  Deterministic without a second
 * thread: the test's thread blocks SIGUSR1 and makes it pending; a wait
 * whose mask unblocks it is interrupted at once (the kernel checks for a
 * pending signal before it sleeps), its handler runs as the wait returns,
 * and the thread's own mask is back afterwards; a wait whose mask blocks
 * it is not interrupted, and the signal stays pending. */
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <time.h>

#include "helpers.h"

static volatile sig_atomic_t handled;

static void on_usr1(int sig)
{
	(void)sig;
	handled++;
}

struct fix {
	struct safepoll *sp;
	int p[2];
	sigset_t before;  /* the thread's mask before the test */
	sigset_t blocked; /* SIGUSR1 blocked: the thread's mask in the test */
	sigset_t unblock; /* the same, SIGUSR1 unblocked: the wait's mask */
};

static int setup_flags(void **state, uint32_t flags)
{
	static struct fix f;
	struct sigaction sa = {0};

	fds_mark(state);
	sa.sa_handler = on_usr1;
	assert_int_equal(sigaction(SIGUSR1, &sa, NULL), 0);
	handled = 0;
	assert_int_equal(pthread_sigmask(SIG_SETMASK, NULL, &f.before), 0);
	f.blocked = f.before;
	sigaddset(&f.blocked, SIGUSR1);
	f.unblock = f.before;
	sigdelset(&f.unblock, SIGUSR1);
	assert_int_equal(pthread_sigmask(SIG_SETMASK, &f.blocked, NULL), 0);
	assert_int_equal(safepoll_new(&f.sp, 4, flags), 0);
	make_pipe(f.p);
	assert_int_equal(safepoll_add(f.sp, f.p[0], EPOLLIN, NULL), 0);
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
	sigset_t pending;

	/* A signal left pending is delivered now, and forgotten. */
	pthread_sigmask(SIG_SETMASK, &f->before, NULL);
	sigpending(&pending);
	close(f->p[0]);
	close(f->p[1]);
	safepoll_free(f->sp);
	if (sigismember(&pending, SIGUSR1))
		return -1;
	return fds_unchanged(state);
}

static bool is_pending(void)
{
	sigset_t pending;

	assert_int_equal(sigpending(&pending), 0);
	return sigismember(&pending, SIGUSR1);
}

static void make_pending(void)
{
	assert_int_equal(pthread_kill(pthread_self(), SIGUSR1), 0);
	assert_true(is_pending());
}

/* The thread's own mask is the one it had: SIGUSR1 blocked. */
static void assert_mask_back(const struct fix *f)
{
	sigset_t now;

	assert_int_equal(pthread_sigmask(SIG_SETMASK, NULL, &now), 0);
	assert_true(sigismember(&now, SIGUSR1));
	for (int sig = 1; sig < SIGRTMAX; sig++)
		assert_int_equal(sigismember(&now, sig),
				 sigismember(&f->blocked, sig));
}

/* SAFEPOLL_EINTR: a mask that unblocks the pending signal ends each kind
 * of wait with -EINTR, for ever or timed, after the handler ran once. */
static void test_mask_unblocks_eintr(void **state)
{
	struct fix *f = *state;
	const struct timespec minute = {60, 0}, ms = {0, 1000000};

	/* Short waits first: against a wait that ignored the mask, these
	 * answer 0 where the longer ones would hang. */
	make_pending();
	assert_int_equal(safepoll_pwait(f->sp, 4, 1, &f->unblock), -EINTR);
	assert_int_equal(handled, 1);
	make_pending();
	assert_int_equal(safepoll_pwait2(f->sp, 4, &ms, &f->unblock), -EINTR);
	assert_int_equal(handled, 2);
	make_pending();
	assert_int_equal(safepoll_pwait(f->sp, 4, -1, &f->unblock), -EINTR);
	assert_int_equal(handled, 3);
	assert_false(is_pending());
	assert_mask_back(f);

	make_pending();
	assert_int_equal(safepoll_pwait(f->sp, 4, 60000, &f->unblock), -EINTR);
	make_pending();
	assert_int_equal(safepoll_pwait2(f->sp, 4, NULL, &f->unblock), -EINTR);
	make_pending();
	assert_int_equal(safepoll_pwait2(f->sp, 4, &minute, &f->unblock),
			 -EINTR);
	assert_int_equal(handled, 6);
	assert_false(is_pending());
	assert_mask_back(f);
	assert_int_equal(f->sp->batch_len, 0);
}

/* Without SAFEPOLL_EINTR the handler runs and the wait goes on for the
 * time left of its millisecond, then answers 0.  (A wait of timeout 0
 * never looks at signals: the kernel returns before it would sleep.) */
static void test_mask_unblocks_waits_again(void **state)
{
	struct fix *f = *state;
	const struct timespec ms = {0, 1000000};

	make_pending();
	assert_int_equal(safepoll_pwait(f->sp, 4, 1, &f->unblock), 0);
	assert_int_equal(handled, 1);
	make_pending();
	assert_int_equal(safepoll_pwait2(f->sp, 4, &ms, &f->unblock), 0);
	assert_int_equal(handled, 2);
	assert_false(is_pending());
	assert_mask_back(f);
}

/* A mask that blocks the signal, or none (the thread's, which blocks
 * it): the wait is not interrupted, its events are handed out, and the
 * signal stays pending, its handler not run. */
static void test_mask_blocks(void **state)
{
	struct fix *f = *state;
	const struct timespec zero = {0, 0}, ms = {0, 1000000};
	struct safepoll_event ev;

	make_pending();
	assert_int_equal(safepoll_pwait(f->sp, 4, 1, &f->blocked), 0);
	assert_int_equal(safepoll_pwait2(f->sp, 4, &ms, &f->blocked), 0);
	assert_int_equal(safepoll_pwait(f->sp, 4, 0, NULL), 0);
	assert_int_equal(safepoll_pwait2(f->sp, 4, &zero, NULL), 0);
	write_byte(f->p[1]);
	assert_int_equal(safepoll_pwait(f->sp, 4, -1, &f->blocked), 1);
	assert_int_equal(safepoll_event(f->sp, 0, &ev), 1);
	assert_int_equal(ev.fd, f->p[0]);
	assert_int_equal(safepoll_pwait2(f->sp, 4, NULL, NULL), 1);
	assert_int_equal(safepoll_pwait2(f->sp, 4, &ms, &f->blocked), 1);
	assert_int_equal(safepoll_event(f->sp, 0, &ev), 1);
	assert_int_equal(ev.events, EPOLLIN);
	assert_int_equal(handled, 0);
	assert_true(is_pending());
	assert_mask_back(f);
}

static void test_null(void **state)
{
	struct fix *f = *state;
	const struct timespec ms = {0, 1000000};

	assert_int_equal(safepoll_pwait(NULL, 4, 0, &f->unblock), -EFAULT);
	assert_int_equal(safepoll_pwait2(NULL, 4, &ms, &f->unblock), -EFAULT);
	assert_int_equal(safepoll_pwait2(NULL, 4, NULL, NULL), -EFAULT);
}

/* Counts as safepoll_wait takes them: refused ones answered at once as
 * the kernel answers them, the rest cut to the batch. */
static void test_counts(void **state)
{
	struct fix *f = *state;
	const struct timespec minute = {60, 0};
	int fds[SAFEPOLL_BATCH + 2];
	struct safepoll *sp;

	assert_int_equal(safepoll_pwait(f->sp, 0, 60000, &f->blocked), -EINVAL);
	assert_int_equal(safepoll_pwait(f->sp, -1, -1, NULL), -EINVAL);
	assert_int_equal(safepoll_pwait2(f->sp, INT_MAX, &minute, NULL),
			 -EINVAL);
	assert_int_equal(safepoll_pwait2(f->sp, SAFEPOLL_EP_MAX_EVENTS + 1,
					 NULL, &f->blocked),
			 -EINVAL);

	/* More ready than the batch: a wait fetches the batch's worth.  One
	 * descriptor a registration, more than the usual soft limit. */
	raise_fd_limit(SAFEPOLL_BATCH + 64);
	assert_int_equal(safepoll_new(&sp, SAFEPOLL_BATCH + 2, 0), 0);
	write_byte(f->p[1]);
	for (int i = 0; i < SAFEPOLL_BATCH + 2; i++) {
		fds[i] = dup(f->p[0]);
		assert_true(fds[i] >= 0);
		assert_int_equal(safepoll_add(sp, fds[i], EPOLLIN, NULL), 0);
	}
	assert_int_equal(safepoll_pwait(sp, SAFEPOLL_BATCH + 100, 60000,
					&f->blocked),
			 SAFEPOLL_BATCH);
	assert_int_equal(safepoll_pwait2(sp, SAFEPOLL_BATCH + 1, &minute,
					 &f->blocked),
			 SAFEPOLL_BATCH);
	assert_int_equal(sp->batch_len, SAFEPOLL_BATCH);
	assert_int_equal(safepoll_pwait2(sp, 3, &minute, NULL), 3);
	assert_int_equal(safepoll_pwait(sp, 2, -1, NULL), 2);
	for (int i = 0; i < SAFEPOLL_BATCH + 2; i++)
		assert_int_equal(safepoll_close(sp, fds[i]), 0);
	safepoll_free(sp);
}

/* A timeout the kernel refuses is -EINVAL, before the count and the
 * descriptor are looked at (epoll_pwait2's order), and leaves no event
 * of the wait before. */
static void test_bad_timeout(void **state)
{
	struct fix *f = *state;
	const struct timespec bad[] = {
		{-1, 0}, {0, -1}, {0, 1000000000}, {-5, 1000000000},
		{LONG_MIN, 0}, {0, LONG_MAX}};
	struct safepoll_reg regs[1];
	struct safepoll own;

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		write_byte(f->p[1]);
		assert_int_equal(safepoll_pwait(f->sp, 4, 0, NULL), 1);
		assert_int_equal(f->sp->batch_len, 1);
		assert_int_equal(safepoll_pwait2(f->sp, 4, &bad[i], NULL),
				 -EINVAL);
		assert_int_equal(f->sp->batch_len, 0);
		assert_int_equal(safepoll_pwait2(f->sp, 0, &bad[i], NULL),
				 -EINVAL);
		assert_int_equal(read(f->p[0], &(char){0}, 1), 1);
	}
	/* A closed instance: its -EBADF comes after the timeout's check. */
	assert_int_equal(safepoll_init(&own, regs, 1, 0), 0);
	assert_int_equal(safepoll_fini(&own), 0);
	assert_int_equal(safepoll_pwait2(&own, 4, &bad[0], NULL), -EINVAL);
	assert_int_equal(safepoll_pwait2(&own, 4, &(struct timespec){0, 1},
					 NULL),
			 -EBADF);
	assert_int_equal(safepoll_pwait(&own, 4, 5, &f->blocked), -EBADF);
}

/* The longest timeouts are taken (the kernel saturates them) and a ready
 * registration ends them at once. */
static void test_long_timeouts(void **state)
{
	struct fix *f = *state;
	const struct timespec longest = {LONG_MAX, 999999999};

	write_byte(f->p[1]);
	assert_int_equal(safepoll_pwait2(f->sp, 4, &longest, &f->blocked), 1);
	assert_int_equal(safepoll_pwait(f->sp, 4, INT_MAX, &f->blocked), 1);
}

#define T(f, s) cmocka_unit_test_setup_teardown(f, s, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_mask_unblocks_eintr, setup_eintr),
		T(test_mask_unblocks_waits_again, setup),
		T(test_mask_blocks, setup),
		T(test_null, setup),
		T(test_counts, setup),
		T(test_bad_timeout, setup),
		T(test_long_timeouts, setup),
	};
	return cmocka_run_group_tests_name("pwait", tests, NULL, NULL);
}
