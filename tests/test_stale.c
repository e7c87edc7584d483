/* Stale events: an event of a registration that was deleted, or replaced
 * after its fd was closed behind safepoll's back, never reaches anyone. */
#include "helpers.h"

/* A and B are ready in one batch; handling A deletes B (and reuses B's
 * slot for C), so B's event must not be handed out, nor reach C. */
static void test_stale_deleted_in_batch(void **state)
{
	struct safepoll *sp = make_instance(2);
	int a[2], b[2], c[2], tag_a, tag_b, tag_c;
	struct safepoll_event ev = {0};

	(void)state;
	make_pipe(a);
	make_pipe(b);
	make_pipe(c);
	assert_int_equal(safepoll_add(sp, a[0], EPOLLIN, &tag_a), 0);
	assert_int_equal(safepoll_add(sp, b[0], EPOLLIN, &tag_b), 0);
	write_byte(a[1]);
	write_byte(b[1]);
	write_byte(c[1]);
	assert_int_equal(safepoll_wait(sp, 16, 0), 2);
	assert_int_equal(safepoll_event(sp, 0, &ev), 1);
	/* Whichever came first, the handler removes the other one. */
	int other = ev.udata == &tag_a ? b[0] : a[0];
	assert_int_equal(safepoll_del(sp, other), 0);
	assert_int_equal(safepoll_add(sp, c[0], EPOLLIN, &tag_c), 0);
	assert_int_equal(safepoll_event(sp, 1, &ev), 0);
	assert_int_equal(safepoll_dropped(sp), 1);
	assert_int_equal(safepoll_event(sp, 2, &ev), -ENOENT);
	assert_consistent(sp);
	for (int i = 0; i < 2; i++) {
		close(a[i]);
		close(b[i]);
		close(c[i]);
	}
	safepoll_free(sp);
}

/* fd closed behind safepoll's back while a dup keeps its file open: the
 * kernel keeps the registration.  The number is reused by a new file and
 * registered again: the old registration's events must never reach the
 * new registration's udata. */
static void test_stale_closed_fd_reused(void **state)
{
	struct safepoll *sp = make_instance(4);
	int old[2], fresh[2], tag_old, tag_new;
	struct safepoll_event ev = {0};

	(void)state;
	make_pipe(old);
	int num = old[0];
	int keep = dup(old[0]);
	assert_int_equal(safepoll_add(sp, num, EPOLLIN, &tag_old), 0);
	close(num); /* behind safepoll's back */
	/* The kernel still holds the file, under a number that names none:
	 * the record is stale (hardening defect 10: this said 0). */
	assert_int_equal(safepoll_check(sp), 1);
	make_pipe(fresh); /* takes the lowest number: num again */
	assert_int_equal(fresh[0], num);
	assert_int_equal(safepoll_add(sp, num, EPOLLIN, &tag_new), 0);
	assert_consistent(sp);
	write_byte(old[1]);
	/* The kernel reports the old registration (its file lives through
	 * keep); safepoll drops it. */
	assert_int_equal(safepoll_wait(sp, 16, 0), 1);
	assert_int_equal(safepoll_event(sp, 0, &ev), 0);
	assert_int_equal(safepoll_dropped(sp), 1);
	write_byte(fresh[1]);
	assert_int_equal(safepoll_wait(sp, 16, 0), 2);
	assert_int_equal(hand_out(sp, &ev, 1), 1);
	assert_ptr_equal(ev.udata, &tag_new);
	assert_int_equal(safepoll_dropped(sp), 2);
	close(keep);
	close(old[1]);
	close(fresh[0]);
	close(fresh[1]);
	safepoll_free(sp);
}

/* The record of a closed fd is an orphan until an operation on its number
 * tells safepoll; then it is released and the check is clean again. */
static void test_stale_orphan_reconciled(void **state)
{
	struct safepoll *sp = make_instance(4);
	int p[2];

	(void)state;
	make_pipe(p);
	assert_int_equal(safepoll_add(sp, p[0], EPOLLIN, NULL), 0);
	close(p[0]); /* the file's last descriptor: the kernel drops it */
	assert_int_equal(safepoll_check(sp), 1);
	assert_int_equal(safepoll_mod(sp, p[0], EPOLLIN, NULL), -EBADF);
	assert_int_equal(safepoll_check(sp), 0);
	close(p[1]);
	safepoll_free(sp);
}

/* A dup of a registered fd is a registration of its own (the kernel keys
 * them by file and number); deleting one leaves the other. */
static void test_stale_dup_separate(void **state)
{
	struct safepoll *sp = make_instance(4);
	int p[2], t1, t2;
	struct safepoll_event ev = {0};

	(void)state;
	make_pipe(p);
	int d = dup(p[0]);
	assert_int_equal(safepoll_add(sp, p[0], EPOLLIN, &t1), 0);
	assert_int_equal(safepoll_add(sp, d, EPOLLIN, &t2), 0);
	assert_int_equal(safepoll_close(sp, p[0]), 0);
	write_byte(p[1]);
	ev = wait_one(sp);
	assert_ptr_equal(ev.udata, &t2);
	assert_int_equal(ev.fd, d);
	assert_consistent(sp);
	close(d);
	close(p[1]);
	safepoll_free(sp);
}

/* The same file back at the same number, after its record was released
 * as stale: the kernel still holds the old registration, and a mod
 * reaches it, but with a token that is never live. */
static void test_stale_same_file_back(void **state)
{
	struct safepoll *sp = make_instance(4);
	int p[2], tag;

	(void)state;
	make_pipe(p);
	int num = p[0], keep = dup(p[0]);
	assert_int_equal(safepoll_add(sp, num, EPOLLIN, &tag), 0);
	close(num);
	assert_int_equal(safepoll_mod(sp, num, EPOLLIN, &tag), -EBADF);
	assert_int_equal(dup(keep), num);
	assert_int_equal(safepoll_mod(sp, num, EPOLLIN, &tag), 0);
	write_byte(p[1]);
	assert_int_equal(safepoll_wait(sp, 16, 0), 1);
	struct safepoll_event ev = {0};
	assert_int_equal(safepoll_event(sp, 0, &ev), 0);
	assert_int_equal(safepoll_check(sp), 0);
	/* A delete removes it from the kernel too. */
	assert_int_equal(safepoll_del(sp, num), 0);
	assert_int_equal(safepoll_wait(sp, 16, 0), 0);
	close(num);
	close(keep);
	close(p[1]);
	safepoll_free(sp);
}

/* The same, with the stale record behind another in its chain (fds two
 * apart share a chain when there are two chains). */
static void test_stale_reused_mid_chain(void **state)
{
	struct safepoll *sp = make_instance(3);
	int old[2], other[2], fresh[2], tag;

	(void)state;
	make_pipe(old);
	make_pipe(other); /* other[0] == old[0] + 2: the same chain */
	assert_int_equal(other[0], old[0] + 2);
	int keep = dup(old[0]);
	assert_int_equal(safepoll_add(sp, old[0], EPOLLIN, &tag), 0);
	assert_int_equal(safepoll_add(sp, other[0], EPOLLIN, &tag), 0);
	int num = old[0];
	close(num);
	make_pipe(fresh);
	assert_int_equal(fresh[0], num);
	assert_int_equal(safepoll_add(sp, num, EPOLLIN, &tag), 0);
	assert_consistent(sp);
	assert_int_equal(safepoll_close(sp, other[0]), 0);
	assert_int_equal(safepoll_close(sp, num), 0);
	assert_consistent(sp);
	close(keep);
	close(old[1]);
	close(other[1]);
	close(fresh[1]);
	safepoll_free(sp);
}

/* A mod can reach an older file's registration: the number was closed
 * behind safepoll's back, re-registered for a new file, closed again, and
 * the older file came back at it.  Only the registration the mod reached
 * may carry a live token (found by the fuzzer: both did). */
static void test_stale_mod_reaches_older_file(void **state)
{
	struct safepoll *sp = make_instance(4);
	struct safepoll_event ev = {0};
	int a[2], b[2], tag_a, tag_b;

	(void)state;
	make_pipe(a);
	int x = a[0], keep_a = dup(a[0]);
	assert_int_equal(safepoll_add(sp, x, EPOLLIN, &tag_a), 0);
	close(x);
	make_pipe(b);
	assert_int_equal(b[0], x);
	int keep_b = dup(b[0]);
	assert_int_equal(safepoll_add(sp, x, EPOLLIN, &tag_b), 0);
	close(x);
	assert_int_equal(dup(keep_a), x);
	assert_int_equal(safepoll_mod(sp, x, EPOLLIN, &tag_a), 0);
	assert_consistent(sp);
	write_byte(b[1]); /* the file closed behind safepoll's back */
	assert_int_equal(safepoll_wait(sp, 16, 0), 1);
	assert_int_equal(safepoll_event(sp, 0, &ev), 0);
	write_byte(a[1]);
	assert_int_equal(safepoll_wait(sp, 16, 0), 2);
	assert_int_equal(hand_out(sp, &ev, 1), 1);
	assert_ptr_equal(ev.udata, &tag_a);
	assert_int_equal(safepoll_dropped(sp), 2);
	close(x);
	close(keep_a);
	close(keep_b);
	close(a[1]);
	close(b[1]);
	safepoll_free(sp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_stale_deleted_in_batch),
		TEST(test_stale_closed_fd_reused),
		TEST(test_stale_orphan_reconciled),
		TEST(test_stale_dup_separate),
		TEST(test_stale_same_file_back),
		TEST(test_stale_reused_mid_chain),
		TEST(test_stale_mod_reaches_older_file),
	};
	return cmocka_run_group_tests_name("stale", tests, NULL, NULL);
}
