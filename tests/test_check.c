/* safepoll_check finds every way the table can disagree with itself or
 * with the kernel. */
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
	(void)state;
	assert_int_equal(safepoll_check(NULL), -EFAULT);
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
		TEST(test_check_null),
	};
	return cmocka_run_group_tests_name("check", tests, NULL, NULL);
}
