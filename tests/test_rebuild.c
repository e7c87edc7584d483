/* safepoll_rebuild: what it fixes (hardening defects 2, 4 and 9; each test
 * names its defect and failed before rebuild existed: there was no way
 * out), what it keeps, and what it documents.  Its errors and refusals:
 * test_rebuild_errors.c. */
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
	};
	return cmocka_run_group_tests_name("rebuild", tests, NULL, NULL);
}
