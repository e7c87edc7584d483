/* Epoll in epoll and the errors of epoll_ctl/epoll_wait in the model, in
 * the kernel's order of checks, as measured. */
#include "model_test.h"

/* A chain holds at most 5 epolls, whichever end it is built from; loops
 * are ELOOP, an epoll in itself EINVAL.  Without nest_upwards_check
 * (5.10) ep_loop_check() walks down from the epoll added only: a chain
 * grows without bound from its top, and 5 epolls may hang below the one
 * added to. */
static void depth_and_loops(void **state)
{
	struct model *m = new_model();
	int e[7], f[6], d;

	(void)state;
	for (int i = 0; i < 7; i++)
		e[i] = new_epoll(m);
	for (int i = 0; i < 4; i++) /* e0 > e1 > e2 > e3 > e4, top down */
		add_ok(m, e[i], e[i + 1], IN);
	assert_int_equal(model_epoll_ctl(m, e[4], ADD, e[5], IN, 0),
			 kernel()->nest_upwards_check ? -ELOOP : 0);
	add_ok(m, e[5], e[6], IN);
	assert_int_equal(model_epoll_ctl(m, e[4], ADD, e[0], IN, 0), -ELOOP);
	assert_int_equal(model_epoll_ctl(m, e[1], ADD, e[0], IN, 0), -ELOOP);
	assert_int_equal(model_epoll_ctl(m, e[0], ADD, e[0], IN, 0), -EINVAL);
	d = model_dupfd(m, e[0]);
	assert_int_equal(model_epoll_ctl(m, e[0], ADD, d, IN, 0), -EINVAL);
	assert_int_equal(model_epoll_ctl(m, d, ADD, e[0], IN, 0), -EINVAL);
	assert_int_equal(model_epoll_ctl(m, e[2], ADD, e[1], IN, 0), -ELOOP);
	add_ok(m, e[0], e[2], IN); /* a diamond is no loop */
	/* ELOOP comes before EEXIST; on 5.10 (e5 > e6 went under e4) e1
	 * would put e1 .. e6 below e0: 6 epolls, one too many. */
	assert_int_equal(model_epoll_ctl(m, e[1], ADD, e[0], IN, 0), -ELOOP);
	assert_int_equal(model_epoll_ctl(m, e[0], ADD, e[1], IN, 0),
			 kernel()->nest_upwards_check ? -EEXIST : -ELOOP);
	for (int i = 0; i < 6; i++) /* bottom up this time */
		f[i] = new_epoll(m);
	for (int i = 4; i > 0; i--)
		add_ok(m, f[i], f[i + 1], IN);
	/* 5.10: f1 .. f5, 5 epolls below f0, are within bounds. */
	assert_int_equal(model_epoll_ctl(m, f[0], ADD, f[1], IN, 0),
			 kernel()->nest_upwards_check ? -ELOOP : 0);
	model_free(m);
}

/* 5.10 counts an epoll at the depth of the first path its walk takes,
 * and walks each epoll's items in the order of their file addresses:
 * above a chain that reaches y both 4 and 5 steps down, an add is ok or
 * ELOOP as the kernel happened to place the files (the fuzzer met both
 * inside 5.10).  There, and only there, the model takes the kernel's
 * answer (model_follow); on its own it walks by time of insertion. */
static void depth_left_to_chance(void **state)
{
	struct model *m = new_model();
	int a, b, c, x, y, z, top, r;

	(void)state;
	top = new_epoll(m), a = new_epoll(m), b = new_epoll(m);
	c = new_epoll(m), x = new_epoll(m), y = new_epoll(m);
	z = new_epoll(m);
	add_ok(m, z, y, IN);
	add_ok(m, x, y, IN); /* x > y first, then x > z > y */
	add_ok(m, x, z, IN);
	add_ok(m, c, x, IN);
	add_ok(m, b, c, IN);
	/* a > b > c > x > z > y: six epolls, one too many after 5.10.  A
	 * kernel's answer that is not left to chance is not followed. */
	model_follow(m, 0);
	if (kernel()->nest_upwards_check) {
		assert_int_equal(model_epoll_ctl(m, a, ADD, b, IN, 0), -ELOOP);
		model_free(m);
		return;
	}
	model_follow(m, -ELOOP);
	add_ok(m, a, b, IN);
	r = model_epoll_ctl(m, top, ADD, a, IN, 0);
#ifdef MODEL_TEST_ON_KERNEL
	assert_true(r == 0 || r == -ELOOP);
#else
	assert_int_equal(r, 0);
	assert_int_equal(model_epoll_ctl(m, top, DEL, a, 0, 0), 0);
	model_follow(m, -ELOOP);
	assert_int_equal(model_epoll_ctl(m, top, ADD, a, IN, 0), -ELOOP);
	model_follow(m, -EEXIST); /* the check passed: EEXIST came later */
	assert_int_equal(model_epoll_ctl(m, top, ADD, a, IN, 0), 0);
	assert_int_equal(model_epoll_ctl(m, top, DEL, a, 0, 0), 0);
	model_follow(m, -ELOOP); /* taken by the next call only */
	assert_int_equal(model_epoll_ctl(m, top, DEL, a, 0, 0), -ENOENT);
	assert_int_equal(model_epoll_ctl(m, top, ADD, a, IN, 0), 0);
#endif
	model_free(m);
}

/* 500 paths through one level of nesting are allowed per file, not 501. */
static void wakeup_path_limit(void **state)
{
	struct model *m = new_model();
	int top, p[2], last = 0;

	(void)state;
	top = new_epoll(m);
	new_pipe(m, p);
	for (int i = 0; i < 501; i++) {
		int e = new_epoll(m);

		add_ok(m, top, e, IN);
		last = model_epoll_ctl(m, e, ADD, p[0], IN, 0);
		if (i < 500)
			assert_int_equal(last, 0);
	}
	assert_int_equal(last, -EINVAL);
	model_free(m);
}

/* An epoll is readable when one of its queued items is; polling it drops
 * the queued items found not ready, and a parent hears every callback. */
static void nested_readiness(void **state)
{
	struct model *m = new_model();
	int par, chi, a[2], b[2];

	(void)state;
	par = new_epoll(m);
	chi = new_epoll(m);
	new_pipe(m, a);
	new_pipe(m, b);
	add_ok(m, chi, a[0], IN);
	add_ok(m, chi, b[0], IN);
	add_ok(m, par, chi, IN);
	expect_wait(m, par, 8, 0);
	assert_int_equal(model_write_filler(m, a[1], 1), 1);
	expect_wait(m, par, 8, 1, chi, IN);
	expect_wait(m, par, 8, 1, chi, IN);
	assert_int_equal(model_poll(m, chi, IN | RDNORM), IN | RDNORM);
	assert_int_equal(model_read_bytes(m, a[0], 1, NULL), 1);
	expect_wait(m, par, 8, 0);
	assert_int_equal(model_write_filler(m, b[1], 1), 1);
	assert_int_equal(model_write_filler(m, a[1], 1), 1);
	assert_int_equal(model_read_bytes(m, b[0], 1, NULL), 1);
	assert_int_equal(model_poll(m, chi, IN), IN); /* drops b[0] */
	expect_wait(m, chi, 8, 1, a[0], IN);
	assert_int_equal(model_epoll_ctl(m, par, MOD, chi, IN | ET, chi), 0);
	expect_wait(m, par, 8, 1, chi, IN);
	expect_wait(m, par, 8, 0);
	/* a[0] is queued in chi already, yet chi tells par again */
	assert_int_equal(model_write_filler(m, a[1], 1), 1);
	expect_wait(m, par, 8, 1, chi, IN);
	expect_wait(m, par, 8, 0);
	assert_int_equal(model_poll(m, par, IN | OUT), 0);
	model_free(m);
}

static void ctl_errors_in_order(void **state)
{
	struct model *m = new_model();
	int ep, x, f, y, p[2];

	(void)state;
	ep = new_epoll(m);
	x = model_eventfd(m, 0);
	f = model_tmpfile(m);
	new_pipe(m, p);
	assert_int_equal(model_close(m, x), 0);
	assert_int_equal(model_epoll_ctl(m, x, ADD, x, IN, 0), -EBADF);
	assert_int_equal(model_epoll_ctl(m, ep, ADD, x, IN, 0), -EBADF);
	assert_int_equal(model_epoll_ctl(m, x, ADD, ep, IN, 0), -EBADF);
	y = model_eventfd(m, 0);
	assert_int_equal(model_epoll_ctl(m, y, ADD, f, IN, 0), -EPERM);
	assert_int_equal(model_epoll_ctl(m, y, ADD, p[0], IN, 0), -EINVAL);
	assert_int_equal(model_epoll_ctl(m, ep, DEL, y, 0, 0), -ENOENT);
	assert_int_equal(model_epoll_ctl(m, ep, MOD, y, IN, 0), -ENOENT);
	/* EXCLUSIVE: never with MOD (before ENOENT), only with
	 * in/out/err/hup/et (and wakeup), never on an epoll */
	assert_int_equal(model_epoll_ctl(m, ep, MOD, y, IN | EXCLUSIVE, 0),
			 -EINVAL);
	assert_int_equal(
		model_epoll_ctl(m, ep, ADD, y, IN | RDNORM | EXCLUSIVE, 0),
		-EINVAL);
	assert_int_equal(
		model_epoll_ctl(m, ep, ADD, y, IN | ONESHOT | EXCLUSIVE, 0),
		-EINVAL);
	assert_int_equal(
		model_epoll_ctl(m, ep, ADD, y, IN | RDHUP | EXCLUSIVE, 0),
		-EINVAL);
	assert_int_equal(model_epoll_ctl(m, ep, ADD, model_epoll_create1(m),
					 IN | EXCLUSIVE, 0),
			 -EINVAL);
	assert_int_equal(
		model_epoll_ctl(m, ep, ADD, y, IN | ET | WAKEUP | EXCLUSIVE, 0),
		0);
	assert_int_equal(model_epoll_ctl(m, ep, ADD, y, IN, 0), -EEXIST);
	assert_int_equal(model_epoll_ctl(m, ep, DEL, y, 0, 0), 0);
	model_free(m);
}

static void wait_errors_in_order(void **state)
{
	struct model *m = new_model();
	struct model_event ev[4];
	int ep, x;

	(void)state;
	ep = new_epoll(m);
	x = model_eventfd(m, 0);
	assert_int_equal(model_epoll_wait(m, x, ev, 0, 0), -EINVAL);
	assert_int_equal(model_epoll_wait(m, x, ev, 1, 0), -EINVAL);
	assert_int_equal(model_epoll_wait(m, ep, ev, 0, 0), -EINVAL);
	assert_int_equal(model_epoll_wait(m, ep, ev, -1, 0), -EINVAL);
	assert_int_equal(model_epoll_wait(m, ep, ev, 178956970, 0), 0);
	assert_int_equal(model_epoll_wait(m, ep, ev, 178956971, 0), -EINVAL);
	assert_int_equal(model_epoll_wait(m, ep, ev, 4, 1), 0);
	assert_int_equal(model_epoll_wait(m, ep, ev, 4, -1),
			 MODEL_BLOCKS_FOREVER);
	assert_int_equal(model_close(m, x), 0);
	/* do_epoll_wait(): maxevents is checked before the fd until 6.18. */
	assert_int_equal(model_epoll_wait(m, x, ev, 0, 0),
			 kernel()->wait_ebadf_first ? -EBADF : -EINVAL);
	assert_int_equal(model_epoll_wait(m, x, ev, 1, 0), -EBADF);
	model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(depth_and_loops),
		cmocka_unit_test(depth_left_to_chance),
		cmocka_unit_test(wakeup_path_limit),
		cmocka_unit_test(nested_readiness),
		cmocka_unit_test(ctl_errors_in_order),
		cmocka_unit_test(wait_errors_in_order),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
