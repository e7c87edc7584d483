/* Waiting: bounds, timeouts, signals and the array form. */
#include <limits.h>
#include <signal.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#include "helpers.h"

static volatile sig_atomic_t alarms;

static void on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

static int64_t now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* A SIGALRM (without SA_RESTART) after `ms` milliseconds. */
static void alarm_in(int ms)
{
	struct sigaction sa;
	struct itimerval it = {{0, 0}, {0, ms * 1000}};

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm;
	assert_int_equal(sigaction(SIGALRM, &sa, NULL), 0);
	alarms = 0;
	assert_int_equal(setitimer(ITIMER_REAL, &it, NULL), 0);
}

static void test_wait_bad_maxevents(void **state)
{
	struct safepoll *sp = make_instance(4);
	struct safepoll_event out[2];

	(void)state;
	assert_int_equal(safepoll_wait(sp, 0, 0), -EINVAL);
	assert_int_equal(safepoll_wait(sp, -1, 0), -EINVAL);
	assert_int_equal(safepoll_wait(sp, INT_MIN, 0), -EINVAL);
	/* Above the kernel's EP_MAX_EVENTS, as the kernel says. */
	assert_int_equal(safepoll_wait(sp, INT_MAX, 0), -EINVAL);
	assert_int_equal(safepoll_wait(sp, INT_MAX / 12, 0), 0);
	assert_int_equal(safepoll_wait_array(sp, out, 0, 0), -EINVAL);
	assert_int_equal(safepoll_wait_array(sp, NULL, 0, 0), -EINVAL);
	/* NULL with nothing ready: 0, as the raw call (defect 11). */
	assert_int_equal(safepoll_wait_array(sp, NULL, 2, 0), 0);
	assert_int_equal(safepoll_wait_array(sp, out, INT_MAX, 0), -EINVAL);
	assert_int_equal(safepoll_wait_array(sp, out, INT_MAX / 12, 0), 0);
	safepoll_free(sp);
}

/* A count the kernel refuses gets the kernel's own answer, in its order:
 * EBADF for an epoll fd that is not open comes first (Linux 6.18), and a
 * refused count never waits, whatever the timeout. */
static void test_wait_bad_maxevents_kernel_order(void **state)
{
	struct safepoll *sp = make_instance(4);
	struct safepoll_event out[2];
	struct epoll_event raw[1];
	int64_t t0;

	(void)state;
	t0 = now_ms();
	assert_int_equal(safepoll_wait(sp, 0, 10000), -EINVAL);
	assert_int_equal(safepoll_wait(sp, INT_MAX, 10000), -EINVAL);
	assert_int_equal(safepoll_wait_array(sp, out, -1, 10000), -EINVAL);
	assert_true(now_ms() - t0 < 1000);
	assert_int_equal(safepoll_fini(sp), 0);
	assert_int_equal(epoll_wait(-1, raw, 0, 0), -1);
	assert_int_equal(safepoll_wait(sp, 0, 0), -errno);
	assert_int_equal(safepoll_wait(sp, 0, 0), -EBADF);
	assert_int_equal(safepoll_wait(sp, INT_MIN, 5000), -EBADF);
	assert_int_equal(safepoll_wait_array(sp, NULL, 0, 0), -EBADF);
	assert_int_equal(sp->batch_len, 0);
	free(sp);
}

static void test_wait_null_pointers(void **state)
{
	struct safepoll *sp = make_instance(4);
	struct safepoll_event ev = {0};

	(void)state;
	assert_int_equal(safepoll_wait(NULL, 1, 0), -EFAULT);
	assert_int_equal(safepoll_event(NULL, 0, &ev), -EFAULT);
	assert_int_equal(safepoll_event(sp, 0, NULL), -EFAULT);
	assert_int_equal(safepoll_event(NULL, 0, NULL), -EFAULT);
	assert_int_equal(safepoll_wait_array(NULL, &ev, 1, 0), -EFAULT);
	safepoll_free(sp);
}

/* Negative timeouts wait for ever and huge ones for long: with an event
 * ready both return at once. */
static void test_wait_negative_timeout(void **state)
{
	struct safepoll *sp = make_instance(4);
	int p[2];

	(void)state;
	make_pipe(p);
	assert_int_equal(safepoll_add(sp, p[0], EPOLLIN, NULL), 0);
	write_byte(p[1]);
	assert_int_equal(safepoll_wait(sp, 4, -1), 1);
	assert_int_equal(safepoll_wait(sp, 4, INT_MIN), 1);
	close(p[0]);
	close(p[1]);
	safepoll_free(sp);
}

static void test_wait_huge_timeout(void **state)
{
	struct safepoll *sp = make_instance(4);
	int p[2];

	(void)state;
	make_pipe(p);
	assert_int_equal(safepoll_add(sp, p[0], EPOLLIN, NULL), 0);
	write_byte(p[1]);
	assert_int_equal(safepoll_wait(sp, 4, INT_MAX), 1);
	close(p[0]);
	close(p[1]);
	safepoll_free(sp);
}

static void test_wait_timeout_expires(void **state)
{
	struct safepoll *sp = make_instance(4);

	(void)state;
	int64_t t0 = now_ms();
	assert_int_equal(safepoll_wait(sp, 4, 30), 0);
	assert_true(now_ms() - t0 >= 29);
	safepoll_free(sp);
}

/* A timer signal 50 ms into a 200 ms wait: the wait goes on for the time
 * left and returns after about 200 ms, not early and not after 400. */
static void test_eintr_retried_200ms(void **state)
{
	struct safepoll *sp = make_instance(4);

	(void)state;
	alarm_in(50);
	int64_t t0 = now_ms();
	assert_int_equal(safepoll_wait(sp, 4, 200), 0);
	int64_t spent = now_ms() - t0;
	assert_int_equal(alarms, 1);
	assert_true(spent >= 199);
	assert_true(spent < 400);
	safepoll_free(sp);
}

/* The same signal during an endless wait: waited again, still endless,
 * until the handler's write makes the pipe ready. */
static int alarm_pipe = -1;

static void on_alarm_write(int sig)
{
	(void)sig;
	alarms++;
	if (write(alarm_pipe, "x", 1) != 1)
		alarms = -100;
}

static void test_eintr_retried_forever(void **state)
{
	struct safepoll *sp = make_instance(4);
	struct sigaction sa;
	struct itimerval it = {{0, 0}, {0, 30000}};
	int p[2];

	(void)state;
	make_pipe(p);
	alarm_pipe = p[1];
	assert_int_equal(safepoll_add(sp, p[0], EPOLLIN, NULL), 0);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm_write;
	assert_int_equal(sigaction(SIGALRM, &sa, NULL), 0);
	alarms = 0;
	assert_int_equal(setitimer(ITIMER_REAL, &it, NULL), 0);
	assert_int_equal(safepoll_wait(sp, 4, -1), 1);
	assert_int_equal(alarms, 1);
	close(p[0]);
	close(p[1]);
	safepoll_free(sp);
}

static void test_eintr_reported_on_request(void **state)
{
	struct safepoll *sp;

	(void)state;
	assert_int_equal(safepoll_new(&sp, 4, SAFEPOLL_EINTR), 0);
	alarm_in(50);
	int64_t t0 = now_ms();
	assert_int_equal(safepoll_wait(sp, 4, 200), -EINTR);
	assert_true(now_ms() - t0 < 190);
	assert_int_equal(alarms, 1);
	safepoll_free(sp);
}

static void test_wait_array(void **state)
{
	struct safepoll *sp = make_instance(8);
	struct safepoll_event out[3];
	int a[2], b[2];

	(void)state;
	make_pipe(a);
	make_pipe(b);
	assert_int_equal(safepoll_add(sp, a[0], EPOLLIN, a), 0);
	assert_int_equal(safepoll_add(sp, b[0], EPOLLIN, b), 0);
	write_byte(a[1]);
	write_byte(b[1]);
	assert_int_equal(safepoll_wait_array(sp, out, 3, 0), 2);
	assert_true((out[0].udata == a && out[1].udata == b) ||
		    (out[0].udata == b && out[1].udata == a));
	assert_int_equal(safepoll_wait_array(sp, out, 1, 0), 1);
	/* The array form validates too: a deleted fd's event is gone. */
	assert_int_equal(safepoll_wait(sp, 3, 0), 2);
	assert_int_equal(safepoll_del(sp, a[0]), 0);
	assert_int_equal(safepoll_del(sp, b[0]), 0);
	assert_int_equal(safepoll_event(sp, 0, &out[0]), 0);
	assert_int_equal(safepoll_event(sp, 1, &out[0]), 0);
	assert_int_equal(safepoll_event(sp, 2, &out[0]), -ENOENT);
	assert_int_equal(safepoll_dropped(sp), 2);
	/* A dead token fetched by the array form itself: a's number closed
	 * behind safepoll's back while a dup keeps its file registered. */
	int keep = dup(a[0]);
	assert_int_equal(safepoll_add(sp, a[0], EPOLLIN, a), 0);
	close(a[0]);
	assert_int_equal(dup(keep), a[0]);
	assert_int_equal(safepoll_add(sp, a[0], EPOLLIN, b), -EEXIST);
	assert_int_equal(safepoll_mod(sp, b[0], EPOLLIN, b), -ENOENT);
	int c[2];
	make_pipe(c);
	close(a[0]);
	assert_int_equal(dup2(c[0], a[0]), a[0]);
	assert_int_equal(safepoll_add(sp, a[0], EPOLLIN, c), 0);
	assert_int_equal(safepoll_wait_array(sp, out, 3, 0), 0);
	assert_int_equal(safepoll_dropped(sp), 3);
	close(keep);
	close(c[0]);
	close(c[1]);
	close(a[0]);
	close(a[1]);
	close(b[0]);
	close(b[1]);
	safepoll_free(sp);
}

/* A wait on an instance whose epoll fd was closed behind its back gets
 * the kernel's answer, and leaves no event of the wait before to hand out:
 * on the inline path (timeout 0 and endless: safepoll_wait_again), the
 * timed path (safepoll_wait_timed) and the array form.  A dup keeps the
 * epoll file, so that the number can be given back for the next wait. */
static int wait_form(struct safepoll *sp, int form)
{
	struct safepoll_event out[4];

	switch (form) {
	case 0: return safepoll_wait(sp, 4, 0);
	case 1: return safepoll_wait(sp, 4, -1);
	case 2: return safepoll_wait(sp, 4, 10);
	default: return safepoll_wait_array(sp, out, 4, 0);
	}
}

static void test_wait_closed_epfd(void **state)
{
	struct safepoll *sp = make_instance(4);
	struct safepoll_event ev;
	int p[2], epfd = safepoll_fd(sp), keep = dup(epfd);

	(void)state;
	make_pipe(p);
	assert_int_equal(safepoll_add(sp, p[0], EPOLLIN, NULL), 0);
	write_byte(p[1]);
	for (int form = 0; form < 4; form++) {
		assert_int_equal(dup2(keep, epfd), epfd);
		assert_int_equal(safepoll_wait(sp, 4, 0), 1);
		assert_int_equal(sp->batch_len, 1);
		close(epfd);
		assert_int_equal(wait_form(sp, form), -EBADF);
		assert_int_equal(sp->batch_len, 0);
		assert_int_equal(safepoll_event(sp, 0, &ev), -ENOENT);
	}
	assert_int_equal(check_keeping_masks(sp), -ENOENT);
	assert_int_equal(safepoll_free(sp), -EBADF);
	close(keep);
	close(p[0]);
	close(p[1]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_wait_bad_maxevents),
		TEST(test_wait_bad_maxevents_kernel_order),
		TEST(test_wait_null_pointers),
		TEST(test_wait_negative_timeout),
		TEST(test_wait_huge_timeout),
		TEST(test_wait_timeout_expires),
		TEST(test_eintr_retried_200ms),
		TEST(test_eintr_retried_forever),
		TEST(test_eintr_reported_on_request),
		TEST(test_wait_array),
		TEST(test_wait_closed_epfd),
	};
	return cmocka_run_group_tests_name("wait", tests, NULL, NULL);
}
