/* safepoll_rebuild: what it fixes (hardening defects 2, 4 and 9; each test
 * names its defect and failed before rebuild existed: there was no way
 * out), what it keeps, and what it documents. */
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "helpers.h"

/* Test-only: every free slot at the last generation, as 2^32 - 1 releases
 * of each would leave it (the slot layout is public). */
static void age_free_slots(struct safepoll *sp)
{
	for (uint32_t i = 0; i < sp->capacity; i++)
		if (sp->regs[i].fd < 0)
			sp->regs[i].token = UINT64_MAX;
}

/* Defect 2: a release at the last generation retires the slot for good;
 * an empty capacity-1 table then refused every add.  A rebuild brings the
 * slot back. */
static void test_defect2_rebuild_brings_capacity_back(void **state)
{
	struct safepoll *sp = make_instance(1);
	int p[2], tag;

	(void)state;
	age_free_slots(sp);
	make_pipe(p);
	assert_int_equal(safepoll_add(sp, p[0], EPOLLIN, &tag), 0);
	assert_int_equal(safepoll_del(sp, p[0]), 0);
	assert_int_equal(safepoll_add(sp, p[0], EPOLLIN, &tag), -ENOSPC);
	assert_int_equal(safepoll_rebuild(sp), 0);
	assert_int_equal(safepoll_add(sp, p[0], EPOLLIN, &tag), 0);
	write_byte(p[1]);
	assert_ptr_equal(wait_one(sp).udata, &tag);
	assert_consistent(sp);
	close(p[0]);
	close(p[1]);
	safepoll_free(sp);
}

/* A retired slot's token fetched before the rebuild must not come back to
 * life when the slot is taken again at generation 0. */
static void test_rebuild_drops_retired_slots_batch_events(void **state)
{
	struct safepoll *sp = make_instance(1);
	struct safepoll_event ev = {0};
	int p[2], old, fresh;

	(void)state;
	make_pipe(p);
	age_free_slots(sp);
	assert_int_equal(safepoll_add(sp, p[0], EPOLLIN, &old), 0);
	write_byte(p[1]);
	assert_int_equal(safepoll_wait(sp, 8, 0), 1);
	/* The del retires the slot; the fetched event is dead. */
	assert_int_equal(safepoll_del(sp, p[0]), 0);
	assert_int_equal(safepoll_rebuild(sp), 0);
	assert_int_equal(safepoll_add(sp, p[0], EPOLLIN, &fresh), 0);
	assert_int_equal(safepoll_event(sp, 0, &ev), 0);
	assert_int_equal(safepoll_dropped(sp), 1);
	assert_ptr_equal(wait_one(sp).udata, &fresh);
	assert_consistent(sp);
	close(p[0]);
	close(p[1]);
	safepoll_free(sp);
}

/* The batch keeps its meaning: a live registration's fetched event is
 * handed out after the rebuild with its udata, a deleted one's dropped. */
static void test_rebuild_keeps_batch_meaning(void **state)
{
	struct safepoll *sp = make_instance(8);
	struct safepoll_event out[4];
	int a[2], b[2], ta, tb;

	(void)state;
	make_pipe(a);
	make_pipe(b);
	assert_int_equal(safepoll_add(sp, a[0], EPOLLIN, &ta), 0);
	assert_int_equal(safepoll_add(sp, b[0], EPOLLIN, &tb), 0);
	write_byte(a[1]);
	write_byte(b[1]);
	assert_int_equal(safepoll_wait(sp, 8, 0), 2);
	assert_int_equal(safepoll_del(sp, b[0]), 0);
	assert_int_equal(safepoll_rebuild(sp), 0);
	assert_int_equal(hand_out(sp, out, 4), 1);
	assert_ptr_equal(out[0].udata, &ta);
	assert_int_equal(out[0].fd, a[0]);
	assert_int_equal(safepoll_dropped(sp), 1);
	/* The new epoll holds a's registration, and only it. */
	assert_ptr_equal(wait_one(sp).udata, &ta);
	assert_consistent(sp);
	close(a[0]);
	close(a[1]);
	close(b[0]);
	close(b[1]);
	safepoll_free(sp);
}

/* Defect 9: the dup trap leaves the kernel a registration under a dead
 * token, which fires at every level-triggered wait, dropped each time.
 * The rebuild's epoll does not hold it: the spinning stops. */
static void test_defect9_rebuild_stops_dead_registration(void **state)
{
	struct safepoll *sp = make_instance(4);
	int p[2], q[2], keep, tag, tag2, num;
	uint64_t dropped;

	(void)state;
	make_pipe(p);
	num = p[0];
	assert_int_equal(safepoll_add(sp, num, EPOLLIN, &tag), 0);
	keep = dup(num);
	assert_true(keep >= 0);
	write_byte(p[1]);
	close(num); /* behind safepoll's back; the dup keeps the file */
	make_pipe(q); /* takes the number back */
	assert_int_equal(q[0], num);
	assert_int_equal(safepoll_add(sp, q[0], EPOLLIN, &tag2), 0);
	for (int i = 0; i < 3; i++) {
		dropped = safepoll_dropped(sp);
		assert_int_equal(safepoll_wait(sp, 8, 0), 1);
		assert_int_equal(hand_out(sp, NULL, 0), 0);
		assert_int_equal(safepoll_dropped(sp), dropped + 1);
	}
	assert_int_equal(safepoll_rebuild(sp), 0);
	dropped = safepoll_dropped(sp);
	assert_int_equal(safepoll_wait(sp, 8, 0), 0);
	assert_int_equal(safepoll_dropped(sp), dropped);
	write_byte(q[1]);
	assert_ptr_equal(wait_one(sp).udata, &tag2);
	assert_consistent(sp);
	close(keep);
	close(p[1]);
	close(q[0]);
	close(q[1]);
	safepoll_free(sp);
}

/* A record whose number was closed behind safepoll's back is released,
 * and so is one whose number the new epoll itself took. */
static void test_rebuild_releases_closed_numbers(void **state)
{
	struct safepoll *sp = make_instance(2);
	int p[2], q[2], tag;

	(void)state;
	make_pipe(p);
	make_pipe(q);
	assert_int_equal(safepoll_add(sp, p[0], EPOLLIN, &tag), 0);
	assert_int_equal(safepoll_add(sp, q[1], EPOLLOUT, &tag), 0);
	close(q[1]); /* the lowest free number: the new epoll takes it */
	close(p[0]);
	assert_int_equal(safepoll_rebuild(sp), 0);
	assert_int_equal(sp->live, 0);
	assert_consistent(sp);
	assert_int_equal(safepoll_add(sp, p[1], EPOLLOUT, &tag), 0);
	assert_int_equal(safepoll_add(sp, q[0], EPOLLIN, &tag), 0);
	assert_consistent(sp);
	close(p[1]);
	close(q[0]);
	safepoll_free(sp);
}

/* Defect 4: after fork, parent and child shared the kernel's epoll but
 * not the table: the child's registration reached the parent under the
 * parent's token.  The child rebuilds first; the parent sees nothing. */
static void test_defect4_fork_child_rebuilds(void **state)
{
	struct safepoll *sp = make_instance(4);
	int p[2], ready[2], done[2], tag, status;
	char c;
	pid_t pid;

	(void)state;
	make_pipe(p);
	assert_int_equal(pipe2(ready, O_CLOEXEC), 0);
	assert_int_equal(pipe2(done, O_CLOEXEC), 0);
	assert_int_equal(safepoll_add(sp, p[1], EPOLLOUT | EPOLLET, &tag), 0);
	assert_ptr_equal(wait_one(sp).udata, &tag);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		/* The child's registration lives until the parent has
		 * waited: it holds its pipe open until then. */
		int q[2], mine, fd = safepoll_fd(sp);
		int ok = close(ready[0]) == 0 && close(done[1]) == 0 &&
			 safepoll_rebuild(sp) == 0 && safepoll_fd(sp) == fd &&
			 pipe2(q, O_NONBLOCK) == 0 &&
			 safepoll_add(sp, q[1], EPOLLOUT, &mine) == 0 &&
			 safepoll_wait(sp, 8, 0) >= 1 &&
			 safepoll_check(sp) == 0;
		ok = ok && write(ready[1], "x", 1) == 1 &&
		     read(done[0], &c, 1) == 1;
		/* Its status by exec, not exit: under valgrind an exit would
		 * leak-check a copy of the test runner's memory. */
		ok = safepoll_free(sp) == 0 && ok;
		/* argv[0] names the program: busybox (inside make kernels)
		 * picks its applet by it. */
		execl(ok ? "/bin/true" : "/bin/false", ok ? "true" : "false",
		      (char *)NULL);
		_exit(1);
	}
	/* A child that fails closes its ends: the reads see the end. */
	close(ready[1]);
	close(done[0]);
	assert_int_equal(read(ready[0], &c, 1), 1);
	/* Nothing of the child's reached the parent's epoll. */
	assert_int_equal(safepoll_wait(sp, 8, 0), 0);
	assert_consistent(sp);
	assert_int_equal(write(done[1], "x", 1), 1);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	close(ready[0]);
	close(done[1]);
	close(p[0]);
	close(p[1]);
	safepoll_free(sp);
}

/* Documented: the table does not know that an EPOLLONESHOT registration
 * fired, so the rebuild arms it again. */
static void test_rebuild_arms_oneshot_again(void **state)
{
	struct safepoll *sp = make_instance(2);
	int p[2], tag;

	(void)state;
	make_pipe(p);
	assert_int_equal(safepoll_add(sp, p[0], EPOLLIN | EPOLLONESHOT, &tag),
			 0);
	write_byte(p[1]);
	assert_ptr_equal(wait_one(sp).udata, &tag);
	assert_int_equal(safepoll_wait(sp, 8, 0), 0);
	assert_int_equal(safepoll_rebuild(sp), 0);
	assert_ptr_equal(wait_one(sp).udata, &tag);
	close(p[0]);
	close(p[1]);
	safepoll_free(sp);
}

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
		TEST(test_defect2_rebuild_brings_capacity_back),
		TEST(test_rebuild_drops_retired_slots_batch_events),
		TEST(test_rebuild_keeps_batch_meaning),
		TEST(test_defect9_rebuild_stops_dead_registration),
		TEST(test_rebuild_releases_closed_numbers),
		TEST(test_defect4_fork_child_rebuilds),
		TEST(test_rebuild_arms_oneshot_again),
		TEST(test_rebuild_errors),
		TEST(test_rebuild_releases_unpollable_number),
		TEST(test_rebuild_refused_add_keeps_instance),
		TEST(test_rebuild_dup3_refused),
		TEST(test_rebuild_corrupt_chain),
		TEST(test_rebuild_drops_raw_registration),
	};
	return cmocka_run_group_tests_name("rebuild", tests, NULL, NULL);
}
