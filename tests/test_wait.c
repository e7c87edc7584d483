/* Waiting: bounds, timeouts and the array form.  What the waits hand the
 * kernel, and how they meet signals, is tests/fault/test_waits.c's: it
 * sees every call, so it needs no real clock. */
#include <limits.h>
#include <string.h>

#include "helpers.h"
#include "model_kernel.h"

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
 * EBADF for an epoll fd that is not open comes first from Linux 6.18;
 * before, do_epoll_wait() checks maxevents first, EINVAL
 * (wait_ebadf_first).  A refused count never waits, whatever the
 * timeout. */
static void test_wait_bad_maxevents_kernel_order(void **state)
{
	struct safepoll *sp = make_instance(4);
	struct safepoll_event out[2];
	struct epoll_event raw[1];

	(void)state;
	assert_int_equal(safepoll_wait(sp, 0, 10000), -EINVAL);
	assert_int_equal(safepoll_wait(sp, INT_MAX, 10000), -EINVAL);
	assert_int_equal(safepoll_wait_array(sp, out, -1, 10000), -EINVAL);
	assert_int_equal(safepoll_fini(sp), 0);
	assert_int_equal(epoll_wait(-1, raw, 0, 0), -1);
	assert_int_equal(safepoll_wait(sp, 0, 0), -errno);
	if (model_kernel_current()->wait_ebadf_first) {
		assert_int_equal(safepoll_wait(sp, 0, 0), -EBADF);
		assert_int_equal(safepoll_wait(sp, INT_MIN, 5000), -EBADF);
		assert_int_equal(safepoll_wait_array(sp, NULL, 0, 0), -EBADF);
	} else {
		assert_int_equal(safepoll_wait(sp, 0, 0), -EINVAL);
		assert_int_equal(safepoll_wait(sp, INT_MIN, 5000), -EINVAL);
		assert_int_equal(safepoll_wait_array(sp, NULL, 0, 0), -EINVAL);
	}
	assert_int_equal(safepoll_wait(sp, 1, 0), -EBADF);
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
 * on the inline path (timeout 0 and endless), the timed path (out of
 * line) and the array form.  A dup keeps the
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
		TEST(test_wait_array),
		TEST(test_wait_closed_epfd),
	};
	return cmocka_run_group_tests_name("wait", tests, NULL, NULL);
}
