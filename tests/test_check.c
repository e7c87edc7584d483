/* safepoll_check finds every way the table can disagree with itself or
 * with the kernel. */
#include <string.h>
#include <sys/eventfd.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "helpers.h"

struct fixture {
	struct safepoll *sp;
	int p[2];
	int q[2];
};

static int setup(void **state)
{
	static struct fixture f;

	fds_mark(state);
	f.sp = make_instance(4);
	make_pipe(f.p);
	make_pipe(f.q);
	assert_int_equal(safepoll_add(f.sp, f.p[0], EPOLLIN, NULL), 0);
	assert_int_equal(safepoll_add(f.sp, f.q[1], EPOLLOUT, NULL), 0);
	assert_consistent(f.sp);
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	close(f->p[0]);
	close(f->p[1]);
	close(f->q[0]);
	close(f->q[1]);
	safepoll_free(f->sp);
	return fds_unchanged(state);
}

static uint32_t slot_of(struct safepoll *sp, int fd)
{
	for (uint32_t i = 0; i < sp->capacity; i++)
		if (sp->regs[i].fd == fd)
			return i;
	fail();
	return 0;
}

static void test_check_mask_differs(void **state)
{
	struct fixture *f = *state;

	f->sp->regs[slot_of(f->sp, f->p[0])].events |= EPOLLOUT;
	assert_int_equal(check_keeping_masks(f->sp), -EUCLEAN);
}

/* Both registrations wrong: whichever the kernel lists first (its tree
 * follows file addresses, so the order varies from run to run) is a bad
 * line with another line after it, and the check stops there.  With one
 * bad registration that path was taken only when it came first. */
static void test_check_stops_at_first_bad_line(void **state)
{
	struct fixture *f = *state;

	f->sp->regs[slot_of(f->sp, f->p[0])].events |= EPOLLPRI;
	f->sp->regs[slot_of(f->sp, f->q[1])].events |= EPOLLPRI;
	assert_int_equal(check_keeping_masks(f->sp), -EUCLEAN);
}

/* A change made to the kernel behind safepoll's back. */
static void test_check_kernel_changed(void **state)
{
	struct fixture *f = *state;
	uint32_t s = slot_of(f->sp, f->p[0]);
	struct epoll_event ev = {
		.events = EPOLLIN | EPOLLPRI,
		.data.u64 = f->sp->regs[s].token,
	};

	assert_int_equal(
		epoll_ctl(safepoll_fd(f->sp), EPOLL_CTL_MOD, f->p[0], &ev), 0);
	assert_int_equal(check_keeping_masks(f->sp), -EUCLEAN);
}

static void test_check_fd_differs(void **state)
{
	struct fixture *f = *state;

	/* The record now sits in a chain its fd does not hash to. */
	f->sp->regs[slot_of(f->sp, f->p[0])].fd = f->p[0] + 100;
	assert_int_equal(check_keeping_masks(f->sp), -EUCLEAN);
}

static void test_check_free_list_cycle(void **state)
{
	struct fixture *f = *state;
	uint32_t head = f->sp->free_head;

	assert_true(head < f->sp->capacity);
	f->sp->regs[head].next = head;
	assert_int_equal(check_keeping_masks(f->sp), -EUCLEAN);
}

static void test_check_live_count(void **state)
{
	struct fixture *f = *state;

	f->sp->live++;
	assert_int_equal(check_keeping_masks(f->sp), -EUCLEAN);
}

static void test_check_lost_slot(void **state)
{
	struct fixture *f = *state;

	/* A free slot out of the free list, with generations left. */
	f->sp->free_head = f->sp->regs[f->sp->free_head].next;
	assert_int_equal(check_keeping_masks(f->sp), -EUCLEAN);
}

static void test_check_orphan_counted(void **state)
{
	struct fixture *f = *state;

	close(f->q[1]);
	assert_int_equal(check_keeping_masks(f->sp), 1);
	assert_int_equal(safepoll_del(f->sp, f->q[1]), -EBADF);
	assert_int_equal(check_keeping_masks(f->sp), 0);
	f->q[1] = -1;
}

static void test_check_null(void **state)
{
	struct safepoll_report r = {7, 7, 7};
	struct fixture *f = *state;

	assert_int_equal(safepoll_check(NULL), -EFAULT);
	assert_int_equal(safepoll_check_report(NULL, &r), -EFAULT);
	assert_int_equal(safepoll_check_report(f->sp, NULL), -EFAULT);
	assert_int_equal(r.stale + r.dead + r.retired, 21);
}

/* A failed check leaves the report as it was. */
static void test_check_report_failed_untouched(void **state)
{
	struct fixture *f = *state;
	struct safepoll_report r = {7, 7, 7};

	f->sp->live++;
	assert_int_equal(safepoll_check_report(f->sp, &r), -EUCLEAN);
	f->sp->live--;
	assert_int_equal(r.stale + r.dead + r.retired, 21);
	assert_int_equal(safepoll_check_report(f->sp, &r), 0);
	assert_int_equal(r.stale + r.dead + r.retired, 0);
}

/* Hardening defect 10 (defect 5's scenario): a number closed behind
 * safepoll's back while a dup keeps the file, then reused by another
 * pipe.  The kernel still lists the old file under the live token and
 * the same number: only the file's identity tells the record is stale.
 * The check said 0. */
static void test_defect10_reused_number_stale(void **state)
{
	struct fixture *f = *state;
	struct safepoll_report r;
	int keep = dup(f->p[0]), num = f->p[0], p[2];

	assert_true(keep >= 0);
	close(num);
	make_pipe(p);
	assert_int_equal(p[0], num);
	assert_int_equal(check_keeping_masks(f->sp), 1);
	assert_int_equal(safepoll_check_report(f->sp, &r), 1);
	assert_int_equal(r.stale, 1);
	assert_int_equal(r.dead, 0);
	/* A rebuild registers the file num names now under the record. */
	assert_int_equal(safepoll_rebuild(f->sp), 0);
	assert_consistent(f->sp);
	f->p[0] = p[0];
	close(p[1]);
	close(keep);
}

/* Hardening defect 10: the same, reused by a regular file, and closed
 * without reuse (fstat fails): stale both times.  The check said 0. */
static void test_defect10_closed_or_file_stale(void **state)
{
	struct fixture *f = *state;
	int keep = dup(f->q[1]), num = f->q[1], file;

	assert_true(keep >= 0);
	close(num);
	assert_int_equal(check_keeping_masks(f->sp), 1);
	file = open("/tmp", O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	assert_int_equal(file, num);
	assert_int_equal(check_keeping_masks(f->sp), 1);
	/* A number that names nothing (fdinfo's own open takes a lower
	 * one): fstat fails, the record is stale. */
	int hi = fcntl(f->p[0], F_DUPFD_CLOEXEC, 200);
	assert_true(hi >= 200);
	assert_int_equal(safepoll_add(f->sp, hi, EPOLLIN, NULL), 0);
	close(hi);
	assert_int_equal(check_keeping_masks(f->sp), 2);
	/* The file cannot be registered: the record is released. */
	assert_int_equal(safepoll_rebuild(f->sp), 0);
	assert_consistent(f->sp);
	close(keep);
}

/* Hardening defect 10: the dup trap's registration under a dead token
 * (a number closed behind safepoll's back, reused and registered again)
 * is counted, until a rebuild ends it.  The check said nothing of it. */
static void test_defect10_dead_registration_counted(void **state)
{
	struct fixture *f = *state;
	struct safepoll_report r;
	int keep = dup(f->p[0]), num = f->p[0], p[2];

	assert_true(keep >= 0);
	close(num);
	make_pipe(p);
	assert_int_equal(p[0], num);
	assert_int_equal(safepoll_add(f->sp, p[0], EPOLLIN, NULL), 0);
	f->p[0] = p[0];
	assert_int_equal(safepoll_check_report(f->sp, &r), 0);
	assert_int_equal(r.stale, 0);
	assert_int_equal(r.dead, 1);
	assert_int_equal(r.retired, 0);
	assert_int_equal(safepoll_rebuild(f->sp), 0);
	assert_int_equal(safepoll_check_report(f->sp, &r), 0);
	assert_int_equal(r.dead, 0);
	close(p[1]);
	close(keep);
}

/* Hardening defect 10: a retired slot (its generations used up: reached
 * here by setting the free slot's generation to the last, as 2^32 - 1
 * releases would) is counted, until a rebuild frees it.  The check said
 * nothing of it. */
static void test_defect10_retired_slot_counted(void **state)
{
	struct fixture *f = *state;
	struct safepoll_report r;
	uint32_t s = f->sp->free_head;

	f->sp->regs[s].token = UINT64_MAX;
	assert_int_equal(safepoll_add(f->sp, f->p[1], EPOLLOUT, NULL), 0);
	assert_int_equal(safepoll_del(f->sp, f->p[1]), 0);
	assert_int_equal(f->sp->regs[s].next, s);
	assert_int_equal(safepoll_check_report(f->sp, &r), 0);
	assert_int_equal(r.stale, 0);
	assert_int_equal(r.dead, 0);
	assert_int_equal(r.retired, 1);
	assert_int_equal(safepoll_rebuild(f->sp), 0);
	assert_int_equal(safepoll_check_report(f->sp, &r), 0);
	assert_int_equal(r.retired, 0);
}

/* The same file is the same file: a fifo on the file system the tests
 * run in (a disk, whose device has a major number, unlike a pipe's),
 * so that the device's encodings must agree. */
static void test_check_same_file_on_disk(void **state)
{
	struct fixture *f = *state;
	char path[] = "safepoll-check-fifo.XXXXXX";
	struct stat st;
	int fd;

	(void)f;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	unlink(path);
	assert_int_equal(mkfifo(path, 0600), 0);
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	unlink(path);
	assert_true(fd >= 0);
	assert_int_equal(fstat(fd, &st), 0);
	assert_int_equal(safepoll_add(f->sp, fd, EPOLLIN, NULL), 0);
	assert_consistent(f->sp);
	assert_int_equal(safepoll_close(f->sp, fd), 0);
	if (major(st.st_dev) == 0)
		print_message("note: the fifo's device has no major number "
			      "here\n");
}

/* The documented limit (safepoll.h): files on one inode look the same.
 * An eventfd's number, closed behind safepoll's back while a dup keeps
 * it and taken by another eventfd, is on the same anonymous inode: the
 * check cannot count the record stale.  Taken by a pipe, it can. */
static void test_check_anon_inode_not_told_apart(void **state)
{
	struct fixture *f = *state;
	int efd = eventfd(0, EFD_CLOEXEC), keep, other, p[2];

	assert_true(efd >= 0);
	assert_int_equal(safepoll_add(f->sp, efd, EPOLLIN, NULL), 0);
	keep = dup(efd);
	assert_true(keep >= 0);
	close(efd);
	other = eventfd(0, EFD_CLOEXEC);
	assert_int_equal(other, efd);
	assert_int_equal(check_keeping_masks(f->sp), 0);
	close(other);
	make_pipe(p);
	assert_int_equal(p[0], efd);
	assert_int_equal(check_keeping_masks(f->sp), 1);
	/* The pipe cannot be told from a file safepoll registered: the
	 * rebuild registers it under the record, which the close ends. */
	assert_int_equal(safepoll_rebuild(f->sp), 0);
	assert_int_equal(safepoll_close(f->sp, p[0]), 0);
	assert_consistent(f->sp);
	close(p[1]);
	close(keep);
}

/* The same limit for a pipe: its two ends are on the pipe's inode.  The
 * read end's number, taken by a dup of the write end, looks the same. */
static void test_check_pipe_ends_not_told_apart(void **state)
{
	struct fixture *f = *state;
	int keep = dup(f->p[0]), num = f->p[0], w;

	assert_true(keep >= 0);
	close(num);
	w = dup(f->p[1]);
	assert_int_equal(w, num);
	assert_int_equal(check_keeping_masks(f->sp), 0);
	/* The record is dropped as the caller would: the kernel's
	 * registration stays with the read end, which keep holds. */
	assert_int_equal(safepoll_del(f->sp, w), -ENOENT);
	assert_int_equal(dup2(keep, num), num);
	close(keep);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_check_mask_differs, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			test_check_stops_at_first_bad_line, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_kernel_changed,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_fd_differs, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_check_free_list_cycle,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_live_count, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_check_lost_slot, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_check_orphan_counted,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_null, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			test_check_report_failed_untouched, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_defect10_reused_number_stale, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_defect10_closed_or_file_stale, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_defect10_dead_registration_counted, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_defect10_retired_slot_counted, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_same_file_on_disk,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_check_anon_inode_not_told_apart, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_check_pipe_ends_not_told_apart, setup, teardown),
	};
	return cmocka_run_group_tests_name("check", tests, NULL, NULL);
}
