/* What a wait hands the kernel, seen from the fault build's record of
 * every epoll_wait call: its timeout passed on, a refused count never
 * waited, and after a real signal the wait again for the time left on a
 * scripted clock.  No assertion reads the real clock: the signal is sent
 * once /proc shows the waiting thread blocked in epoll_wait, so it always
 * lands inside the wait, however slow the machine. */
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>

#include "../helpers.h"
#include "inject.h"

static volatile sig_atomic_t signals;

static void on_signal(int sig)
{
	(void)sig;
	signals++;
}

struct fix {
	struct safepoll *sp;
	int p[2];
	pid_t waiter; /* the thread id of the test's thread */
	pthread_t waiter_thread;
	pthread_t sender;
	bool then_write; /* after the signal, make p[0] readable */
	sig_atomic_t signals_before;
};

static int setup_flags(void **state, uint32_t flags)
{
	static struct fix f;
	struct sigaction sa;

	fds_mark(state);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal; /* no SA_RESTART: epoll_wait never is */
	assert_int_equal(sigaction(SIGUSR1, &sa, NULL), 0);
	signals = 0;
	assert_int_equal(safepoll_new(&f.sp, 4, flags), 0);
	make_pipe(f.p);
	assert_int_equal(safepoll_add(f.sp, f.p[0], EPOLLIN, NULL), 0);
	f.waiter = (pid_t)syscall(SYS_gettid);
	f.waiter_thread = pthread_self();
	f.then_write = true;
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

/* Whether thread tid is blocked in epoll_wait (or the epoll_pwait a libc
 * may use for it): /proc's syscall file starts with the call's number
 * while the thread sleeps in it, and says "running" otherwise. */
static bool in_epoll_wait(pid_t tid)
{
	char path[64], buf[64] = {0};
	long nr;
	int fd;

	snprintf(path, sizeof path, "/proc/self/task/%d/syscall", (int)tid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	if (read(fd, buf, sizeof buf - 1) <= 0)
		buf[0] = 0;
	close(fd);
	nr = strtol(buf, NULL, 10);
	return buf[0] >= '0' && buf[0] <= '9' &&
	       (nr == SYS_epoll_wait || nr == SYS_epoll_pwait);
}

/* Sends SIGUSR1 once the waiter is in epoll_wait, then (then_write) makes
 * the pipe readable so that a wait that goes on ends.  Gives up after
 * about 60 s of looking, and then writes all the same: the test then
 * fails on what it asserts instead of hanging. */
static void *send_signal(void *arg)
{
	struct fix *f = arg;
	const struct timespec pause = {0, 1000000};
	bool sent = false;

	for (int i = 0; i < 60000 && !in_epoll_wait(f->waiter); i++)
		nanosleep(&pause, NULL);
	if (in_epoll_wait(f->waiter))
		sent = pthread_kill(f->waiter_thread, SIGUSR1) == 0;
	/* The handler runs as epoll_wait returns: a write before that could
	 * make the kernel return the event instead of EINTR. */
	for (int i = 0; sent && i < 60000 && signals == f->signals_before; i++)
		nanosleep(&pause, NULL);
	if ((f->then_write || !sent) && write(f->p[1], "x", 1) != 1)
		abort(); /* no cmocka assert off the test's thread */
	return NULL;
}

static void start_sender(struct fix *f)
{
	f->signals_before = signals;
	assert_int_equal(pthread_create(&f->sender, NULL, send_signal, f), 0);
}

static void join_sender(struct fix *f)
{
	assert_int_equal(pthread_join(f->sender, NULL), 0);
}

static void assert_wait_args(unsigned n, int max, int ms)
{
	int got_max, got_ms;

	assert_int_equal(fault_wait_args(n, &got_max, &got_ms), 0);
	assert_int_equal(got_max, max);
	assert_int_equal(got_ms, ms);
}

/* A positive timeout reaches the kernel as given, once. */
static void test_timeout_passed_on(void **state)
{
	struct fix *f = *state;

	fault_arm(SITE_COUNT, 0, 0); /* count afresh, fail nothing */
	assert_int_equal(safepoll_wait(f->sp, 4, 30), 0);
	assert_int_equal(fault_calls(SITE_EPOLL_WAIT), 1);
	assert_wait_args(1, 4, 30);
}

/* A count the kernel refuses reaches it as a count of 0 with timeout 0,
 * which it refuses at once (EBADF before EINVAL, as it would the
 * caller's): the long timeout is never waited. */
static void test_refused_count_passed_on(void **state)
{
	struct fix *f = *state;
	struct safepoll_event out[2];

	fault_arm(SITE_COUNT, 0, 0);
	assert_int_equal(safepoll_wait(f->sp, 0, 10000), -EINVAL);
	assert_int_equal(safepoll_wait(f->sp, INT_MAX, 10000), -EINVAL);
	assert_int_equal(safepoll_wait_array(f->sp, out, -1, 10000), -EINVAL);
	assert_int_equal(fault_calls(SITE_EPOLL_WAIT), 3);
	assert_wait_args(1, 0, 0);
	assert_wait_args(2, 0, 0);
	assert_wait_args(3, 0, 0);
}

/* A signal 100 ms (by the scripted clock) into a 60 s wait: the wait goes
 * on for the 59.9 s left, and ends when the pipe becomes readable. */
static void test_signal_waits_for_time_left(void **state)
{
	struct fix *f = *state;
	static const struct timespec t[] = {{100, 0}, {100, 100000000}};

	fault_arm(SITE_COUNT, 0, 0);
	fault_fake_clock(t, 2);
	start_sender(f);
	assert_int_equal(safepoll_wait(f->sp, 4, 60000), 1);
	join_sender(f);
	assert_int_equal(signals, 1);
	assert_int_equal(fault_calls(SITE_EPOLL_WAIT), 2);
	assert_wait_args(1, 4, 60000);
	assert_wait_args(2, 4, 59900);
}

/* The same signal during an endless wait (the inline path): waited again,
 * still endless. */
static void test_signal_endless_wait_goes_on(void **state)
{
	struct fix *f = *state;

	fault_arm(SITE_COUNT, 0, 0);
	start_sender(f);
	assert_int_equal(safepoll_wait(f->sp, 4, -1), 1);
	join_sender(f);
	assert_int_equal(signals, 1);
	assert_int_equal(fault_calls(SITE_EPOLL_WAIT), 2);
	assert_wait_args(1, 4, -1);
	assert_wait_args(2, 4, -1);
}

/* With SAFEPOLL_EINTR the signal ends the wait, endless or timed. */
static void test_signal_reported_on_request(void **state)
{
	struct fix *f = *state;

	f->then_write = false;
	fault_arm(SITE_COUNT, 0, 0);
	start_sender(f);
	assert_int_equal(safepoll_wait(f->sp, 4, -1), -EINTR);
	join_sender(f);
	start_sender(f);
	assert_int_equal(safepoll_wait(f->sp, 4, 60000), -EINTR);
	join_sender(f);
	assert_int_equal(signals, 2);
	assert_int_equal(fault_calls(SITE_EPOLL_WAIT), 2);
	assert_int_equal(safepoll_wait(f->sp, 4, 0), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_timeout_passed_on, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_refused_count_passed_on,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_signal_waits_for_time_left,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_signal_endless_wait_goes_on, setup, teardown),
		cmocka_unit_test_setup_teardown(test_signal_reported_on_request,
						setup_eintr, teardown),
	};
	return cmocka_run_group_tests_name("waits", tests, NULL, NULL);
}
