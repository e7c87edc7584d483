/* safepoll_rebuild's errors and refusals: each leaves the instance as it
 * was or ends the rebuild with the kernel's answer; a corrupt table or a
 * raw registration cannot make it hand out a dead token. */
#include <sys/resource.h>

#include "helpers.h"

/* Errors leave the instance as it was, its epoll included. */
static void test_rebuild_errors(void **state)
{
	struct safepoll *sp = make_instance(2);
	struct rlimit old, low;
	int p[2], tag, fd;

	(void)state;
	assert_int_equal(safepoll_rebuild(NULL), -EFAULT);
	make_pipe(p);
	assert_int_equal(safepoll_add(sp, p[0], EPOLLIN, &tag), 0);
	fd = safepoll_fd(sp);
	/* No spare descriptor: epoll_create1's -EMFILE. */
	assert_int_equal(getrlimit(RLIMIT_NOFILE, &old), 0);
	low = old;
	low.rlim_cur = (rlim_t)fcntl(0, F_DUPFD, 0); /* the lowest free */
	close((int)low.rlim_cur);
	assert_int_equal(setrlimit(RLIMIT_NOFILE, &low), 0);
	assert_int_equal(safepoll_rebuild(sp), -EMFILE);
	assert_int_equal(setrlimit(RLIMIT_NOFILE, &old), 0);
	assert_int_equal(safepoll_fd(sp), fd);
	write_byte(p[1]);
	assert_ptr_equal(wait_one(sp).udata, &tag);
	assert_consistent(sp);
	close(p[0]);
	close(p[1]);
	assert_int_equal(safepoll_fini(sp), 0);
	assert_int_equal(safepoll_rebuild(sp), -EBADF);
	free(sp);
}

/* A record whose number now names a file epoll refuses (EPERM) is
 * released, as an add would. */
static void test_rebuild_releases_unpollable_number(void **state)
{
	struct safepoll *sp = make_instance(2);
	int p[2], file, tag;

	(void)state;
	make_pipe(p);
	assert_int_equal(safepoll_add(sp, p[0], EPOLLIN, &tag), 0);
	close(p[0]);
	file = open("/tmp", O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	assert_int_equal(file, p[0]);
	assert_int_equal(safepoll_rebuild(sp), 0);
	assert_int_equal(sp->live, 0);
	assert_consistent(sp);
	close(file);
	close(p[1]);
	safepoll_free(sp);
}

/* Any other refusal of an add ends the rebuild: here a number closed
 * behind safepoll's back now names an epoll, which EPOLLEXCLUSIVE may not
 * watch (EINVAL).  The instance keeps its epoll and its record. */
static void test_rebuild_refused_add_keeps_instance(void **state)
{
	struct safepoll *sp = make_instance(2);
	int p[2], ep, tag, fd = safepoll_fd(sp);

	(void)state;
	make_pipe(p);
	assert_int_equal(safepoll_add(sp, p[0], EPOLLIN | EPOLLEXCLUSIVE, &tag),
			 0);
	close(p[0]);
	ep = epoll_create1(EPOLL_CLOEXEC);
	assert_int_equal(ep, p[0]);
	assert_int_equal(safepoll_rebuild(sp), -EINVAL);
	assert_int_equal(safepoll_fd(sp), fd);
	assert_int_equal(sp->live, 1);
	close(ep);
	close(p[1]);
	safepoll_free(sp);
}

/* dup3's refusal ends the rebuild: the instance's number was closed behind
 * safepoll's back and the new epoll took it (dup3 onto itself: EINVAL). */
static void test_rebuild_dup3_refused(void **state)
{
	struct safepoll *sp = make_instance(2);
	int fd = safepoll_fd(sp), fillers[64], n = 0, x;

	(void)state;
	close(fd);
	/* Fill every hole below fd, so that the new epoll gets fd. */
	while ((x = open("/dev/null", O_RDONLY | O_CLOEXEC)) != fd) {
		assert_true(x >= 0 && n < 64);
		fillers[n++] = x;
	}
	close(x);
	assert_int_equal(safepoll_rebuild(sp), -EINVAL);
	assert_int_equal(fcntl(fd, F_GETFD), -1);
	while (n > 0)
		close(fillers[--n]);
	assert_int_equal(safepoll_free(sp), -EBADF);
}

/* A corrupt table (two live slots with one fd) cannot make the rebuild
 * release another slot than the one the kernel refused: each stale slot
 * is released only when the lookup finds that very slot. */
static void test_rebuild_corrupt_chain(void **state)
{
	struct safepoll *sp = make_instance(2);
	int p[2], q[2], a, b, tag;

	(void)state;
	make_pipe(p);
	make_pipe(q);
	a = p[0];
	/* b in a's chain (two chains: the fd's low bit). */
	b = fcntl(q[0], F_DUPFD_CLOEXEC, a + 2);
	if ((b - a) % 2 != 0) {
		int b2 = fcntl(q[0], F_DUPFD_CLOEXEC, b + 1);

		close(b);
		b = b2;
	}
	assert_int_equal((b - a) % 2, 0);
	assert_int_equal(safepoll_add(sp, a, EPOLLIN, &tag), 0);
	assert_int_equal(safepoll_add(sp, b, EPOLLIN, &tag), 0);
	close(b);
	close(a);
	/* Slot 1, at the head of the chain, now claims a's number too. */
	sp->regs[1].fd = a;
	assert_int_equal(safepoll_rebuild(sp), 0);
	/* Slot 0 was not released for slot 1's sake; slot 1 was. */
	assert_int_equal(sp->regs[0].fd, a);
	assert_int_equal(sp->regs[1].fd, -1);
	close(p[1]);
	close(q[0]);
	close(q[1]);
	safepoll_free(sp);
}

/* Documented: a registration made by a raw epoll_ctl on safepoll_fd() is
 * gone after a rebuild, and its event fetched before (a token of no slot)
 * is dropped. */
static void test_rebuild_drops_raw_registration(void **state)
{
	struct safepoll *sp = make_instance(2);
	struct epoll_event raw = {.events = EPOLLIN, .data.u64 = UINT64_MAX};
	struct safepoll_event ev = {0};
	int p[2];

	(void)state;
	make_pipe(p);
	assert_int_equal(epoll_ctl(safepoll_fd(sp), EPOLL_CTL_ADD, p[0], &raw),
			 0);
	write_byte(p[1]);
	assert_int_equal(safepoll_wait(sp, 8, 0), 1);
	assert_int_equal(safepoll_rebuild(sp), 0);
	assert_int_equal(safepoll_event(sp, 0, &ev), 0);
	assert_int_equal(safepoll_wait(sp, 8, 0), 0);
	close(p[0]);
	close(p[1]);
	safepoll_free(sp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_rebuild_errors),
		TEST(test_rebuild_releases_unpollable_number),
		TEST(test_rebuild_refused_add_keeps_instance),
		TEST(test_rebuild_dup3_refused),
		TEST(test_rebuild_corrupt_chain),
		TEST(test_rebuild_drops_raw_registration),
	};
	return cmocka_run_group_tests_name("rebuild errors", tests, NULL, NULL);
}
