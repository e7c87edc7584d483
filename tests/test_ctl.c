/* add, mod, del and close: each answers as the kernel does, and the table
 * follows what the kernel did. */
#include <stdio.h>
#include <stdlib.h>

#include "helpers.h"

static void test_add_mod_del(void **state)
{
	struct safepoll *sp = make_instance(4);
	int p[2], tag = 0;
	struct safepoll_event ev = {0};

	(void)state;
	make_pipe(p);
	assert_int_equal(safepoll_add(sp, p[0], EPOLLIN, &tag), 0);
	assert_consistent(sp);
	write_byte(p[1]);
	ev = wait_one(sp);
	assert_ptr_equal(ev.udata, &tag);
	assert_int_equal(ev.fd, p[0]);
	assert_int_equal(ev.events, EPOLLIN);
	assert_int_equal(safepoll_mod(sp, p[0], EPOLLOUT, &ev), 0);
	assert_consistent(sp);
	assert_int_equal(safepoll_wait(sp, 16, 0), 0);
	assert_int_equal(safepoll_del(sp, p[0]), 0);
	assert_consistent(sp);
	assert_int_equal(safepoll_del(sp, p[0]), -ENOENT);
	close(p[0]);
	close(p[1]);
	safepoll_free(sp);
}

static void test_add_negative_fd(void **state)
{
	struct safepoll *sp = make_instance(4);

	(void)state;
	assert_int_equal(safepoll_add(sp, -1, EPOLLIN, NULL), -EBADF);
	assert_int_equal(safepoll_mod(sp, -1, EPOLLIN, NULL), -EBADF);
	assert_int_equal(safepoll_del(sp, -1), -EBADF);
	assert_int_equal(safepoll_close(sp, -1), -EBADF);
	assert_consistent(sp);
	safepoll_free(sp);
}

static void test_add_closed_fd(void **state)
{
	struct safepoll *sp = make_instance(4);
	int p[2];

	(void)state;
	make_pipe(p);
	close(p[0]);
	close(p[1]);
	assert_int_equal(safepoll_add(sp, p[0], EPOLLIN, NULL), -EBADF);
	assert_int_equal(safepoll_mod(sp, p[0], EPOLLIN, NULL), -EBADF);
	assert_int_equal(safepoll_del(sp, p[0]), -EBADF);
	assert_consistent(sp);
	safepoll_free(sp);
}

static void test_add_regular_file_eperm(void **state)
{
	struct safepoll *sp = make_instance(4);
	int fd = open("/tmp", O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(safepoll_add(sp, fd, EPOLLIN, NULL), -EPERM);
	assert_int_equal(safepoll_mod(sp, fd, EPOLLIN, NULL), -EPERM);
	assert_int_equal(safepoll_del(sp, fd), -EPERM);
	assert_consistent(sp);
	/* Not registrable, so closing it through safepoll is fine. */
	assert_int_equal(safepoll_close(sp, fd), 0);
	assert_int_equal(fcntl(fd, F_GETFD), -1);
	safepoll_free(sp);
}

static void test_add_unknown_mask(void **state)
{
	struct safepoll *sp = make_instance(4);
	int p[2];

	(void)state;
	make_pipe(p);
	/* The kernel would take these bits; safepoll cannot vouch for
	 * them, so it refuses before asking the kernel. */
	assert_int_equal(safepoll_add(sp, p[0], EPOLLIN | (1u << 20), NULL),
			 -EINVAL);
	assert_int_equal(safepoll_add(sp, p[0], 0x20 /* POLLNVAL */, NULL),
			 -EINVAL);
	assert_int_equal(safepoll_add(sp, p[0], EPOLLIN, NULL), 0);
	assert_int_equal(safepoll_mod(sp, p[0], 1u << 27, NULL), -EINVAL);
	assert_consistent(sp);
	close(p[0]);
	close(p[1]);
	safepoll_free(sp);
}

/* Masks the kernel itself refuses: EPOLLEXCLUSIVE with EPOLLONESHOT, and
 * any mod of an exclusive registration. */
static void test_add_invalid_mask(void **state)
{
	struct safepoll *sp = make_instance(4);
	int p[2];

	(void)state;
	make_pipe(p);
	assert_int_equal(safepoll_add(sp, p[0],
				      EPOLLIN | EPOLLEXCLUSIVE | EPOLLONESHOT,
				      NULL),
			 -EINVAL);
	assert_int_equal(safepoll_add(sp, p[0], EPOLLIN | EPOLLEXCLUSIVE, NULL),
			 0);
	assert_int_equal(safepoll_mod(sp, p[0], EPOLLIN, NULL), -EINVAL);
	assert_consistent(sp);
	close(p[0]);
	close(p[1]);
	safepoll_free(sp);
}

static void test_add_own_epfd_einval(void **state)
{
	struct safepoll *sp = make_instance(4);
	int epfd = safepoll_fd(sp);

	(void)state;
	assert_int_equal(safepoll_add(sp, epfd, EPOLLIN, NULL), -EINVAL);
	/* safepoll_close refuses to close the instance's own descriptor. */
	assert_int_equal(safepoll_close(sp, epfd), -EINVAL);
	assert_int_equal(fcntl(epfd, F_GETFD), FD_CLOEXEC);
	safepoll_free(sp);
}

static void test_add_twice_eexist(void **state)
{
	struct safepoll *sp = make_instance(4);
	int p[2], a, b;
	struct safepoll_event ev = {0};

	(void)state;
	make_pipe(p);
	assert_int_equal(safepoll_add(sp, p[0], EPOLLIN, &a), 0);
	assert_int_equal(safepoll_add(sp, p[0], EPOLLIN, &b), -EEXIST);
	assert_consistent(sp);
	write_byte(p[1]);
	ev = wait_one(sp);
	assert_ptr_equal(ev.udata, &a);
	close(p[0]);
	close(p[1]);
	safepoll_free(sp);
}

static void test_mod_unknown_fd_enoent(void **state)
{
	struct safepoll *sp = make_instance(4);
	int p[2];

	(void)state;
	make_pipe(p);
	assert_int_equal(safepoll_mod(sp, p[0], EPOLLIN, NULL), -ENOENT);
	assert_int_equal(safepoll_del(sp, p[0]), -ENOENT);
	assert_consistent(sp);
	close(p[0]);
	close(p[1]);
	safepoll_free(sp);
}

static void test_add_full_table_enospc(void **state)
{
	struct safepoll *sp = make_instance(2);
	int p[2], q[2];

	(void)state;
	make_pipe(p);
	make_pipe(q);
	assert_int_equal(safepoll_add(sp, p[0], EPOLLIN, NULL), 0);
	assert_int_equal(safepoll_add(sp, p[1], EPOLLOUT, NULL), 0);
	assert_int_equal(safepoll_add(sp, q[0], EPOLLIN, NULL), -ENOSPC);
	assert_consistent(sp);
	/* A freed slot is usable again. */
	assert_int_equal(safepoll_del(sp, p[1]), 0);
	assert_int_equal(safepoll_add(sp, q[0], EPOLLIN, NULL), 0);
	assert_consistent(sp);
	close(p[0]);
	close(p[1]);
	close(q[0]);
	close(q[1]);
	safepoll_free(sp);
}

static void test_ctl_null_instance(void **state)
{
	(void)state;
	assert_int_equal(safepoll_add(NULL, 0, EPOLLIN, NULL), -EFAULT);
	assert_int_equal(safepoll_mod(NULL, 0, EPOLLIN, NULL), -EFAULT);
	assert_int_equal(safepoll_del(NULL, 0), -EFAULT);
	assert_int_equal(safepoll_close(NULL, 0), -EFAULT);
}

static void test_close_registered(void **state)
{
	struct safepoll *sp = make_instance(4);
	int p[2];

	(void)state;
	make_pipe(p);
	int keep = dup(p[0]);
	assert_int_equal(safepoll_add(sp, p[0], EPOLLIN, NULL), 0);
	assert_int_equal(safepoll_close(sp, p[0]), 0);
	assert_int_equal(fcntl(p[0], F_GETFD), -1);
	/* The dup keeps the file open, yet no registration is left. */
	write_byte(p[1]);
	assert_int_equal(safepoll_wait(sp, 16, 0), 0);
	assert_consistent(sp);
	/* Not registered: closed all the same. */
	assert_int_equal(safepoll_close(sp, keep), 0);
	assert_int_equal(fcntl(keep, F_GETFD), -1);
	close(p[1]);
	safepoll_free(sp);
}

/* Many registrations: lookups stay right whatever the chains hold. */
static void test_many_fds(void **state)
{
	enum { N = 300 };
	struct safepoll *sp = make_instance(N);
	int fds[N][2];

	(void)state;
	for (int i = 0; i < N / 2; i++) {
		make_pipe(fds[i]);
		assert_int_equal(safepoll_add(sp, fds[i][0], EPOLLIN, &fds[i]),
				 0);
		assert_int_equal(
			safepoll_add(sp, fds[i][1], EPOLLOUT, &fds[i][1]), 0);
	}
	assert_consistent(sp);
	for (int i = 0; i < N / 2; i += 3)
		assert_int_equal(safepoll_close(sp, fds[i][1]), 0);
	assert_consistent(sp);
	for (int i = 0; i < N / 2; i++) {
		assert_int_equal(
			safepoll_mod(sp, fds[i][0], EPOLLIN | EPOLLET, &fds[i]),
			0);
		assert_int_equal(safepoll_close(sp, fds[i][0]), 0);
		if (i % 3)
			assert_int_equal(safepoll_close(sp, fds[i][1]), 0);
	}
	assert_consistent(sp);
	safepoll_free(sp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_add_mod_del),
		TEST(test_add_negative_fd),
		TEST(test_add_closed_fd),
		TEST(test_add_regular_file_eperm),
		TEST(test_add_unknown_mask),
		TEST(test_add_invalid_mask),
		TEST(test_add_own_epfd_einval),
		TEST(test_add_twice_eexist),
		TEST(test_mod_unknown_fd_enoent),
		TEST(test_add_full_table_enospc),
		TEST(test_ctl_null_instance),
		TEST(test_close_registered),
		TEST(test_many_fds),
	};
	return cmocka_run_group_tests_name("ctl", tests, NULL, NULL);
}
