/* At the limits: no descriptor left (RLIMIT_NOFILE), and as many
 * registrations as the fd limit allows. */
#include <stdlib.h>
#include <sys/resource.h>

#include "helpers.h"

/* With the fd limit lowered, registrations go on until pipe2 fails; every
 * one of them stays registered and the table agrees with the kernel. */
static void test_limit_nofile_exhausted(void **state)
{
	enum { LIMIT = 64 };
	struct rlimit old, low;
	struct safepoll *sp = make_instance(LIMIT);
	int fds[LIMIT][2], n = 0, rc;

	(void)state;
	assert_int_equal(getrlimit(RLIMIT_NOFILE, &old), 0);
	low = old;
	low.rlim_cur = LIMIT;
	assert_int_equal(setrlimit(RLIMIT_NOFILE, &low), 0);
	while ((rc = pipe2(fds[n], O_NONBLOCK | O_CLOEXEC)) == 0) {
		assert_int_equal(safepoll_add(sp, fds[n][0], EPOLLIN, fds[n]),
				 0);
		n++;
	}
	int pipe_errno = errno;
	/* The last descriptor or two, so that none is left at all. */
	int spare[2] = {dup(0), dup(0)};
	int dup_errno = errno;
	/* No descriptor left: an instance cannot be made, and says why. */
	struct safepoll *other;
	int new_rc = safepoll_new(&other, 4, 0);
	assert_int_equal(setrlimit(RLIMIT_NOFILE, &old), 0);
	assert_int_equal(pipe_errno, EMFILE);
	assert_int_equal(spare[1], -1);
	assert_int_equal(dup_errno, EMFILE);
	assert_int_equal(new_rc, -EMFILE);
	assert_consistent(sp);
	if (spare[0] >= 0)
		close(spare[0]);
	for (int i = 0; i < n; i++) {
		assert_int_equal(safepoll_close(sp, fds[i][0]), 0);
		close(fds[i][1]);
	}
	assert_consistent(sp);
	safepoll_free(sp);
}

/* As many registrations as the fd limit allows (both ends of each pipe):
 * all found, all handed out, all removed. */
static void test_limit_many_registrations(void **state)
{
	struct rlimit lim;
	struct safepoll *sp;
	struct safepoll_event ev = {0};

	(void)state;
	assert_int_equal(getrlimit(RLIMIT_NOFILE, &lim), 0);
	int pipes =
		(int)((lim.rlim_cur > 20000 ? 20000 : lim.rlim_cur) - 64) / 2;
	int(*fds)[2] = calloc((size_t)pipes, sizeof *fds);
	assert_non_null(fds);
	assert_int_equal(safepoll_new(&sp, (uint32_t)(2 * pipes), 0), 0);
	for (int i = 0; i < pipes; i++) {
		make_pipe(fds[i]);
		assert_int_equal(
			safepoll_add(sp, fds[i][0], EPOLLIN, &fds[i][0]), 0);
		assert_int_equal(safepoll_add(sp, fds[i][1], 0, &fds[i][1]), 0);
	}
	/* Full: a pipe the kernel would take is refused (defect 8: the
	 * kernel's answer first, so not stdin, which it may refuse). */
	int extra[2];
	make_pipe(extra);
	assert_int_equal(safepoll_add(sp, extra[0], EPOLLIN, NULL), -ENOSPC);
	close(extra[0]);
	close(extra[1]);
	assert_consistent(sp);
	for (int i = 0; i < pipes; i += 2)
		write_byte(fds[i][1]);
	int seen = 0, n, rc;
	/* A batch at a time: SAFEPOLL_BATCH events a wait at most. */
	while ((n = safepoll_wait(sp, 4096, 0)) > 0) {
		assert_true(n <= SAFEPOLL_BATCH);
		for (uint32_t i = 0; (rc = safepoll_event(sp, i, &ev)) >= 0;
		     i++) {
			int *fd = ev.udata;
			assert_int_equal(rc, 1);
			assert_int_equal(*fd, ev.fd);
			char c;
			assert_int_equal(read(ev.fd, &c, 1), 1);
			seen++;
		}
	}
	assert_int_equal(n, 0);
	assert_int_equal(seen, (pipes + 1) / 2);
	assert_int_equal(safepoll_dropped(sp), 0);
	for (int i = 0; i < pipes; i++) {
		assert_int_equal(safepoll_close(sp, fds[i][0]), 0);
		assert_int_equal(safepoll_close(sp, fds[i][1]), 0);
	}
	assert_consistent(sp);
	safepoll_free(sp);
	free(fds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_limit_nofile_exhausted),
		TEST(test_limit_many_registrations),
	};
	return cmocka_run_group_tests_name("limits", tests, NULL, NULL);
}
