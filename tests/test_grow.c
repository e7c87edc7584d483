/* safepoll_grow: a full table takes more registrations with no rebuild,
 * no system call and no spare descriptor (issue 17: libuv's emfile test
 * aborted at a small capacity when the port rebuilt on -ENOSPC). */
#include "helpers.h"

static struct safepoll_reg *slots(uint32_t n)
{
	struct safepoll_reg *regs = calloc(n, sizeof *regs);

	assert_non_null(regs);
	return regs;
}

/* -ENOSPC, then growth, then the adds that were refused go through. */
static void test_grow_full_table(void **state)
{
	struct safepoll *sp = make_instance(2);
	struct safepoll_reg *more = slots(4);
	int p[4][2], tag[4], fd = safepoll_fd(sp);

	(void)state;
	for (int i = 0; i < 4; i++)
		make_pipe(p[i]);
	assert_int_equal(safepoll_add(sp, p[0][0], EPOLLIN, &tag[0]), 0);
	assert_int_equal(safepoll_add(sp, p[1][0], EPOLLIN, &tag[1]), 0);
	assert_int_equal(safepoll_add(sp, p[2][0], EPOLLIN, &tag[2]), -ENOSPC);
	assert_int_equal(safepoll_grow(sp, more, 4), 0);
	assert_int_equal(safepoll_fd(sp), fd);
	assert_int_equal(safepoll_add(sp, p[2][0], EPOLLIN, &tag[2]), 0);
	assert_int_equal(safepoll_add(sp, p[3][0], EPOLLIN, &tag[3]), 0);
	assert_int_equal(safepoll_add(sp, p[0][1], EPOLLOUT, &tag[0]), -ENOSPC);
	for (int i = 0; i < 4; i++) {
		write_byte(p[i][1]);
		assert_ptr_equal(wait_one(sp).udata, &tag[i]);
		char c;
		assert_int_equal(read(p[i][0], &c, 1), 1);
	}
	assert_consistent(sp);
	assert_int_equal(safepoll_free(sp), 0);
	free(more);
	for (int i = 0; i < 4; i++) {
		close(p[i][0]);
		close(p[i][1]);
	}
}

/* Every registration keeps its slot and token, and is still found by fd:
 * a mod and a del of an old registration work after growth. */
static void test_grow_keeps_lookups(void **state)
{
	struct safepoll *sp = make_instance(3);
	struct safepoll_reg *more = slots(7);
	uint64_t token[3];
	int p[3][2], tag[3], other;

	(void)state;
	for (int i = 0; i < 3; i++) {
		make_pipe(p[i]);
		assert_int_equal(safepoll_add(sp, p[i][0], EPOLLIN, &tag[i]),
				 0);
		token[i] = sp->regs[i].token;
	}
	assert_int_equal(safepoll_grow(sp, more, 7), 0);
	assert_ptr_equal(sp->regs, more);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(more[i].fd, p[i][0]);
		assert_true(more[i].token == token[i]);
	}
	assert_int_equal(safepoll_mod(sp, p[1][0], EPOLLIN, &other), 0);
	assert_int_equal(safepoll_del(sp, p[0][0]), 0);
	assert_int_equal(safepoll_add(sp, p[1][0], EPOLLIN, &other), -EEXIST);
	write_byte(p[1][1]);
	assert_ptr_equal(wait_one(sp).udata, &other);
	assert_consistent(sp);
	assert_int_equal(safepoll_free(sp), 0);
	free(more);
	for (int i = 0; i < 3; i++) {
		close(p[i][0]);
		close(p[i][1]);
	}
}

/* The events of the last wait keep their meaning across growth: a live
 * registration's is handed out with its udata, a deleted one's dropped. */
static void test_grow_keeps_batch(void **state)
{
	struct safepoll *sp = make_instance(2);
	struct safepoll_reg *more = slots(5);
	struct safepoll_event ev;
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
	assert_int_equal(safepoll_grow(sp, more, 5), 0);
	/* The kernel lists the two in either order: look at both. */
	int handed = 0;
	for (int k = 0; k < 2; k++) {
		int rc = safepoll_event(sp, k, &ev);
		assert_true(rc == 0 || rc == 1);
		if (rc == 1) {
			assert_ptr_equal(ev.udata, &ta);
			assert_int_equal(ev.fd, a[0]);
			handed++;
		}
	}
	assert_int_equal(handed, 1);
	assert_int_equal(safepoll_dropped(sp), 1);
	assert_consistent(sp);
	assert_int_equal(safepoll_free(sp), 0);
	free(more);
	close(a[0]);
	close(a[1]);
	close(b[0]);
	close(b[1]);
}

/* At the fd limit a rebuild cannot take its spare descriptor; growth
 * needs none.  This is what libuv's emfile test does to a loop. */
static void test_grow_at_fd_limit(void **state)
{
	struct safepoll *sp = make_instance(1);
	struct safepoll_reg *more = slots(2);
	enum { LIMIT = 64 };
	struct rlimit saved, low;
	int p[2], tag, fd, opened[LIMIT], n = 0;

	(void)state;
	make_pipe(p);
	assert_int_equal(safepoll_add(sp, p[0], EPOLLIN, &tag), 0);
	assert_int_equal(getrlimit(RLIMIT_NOFILE, &saved), 0);
	/* Every number below the limit in use, so that no new one is left. */
	low = saved;
	low.rlim_cur = LIMIT;
	assert_int_equal(setrlimit(RLIMIT_NOFILE, &low), 0);
	while (n < LIMIT && (fd = dup(0)) >= 0)
		opened[n++] = fd;
	assert_int_equal(dup(0), -1);
	assert_int_equal(errno, EMFILE);
	assert_int_equal(safepoll_add(sp, p[1], EPOLLOUT, &tag), -ENOSPC);
	assert_int_equal(safepoll_rebuild(sp), -EMFILE);
	assert_int_equal(safepoll_grow(sp, more, 2), 0);
	assert_int_equal(safepoll_add(sp, p[1], EPOLLOUT, &tag), 0);
	for (int i = 0; i < n; i++)
		close(opened[i]);
	assert_int_equal(setrlimit(RLIMIT_NOFILE, &saved), 0);
	/* safepoll_check reads /proc: it needs a descriptor. */
	assert_consistent(sp);
	assert_int_equal(safepoll_free(sp), 0);
	free(more);
	close(p[0]);
	close(p[1]);
}

/* Each refusal leaves the instance as it was. */
static void test_grow_refusals(void **state)
{
	struct safepoll *sp = make_instance(4);
	struct safepoll_reg *more = slots(8), *before = sp->regs;

	(void)state;
	assert_int_equal(safepoll_grow(NULL, more, 8), -EFAULT);
	assert_int_equal(safepoll_grow(sp, NULL, 8), -EFAULT);
	assert_int_equal(safepoll_grow(sp, more, 4), -EINVAL);
	assert_int_equal(safepoll_grow(sp, more, 3), -EINVAL);
	assert_int_equal(safepoll_grow(sp, more, 0), -EINVAL);
	assert_int_equal(safepoll_grow(sp, more, SAFEPOLL_CAPACITY_MAX + 1u),
			 -EINVAL);
	assert_ptr_equal(sp->regs, before);
	assert_int_equal(sp->capacity, 4);
	assert_consistent(sp);
	assert_int_equal(safepoll_free(sp), 0);
	free(more);
}

/* Growth twice, over caller storage from the start: the new slots of the
 * first growth, in use, move like the old ones. */
static void test_grow_twice(void **state)
{
	struct safepoll inst;
	struct safepoll_reg first[1], *second = slots(2), *third = slots(8);
	int p[8][2], tag[8];

	(void)state;
	assert_int_equal(safepoll_init(&inst, first, 1, 0), 0);
	for (int i = 0; i < 8; i++) {
		make_pipe(p[i]);
		if (i == 1)
			assert_int_equal(safepoll_grow(&inst, second, 2), 0);
		if (i == 2)
			assert_int_equal(safepoll_grow(&inst, third, 8), 0);
		assert_int_equal(safepoll_add(&inst, p[i][0], EPOLLIN,
					      &tag[i]), 0);
	}
	for (int i = 0; i < 8; i++) {
		write_byte(p[i][1]);
		assert_ptr_equal(wait_one(&inst).udata, &tag[i]);
		char c;
		assert_int_equal(read(p[i][0], &c, 1), 1);
	}
	assert_consistent(&inst);
	assert_int_equal(safepoll_fini(&inst), 0);
	free(second);
	free(third);
	for (int i = 0; i < 8; i++) {
		close(p[i][0]);
		close(p[i][1]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grow_full_table),
		cmocka_unit_test(test_grow_keeps_lookups),
		cmocka_unit_test(test_grow_keeps_batch),
		cmocka_unit_test(test_grow_at_fd_limit),
		cmocka_unit_test(test_grow_refusals),
		cmocka_unit_test(test_grow_twice),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
