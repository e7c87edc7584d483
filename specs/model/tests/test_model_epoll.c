/* Epoll in the model: trigger modes and the ready list's order, as the
 * reference kernel produced them. */
#include "model_test.h"

/* On one wakeup a file's registrations are queued newest first; a wait
 * re-queues level-triggered items at the tail; items MAX left out go back
 * in front of those. */
static void ready_order_newest_first_and_requeue(void **state)
{
	struct model *m = new_model();
	int ep, p[2], r2, r3;

	(void)state;
	ep = new_epoll(m);
	new_pipe(m, p);
	r2 = model_dupfd(m, p[0]);
	r3 = model_dupfd(m, p[0]);
	add_ok(m, ep, p[0], IN);
	add_ok(m, ep, r2, IN);
	add_ok(m, ep, r3, IN);
	assert_int_equal(model_write_filler(m, p[1], 1), 1);
	expect_wait(m, ep, 8, 3, r3, IN, r2, IN, p[0], IN);
	expect_wait(m, ep, 8, 3, r3, IN, r2, IN, p[0], IN);
	expect_wait(m, ep, 2, 2, r3, IN, r2, IN);
	expect_wait(m, ep, 8, 3, p[0], IN, r3, IN, r2, IN);
	assert_int_equal(model_read_bytes(m, p[0], 1, NULL), 1);
	expect_wait(m, ep, 8, 0); /* not ready: dropped from the list */
	assert_int_equal(model_write_filler(m, p[1], 1), 1);
	expect_wait(m, ep, 1, 1, r3, IN);
	expect_wait(m, ep, 1, 1, r2, IN);
	expect_wait(m, ep, 8, 3, p[0], IN, r3, IN, r2, IN);
	model_free(m);
}

/* Exclusive waiters sit at the tail of the wait queue, in the order they
 * were added, and with no thread in epoll_wait all of them are woken. */
static void exclusive_at_the_tail(void **state)
{
	struct model *m = new_model();
	int ep, p[2], r2, r3, x;

	(void)state;
	ep = new_epoll(m);
	new_pipe(m, p);
	r2 = model_dupfd(m, p[0]);
	r3 = model_dupfd(m, p[0]);
	add_ok(m, ep, p[0], IN | EXCLUSIVE);
	add_ok(m, ep, r2, IN);
	add_ok(m, ep, r3, IN | EXCLUSIVE);
	x = model_eventfd(m, 0);
	add_ok(m, ep, x, IN);
	assert_int_equal(model_write_value(m, x, 1), 8);
	assert_int_equal(model_write_filler(m, p[1], 1), 1);
	expect_wait(m, ep, 8, 4, x, IN, r2, IN, p[0], IN, r3, IN);
	/* an exclusive item cannot be modified */
	assert_int_equal(model_epoll_ctl(m, ep, MOD, p[0], IN, 0), -EINVAL);
	model_free(m);
}

/* Edge-triggered on a pipe: every write wakes the reader, on a non-empty
 * pipe too and even when it fails with EAGAIN; a null write does not. */
static void et_pipe_wakeups(void **state)
{
	struct model *m = new_model();
	int ep, p[2];

	(void)state;
	ep = new_epoll(m);
	new_pipe(m, p);
	add_ok(m, ep, p[0], IN | ET);
	assert_int_equal(model_write_filler(m, p[1], 1), 1);
	expect_wait(m, ep, 8, 1, p[0], IN);
	assert_int_equal(model_write_filler(m, p[1], 1), 1);
	expect_wait(m, ep, 8, 1, p[0], IN);
	expect_wait(m, ep, 8, 0);
	assert_int_equal(model_write_filler(m, p[1], 65536), 61440);
	expect_wait(m, ep, 8, 1, p[0], IN);
	assert_int_equal(model_write_filler(m, p[1], 1), -EAGAIN);
	expect_wait(m, ep, 8, 1, p[0], IN);
	assert_int_equal(model_write_filler(m, p[1], 0), 0);
	expect_wait(m, ep, 8, 0);
	model_free(m);
}

/* Writers are woken when a read frees a slot of a full pipe, not by a
 * read that leaves it full (before 6.14 by any read of a full pipe:
 * pipe_read_wakes_on_free); F_SETPIPE_SZ wakes them too. */
static void et_pipe_writer_wakeups(void **state)
{
	struct model *m = new_model();
	int ep, p[2], x;

	(void)state;
	ep = new_epoll(m);
	new_pipe(m, p);
	x = model_eventfd(m, 0);
	add_ok(m, ep, p[1], OUT | ET);
	add_ok(m, ep, x, IN | ET);
	expect_wait(m, ep, 8, 1, p[1], OUT);
	assert_int_equal(model_write_filler(m, p[1], 65536), 65536);
	expect_wait(m, ep, 8, 0);
	assert_int_equal(model_read_bytes(m, p[0], 1, NULL), 1);
	assert_int_equal(model_write_value(m, x, 1), 8);
	assert_int_equal(model_read_bytes(m, p[0], 4095, NULL), 4095);
	if (kernel()->pipe_read_wakes_on_free)
		expect_wait(m, ep, 8, 2, x, IN, p[1], OUT);
	else /* the 1-byte read woke the writer: queued before x */
		expect_wait(m, ep, 8, 2, p[1], OUT, x, IN);
	assert_int_equal(model_read_bytes(m, p[0], 4096, NULL), 4096);
	expect_wait(m, ep, 8, 0);
	assert_int_equal(model_setpipe_sz(m, p[1], 131072), 131072);
	expect_wait(m, ep, 8, 1, p[1], OUT);
	model_free(m);
}

/* ONESHOT: one report, then nothing (not even HUP) until MOD re-arms. */
static void oneshot_and_always_hup(void **state)
{
	struct model *m = new_model();
	int ep, p[2], q[2];
	struct model_reg reg[4];

	(void)state;
	ep = new_epoll(m);
	new_pipe(m, p);
	new_pipe(m, q);
	add_ok(m, ep, p[0], IN | ONESHOT);
	add_ok(m, ep, q[0], 0); /* asks for nothing: still gets HUP */
	assert_int_equal(model_write_filler(m, p[1], 1), 1);
	expect_wait(m, ep, 8, 1, p[0], IN);
	expect_wait(m, ep, 8, 0);
	assert_int_equal(model_interest(m, ep, reg, 4), 2);
	assert_int_equal(reg[0].fd, p[0]);
	assert_int_equal(reg[0].events, ONESHOT);
	assert_int_equal(reg[1].events, ERR | HUP);
	assert_int_equal(model_close(m, p[1]), 0);
	assert_int_equal(model_close(m, q[1]), 0);
	expect_wait(m, ep, 8, 1, q[0], HUP);
	assert_int_equal(model_epoll_ctl(m, ep, MOD, p[0], IN, 7), 0);
	expect_wait(m, ep, 8, 2, q[0], HUP, 7, IN | HUP);
	model_free(m);
}

/* A file's last close drops its registrations everywhere; a registration
 * outlives the number it was made through while a dup keeps the file. */
static void close_and_registrations(void **state)
{
	struct model *m = new_model();
	int e1, e2, x, d;
	struct model_reg reg[4];

	(void)state;
	e1 = new_epoll(m);
	e2 = new_epoll(m);
	x = model_eventfd(m, 1);
	add_ok(m, e1, x, IN);
	add_ok(m, e2, x, IN | WAKEUP);
	assert_int_equal(model_interest(m, e2, reg, 4), 1);
	/* ep_take_care_of_epollwakeup(): kept with CONFIG_PM_SLEEP (the tests
	 * run as root, with CAP_BLOCK_SUSPEND), dropped without. */
	assert_int_equal(reg[0].events,
			 kernel()->pm_sleep ? IN | WAKEUP | ERR | HUP
					    : IN | ERR | HUP);
	d = model_dupfd(m, x);
	assert_int_equal(model_close(m, x), 0);
	expect_wait(m, e1, 8, 1, x, IN);
	assert_int_equal(model_epoll_ctl(m, e1, DEL, d, 0, 0), -ENOENT);
	assert_int_equal(model_close(m, d), 0);
	assert_int_equal(model_interest(m, e1, reg, 4), 0);
	assert_int_equal(model_interest(m, e2, reg, 4), 0);
	expect_wait(m, e1, 8, 0);
	model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ready_order_newest_first_and_requeue),
		cmocka_unit_test(exclusive_at_the_tail),
		cmocka_unit_test(et_pipe_wakeups),
		cmocka_unit_test(et_pipe_writer_wakeups),
		cmocka_unit_test(oneshot_and_always_hup),
		cmocka_unit_test(close_and_registrations),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
