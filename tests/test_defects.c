/* Regression tests of the hardening review (one test a defect, named for
 * it).  Each failed on the code before its fix. */
#include <sys/stat.h>

#include "helpers.h"

/* Test-only: every free slot at the last generation, as 2^32 - 1 releases
 * or mods of each would leave it (the slot layout is public). */
static void age_free_slots(struct safepoll *sp)
{
	for (uint32_t i = 0; i < sp->capacity; i++)
		if (sp->regs[i].fd < 0)
			sp->regs[i].token = UINT64_MAX;
}

/* A regular file: registering it answers EPERM. */
static int regular_file(void)
{
	int fd = open("/tmp", O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);

	assert_true(fd >= 0);
	return fd;
}

/* Defect 1: at the last generation a mod left the token unchanged, so an
 * event fetched before the mod was handed out with the new udata. */
static void test_defect1_mod_at_last_generation(void **state)
{
	struct safepoll *sp = make_instance(4);
	struct safepoll_event ev = {0};
	int p[2], before, after;

	(void)state;
	age_free_slots(sp);
	make_pipe(p);
	assert_int_equal(safepoll_add(sp, p[0], EPOLLIN, &before), 0);
	write_byte(p[1]);
	assert_int_equal(safepoll_wait(sp, 8, 0), 1);
	assert_int_equal(safepoll_mod(sp, p[0], EPOLLIN, &after), 0);
	assert_int_equal(safepoll_event(sp, 0, &ev), 0);
	assert_int_equal(safepoll_dropped(sp), 1);
	ev = wait_one(sp);
	assert_ptr_equal(ev.udata, &after);
	assert_int_equal(ev.fd, p[0]);
	assert_consistent(sp);
	close(p[0]);
	close(p[1]);
	safepoll_free(sp);
}

/* Defect 1, the corner: a full table leaves no slot to move to; the mod is
 * refused and the registration stays as it was. */
static void test_defect1_mod_at_last_generation_full(void **state)
{
	struct safepoll *sp = make_instance(1);
	int p[2], before, after;

	(void)state;
	age_free_slots(sp);
	make_pipe(p);
	assert_int_equal(safepoll_add(sp, p[0], EPOLLIN, &before), 0);
	assert_int_equal(safepoll_mod(sp, p[0], EPOLLIN, &after), -ENOSPC);
	write_byte(p[1]);
	assert_ptr_equal(wait_one(sp).udata, &before);
	assert_consistent(sp);
	close(p[0]);
	close(p[1]);
	safepoll_free(sp);
}

/* Defect 5: a number closed behind safepoll's back (a dup keeps the file,
 * so the kernel keeps the registration) and reused by a file that cannot
 * be registered: the add's EPERM must end the stale record, or the old
 * file's events come out with the old udata and the new file's fd. */
static void test_defect5_failed_add_eperm_forgets(void **state)
{
	struct safepoll *sp = make_instance(4);
	struct safepoll_event ev = {0};
	int p[2], keep, file, tag, tag2;

	(void)state;
	make_pipe(p);
	keep = dup(p[0]);
	assert_int_equal(safepoll_add(sp, p[0], EPOLLIN, &tag), 0);
	close(p[0]);
	file = regular_file();
	assert_int_equal(file, p[0]);
	assert_int_equal(safepoll_add(sp, file, EPOLLIN, &tag2), -EPERM);
	write_byte(p[1]);
	assert_int_equal(safepoll_wait(sp, 8, 0), 1);
	assert_int_equal(safepoll_event(sp, 0, &ev), 0);
	assert_int_equal(sp->live, 0);
	close(file);
	close(keep);
	close(p[1]);
	safepoll_free(sp);
}

/* Defect 5, EBADF: the number closed behind safepoll's back and not
 * reused. */
static void test_defect5_failed_add_ebadf_forgets(void **state)
{
	struct safepoll *sp = make_instance(4);
	struct safepoll_event ev = {0};
	int p[2], keep, tag;

	(void)state;
	make_pipe(p);
	keep = fcntl(p[0], F_DUPFD_CLOEXEC, 100);
	assert_true(keep >= 100);
	assert_int_equal(safepoll_add(sp, p[0], EPOLLIN, &tag), 0);
	close(p[0]);
	assert_int_equal(safepoll_add(sp, p[0], EPOLLIN, &tag), -EBADF);
	write_byte(p[1]);
	assert_int_equal(safepoll_wait(sp, 8, 0), 1);
	assert_int_equal(safepoll_event(sp, 0, &ev), 0);
	assert_int_equal(sp->live, 0);
	close(keep);
	close(p[1]);
	safepoll_free(sp);
}

/* Defect 8: with the table full, the kernel's answer comes first: a
 * duplicate add is -EEXIST and a regular file -EPERM, as raw epoll says;
 * only an add the kernel would take is -ENOSPC, and the kernel is left
 * without it. */
static void test_defect8_full_table_kernel_answers(void **state)
{
	struct safepoll *sp = make_instance(1);
	struct epoll_event raw = {0};
	int p[2], q[2], file, tag;

	(void)state;
	make_pipe(p);
	make_pipe(q);
	file = regular_file();
	assert_int_equal(safepoll_add(sp, p[0], EPOLLIN, &tag), 0);
	assert_int_equal(safepoll_add(sp, p[0], EPOLLIN, &tag), -EEXIST);
	assert_int_equal(safepoll_add(sp, file, EPOLLIN, &tag), -EPERM);
	assert_int_equal(safepoll_add(sp, 1000, EPOLLIN, &tag), -EBADF);
	assert_int_equal(safepoll_add(sp, q[0], EPOLLIN, &tag), -ENOSPC);
	assert_int_equal(epoll_ctl(safepoll_fd(sp), EPOLL_CTL_DEL, q[0], &raw),
			 -1);
	assert_int_equal(errno, ENOENT);
	write_byte(p[1]);
	write_byte(q[1]);
	assert_ptr_equal(wait_one(sp).udata, &tag);
	assert_consistent(sp);
	close(file);
	for (int i = 0; i < 2; i++) {
		close(p[i]);
		close(q[i]);
	}
	safepoll_free(sp);
}

/* Defect 8, the orphan: the table is full only because of a record whose
 * number was closed behind safepoll's back and reused; raw epoll takes
 * the add, and so must safepoll, dropping the old file's events. */
static void test_defect8_full_table_orphan_freed(void **state)
{
	struct safepoll *sp = make_instance(1);
	struct safepoll_event ev = {0};
	int p[2], q[2], keep, tag_old, tag_new;

	(void)state;
	make_pipe(p);
	keep = dup(p[0]);
	assert_int_equal(safepoll_add(sp, p[0], EPOLLIN, &tag_old), 0);
	close(p[0]);
	make_pipe(q);
	assert_int_equal(q[0], p[0]);
	assert_int_equal(safepoll_add(sp, q[0], EPOLLIN, &tag_new), 0);
	write_byte(p[1]);
	write_byte(q[1]);
	assert_int_equal(safepoll_wait(sp, 8, 0), 2);
	for (uint32_t i = 0; i < 2; i++)
		if (safepoll_event(sp, i, &ev) == 1)
			assert_ptr_equal(ev.udata, &tag_new);
	assert_int_equal(safepoll_dropped(sp), 1);
	close(keep);
	close(p[1]);
	close(q[0]);
	close(q[1]);
	safepoll_free(sp);
}

/* Defect 6: the exported halves of the inline wait took any count, and
 * the kernel wrote past the batch.  The halves are gone (the inline wait
 * calls safepoll_pwait); a count past the batch, on each of its paths
 * (not at all, for ever, timed), fetches the batch and no more. */
static void test_defect6_wait_count_cut(void **state)
{
	enum { N = SAFEPOLL_BATCH + 8 };
	static const int timeouts[] = { 0, -1, 10 };
	struct safepoll *sp = make_instance(N);
	int p[N][2], tag;

	(void)state;
	for (int i = 0; i < N; i++) {
		make_pipe(p[i]);
		assert_int_equal(safepoll_add(sp, p[i][0], EPOLLIN, &tag), 0);
		write_byte(p[i][1]);
	}
	for (int t = 0; t < 3; t++) {
		assert_int_equal(safepoll_wait(sp, N, timeouts[t]),
				 SAFEPOLL_BATCH);
		assert_int_equal(sp->batch_len, SAFEPOLL_BATCH);
	}
	assert_int_equal(safepoll_wait(NULL, N, 10), -EFAULT);
	assert_consistent(sp);
	for (int i = 0; i < N; i++) {
		close(p[i][0]);
		close(p[i][1]);
	}
	safepoll_free(sp);
}

/* Defect 11: the two accessors took NULL as every other entry point
 * does; they dereferenced it. */
static void test_defect11_accessors_null(void **state)
{
	(void)state;
	assert_int_equal(safepoll_dropped(NULL), 0);
	assert_int_equal(safepoll_fd(NULL), -EFAULT);
}

/* Defect 11: after safepoll_fini the kernel's EBADF is the instance's own
 * closed epoll fd, not a sign that a record is stale: the table stays. */
static void test_defect11_after_fini_ebadf(void **state)
{
	struct safepoll *sp = make_instance(2);
	int p[2], tag;

	(void)state;
	make_pipe(p);
	assert_int_equal(safepoll_add(sp, p[0], EPOLLIN, &tag), 0);
	assert_int_equal(safepoll_fini(sp), 0);
	assert_int_equal(safepoll_del(sp, p[0]), -EBADF);
	assert_int_equal(safepoll_mod(sp, p[0], EPOLLIN, &tag), -EBADF);
	assert_int_equal(safepoll_add(sp, p[1], EPOLLOUT, &tag), -EBADF);
	assert_int_equal(safepoll_close(sp, p[0]), -EBADF);
	assert_int_equal(sp->live, 1);
	assert_int_equal(sp->regs[0].fd, p[0]);
	close(p[0]);
	close(p[1]);
	assert_int_equal(safepoll_free(sp), -EBADF);
}

/* Defect 11: wait_array with a NULL array answers as the raw call does:
 * 0 when nothing is ready, -EFAULT when there are events to store. */
static void test_defect11_wait_array_null(void **state)
{
	struct safepoll *sp = make_instance(2);
	int p[2], tag;

	(void)state;
	make_pipe(p);
	assert_int_equal(safepoll_add(sp, p[0], EPOLLIN, &tag), 0);
	assert_int_equal(safepoll_wait_array(sp, NULL, 4, 0), 0);
	write_byte(p[1]);
	assert_int_equal(safepoll_wait_array(sp, NULL, 4, 0), -EFAULT);
	close(p[0]);
	close(p[1]);
	safepoll_free(sp);
}

/* An argument runs the tests whose names match it (a glob), one defect at
 * a time: how each was seen to fail on the code before its fix. */
int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		TEST(test_defect1_mod_at_last_generation),
		TEST(test_defect1_mod_at_last_generation_full),
		TEST(test_defect5_failed_add_eperm_forgets),
		TEST(test_defect5_failed_add_ebadf_forgets),
		TEST(test_defect8_full_table_kernel_answers),
		TEST(test_defect8_full_table_orphan_freed),
		TEST(test_defect6_wait_count_cut),
		TEST(test_defect11_accessors_null),
		TEST(test_defect11_after_fini_ebadf),
		TEST(test_defect11_wait_array_null),
	};

	if (argc > 1)
		cmocka_set_test_filter(argv[1]);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
