/* The model's descriptor table, pipes, eventfds and regular files, each
 * case as the reference kernel answered it. */
#include "model_test.h"

static void fd_numbers_lowest_first(void **state)
{
	struct model *m = new_model();
	int p[2], s[2];

	(void)state;
	assert_int_equal(model_epoll_create1(m), 3);
	new_pipe(m, p);
	assert_int_equal(p[0], 4); /* read end first */
	assert_int_equal(p[1], 5);
	assert_int_equal(model_close(m, 4), 0);
	assert_int_equal(model_close(m, 4), -EBADF);
	assert_int_equal(model_eventfd(m, 0), 4);
	new_socketpair(m, s);
	assert_int_equal(s[0], 6);
	assert_int_equal(s[1], 7);
	assert_int_equal(model_dupfd(m, 3), 8);
	assert_int_equal(model_dupfd(m, 99), -EBADF);
	model_free(m);
}

static void fd_emfile_at_nofile(void **state)
{
	struct model *m = model_new(7);
	int p[2] = {-5, -5};

	(void)state;
	assert_non_null(m);
	assert_int_equal(model_eventfd(m, 0), 3);
	assert_int_equal(model_tmpfile(m), 4);
	assert_int_equal(model_epoll_create1(m), 5);
	/* one number left: a pipe needs two and takes none */
	assert_int_equal(model_pipe2(m, p), -EMFILE);
	assert_int_equal(model_socketpair(m, p), -EMFILE);
	assert_int_equal(model_dupfd(m, 3), 6);
	assert_int_equal(model_dupfd(m, 3), -EMFILE);
	assert_int_equal(model_epoll_create1(m), -EMFILE);
	model_free(m);
	assert_null(model_new(2));
}

/* Past the first 64 numbers (the table grows) the order is the same. */
static void fd_table_grows(void **state)
{
	struct model *m = model_new(130);

	(void)state;
	assert_non_null(m);
	for (int fd = 3; fd < 130; fd++)
		assert_int_equal(model_eventfd(m, 0), fd);
	assert_int_equal(model_eventfd(m, 0), -EMFILE);
	assert_int_equal(model_close(m, 100), 0);
	assert_int_equal(model_close(m, 64), 0);
	assert_int_equal(model_close(m, 127), 0);
	assert_int_equal(model_dupfd(m, 3), 64);
	assert_int_equal(model_tmpfile(m), 100);
	assert_int_equal(model_epoll_create1(m), 127);
	assert_int_equal(model_epoll_create1(m), -EMFILE);
	model_free(m);
}

static void dup_shares_the_file(void **state)
{
	struct model *m = new_model();
	int p[2], w2;

	(void)state;
	new_pipe(m, p);
	w2 = model_dupfd(m, p[1]);
	assert_int_equal(model_write_filler(m, w2, 3), 3);
	assert_int_equal(model_close(m, p[1]), 0);
	/* a writer is left: no HUP, and the data is there */
	assert_int_equal(model_poll(m, p[0], IN), IN);
	assert_int_equal(model_read_bytes(m, p[0], 10, NULL), 3);
	assert_int_equal(model_read_bytes(m, p[0], 10, NULL), -EAGAIN);
	assert_int_equal(model_close(m, w2), 0);
	assert_int_equal(model_poll(m, p[0], IN), HUP);
	assert_int_equal(model_read_bytes(m, p[0], 10, NULL), 0);
	assert_int_equal(model_poll(m, p[1], IN), NVAL);
	assert_int_equal(model_poll(m, -1, IN), 0);
	model_free(m);
}

static void pipe_sixteen_slots_and_merging(void **state)
{
	struct model *m = new_model();
	int p[2];

	(void)state;
	new_pipe(m, p);
	assert_int_equal(model_poll(m, p[1], OUT | WRNORM), OUT | WRNORM);
	assert_int_equal(model_write_filler(m, p[1], 1), 1);
	assert_int_equal(model_write_filler(m, p[1], 1), 1); /* merged */
	/* 65536 % 4096 == 0: nothing merges, 15 free slots take 61440 */
	assert_int_equal(model_write_filler(m, p[1], 65536), 61440);
	assert_int_equal(model_poll(m, p[1], OUT), 0);
	assert_int_equal(model_poll(m, p[0], IN | RDNORM), IN | RDNORM);
	assert_int_equal(model_write_filler(m, p[1], 1), -EAGAIN);
	assert_int_equal(model_write_filler(m, p[1], 0), 0);
	/* reading 2 bytes empties the first slot */
	assert_int_equal(model_read_bytes(m, p[0], 2, NULL), 2);
	assert_int_equal(model_write_filler(m, p[1], 4097), 4096);
	model_free(m);
}

static void pipe_setsize_rounding_and_ebusy(void **state)
{
	struct model *m = new_model();
	int p[2];

	(void)state;
	new_pipe(m, p);
	assert_int_equal(model_setpipe_sz(m, p[0], 0), 4096);
	assert_int_equal(model_setpipe_sz(m, p[1], 1), 4096);
	assert_int_equal(model_setpipe_sz(m, p[1], 4097), 8192);
	assert_int_equal(model_setpipe_sz(m, p[1], 12288), 16384);
	assert_int_equal(model_setpipe_sz(m, p[1], 1048576), 1048576);
	assert_int_equal(model_setpipe_sz(m, p[1], 1048577), -EPERM);
	assert_int_equal(model_setpipe_sz(m, p[1], 2147483647), -EPERM);
	assert_int_equal(model_setpipe_sz(m, p[1], 65536), 65536);
	/* 4096 + 904 bytes in two slots, then 100 merge into the second */
	assert_int_equal(model_write_filler(m, p[1], 5000), 5000);
	assert_int_equal(model_write_filler(m, p[1], 100), 100);
	assert_int_equal(model_setpipe_sz(m, p[1], 4096), -EBUSY);
	assert_int_equal(model_setpipe_sz(m, p[1], 8192), 8192);
	/* full: only the remainder 100000 % 4096 = 1696 merges */
	assert_int_equal(model_write_filler(m, p[1], 100000), 1696);
	assert_int_equal(model_read_bytes(m, p[0], 10, NULL), 10);
	assert_int_equal(model_write_filler(m, p[1], 10), 10);
	assert_int_equal(model_read_bytes(m, p[0], 100000, NULL), 6796);
	assert_int_equal(model_setpipe_sz(m, p[1], 4096), 4096);
	assert_int_equal(model_setpipe_sz(m, model_eventfd(m, 0), 4096),
			 -EBADF);
	model_free(m);
}

static void pipe_reader_gone(void **state)
{
	struct model *m = new_model();
	int p[2];

	(void)state;
	new_pipe(m, p);
	assert_int_equal(model_read_bytes(m, p[1], 1, NULL), -EBADF);
	assert_int_equal(model_write_filler(m, p[0], 1), -EBADF);
	assert_int_equal(model_close(m, p[0]), 0);
	assert_int_equal(model_poll(m, p[1], OUT), OUT | ERR);
	assert_int_equal(model_write_filler(m, p[1], 1), -EPIPE);
	assert_int_equal(model_write_filler(m, p[1], 0), 0);
	model_free(m);
}

static void eventfd_counter_limits(void **state)
{
	struct model *m = new_model();
	uint64_t v = 0;
	int e;

	(void)state;
	e = model_eventfd(m, 5);
	assert_int_equal(model_read_value(m, e, &v), 8);
	assert_int_equal(v, 5);
	assert_int_equal(model_read_value(m, e, &v), -EAGAIN);
	assert_int_equal(model_write_value(m, e, UINT64_MAX), -EINVAL);
	assert_int_equal(model_write_value(m, e, UINT64_MAX - 1), 8);
	assert_int_equal(model_poll(m, e, IN | OUT | ERR), IN);
	assert_int_equal(model_write_value(m, e, 0), 8);
	assert_int_equal(model_write_value(m, e, 1), -EAGAIN);
	assert_int_equal(model_read(m, e, 0, &v), -EINVAL);
	assert_int_equal(model_read(m, e, 8, &v), 8);
	assert_int_equal(v, UINT64_MAX - 1);
	assert_int_equal(model_poll(m, e, IN | OUT | RDNORM | WRNORM), OUT);
	/* reads and writes of the wrong size, through a non-eventfd name */
	assert_int_equal(model_read_bytes(m, e, 7, &v), -EINVAL);
	assert_int_equal(model_write_filler(m, e, 5), -EINVAL);
	assert_int_equal(model_write_filler(m, e, 8), 8);
	assert_int_equal(model_read_bytes(m, e, 100, &v), 8);
	assert_int_equal(v, 0x7878787878787878u); /* eight 'x' */
	model_free(m);
}

static void values_through_a_pipe(void **state)
{
	struct model *m = new_model();
	uint64_t v = 0;
	int p[2];

	(void)state;
	new_pipe(m, p);
	assert_int_equal(model_write_value(m, p[1], 0x0102030405060708u), 8);
	assert_int_equal(model_write_filler(m, p[1], 2), 2);
	assert_int_equal(model_read_bytes(m, p[0], 3, &v), 3);
	assert_int_equal(v, 0x060708u);
	assert_int_equal(model_read_value(m, p[0], &v), 7);
	assert_int_equal(v, 0x78780102030405u);
	model_free(m);
}

static void regular_file(void **state)
{
	struct model *m = new_model();
	int ep, f;

	(void)state;
	ep = new_epoll(m);
	f = model_tmpfile(m);
	assert_int_equal(model_epoll_ctl(m, ep, ADD, f, IN, 0), -EPERM);
	assert_int_equal(model_epoll_ctl(m, ep, MOD, f, IN, 0), -EPERM);
	assert_int_equal(model_epoll_ctl(m, ep, DEL, f, 0, 0), -EPERM);
	assert_int_equal(model_epoll_ctl(m, f, ADD, ep, IN, 0), -EINVAL);
	assert_int_equal(model_poll(m, f, IN | OUT | PRI | RDNORM),
			 IN | OUT | RDNORM);
	assert_int_equal(model_write_filler(m, f, 10), 10);
	assert_int_equal(model_read_bytes(m, model_dupfd(m, f), 10, NULL), 0);
	assert_int_equal(model_shutdown(m, f, 1), -ENOTSOCK);
	assert_int_equal(model_setpipe_sz(m, f, 4096), -EBADF);
	/* an epoll has no read or write at all */
	assert_int_equal(model_read_bytes(m, ep, 8, NULL), -EINVAL);
	assert_int_equal(model_write_filler(m, ep, 8), -EINVAL);
	model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fd_numbers_lowest_first),
		cmocka_unit_test(fd_emfile_at_nofile),
		cmocka_unit_test(fd_table_grows),
		cmocka_unit_test(dup_shares_the_file),
		cmocka_unit_test(pipe_sixteen_slots_and_merging),
		cmocka_unit_test(pipe_setsize_rounding_and_ebusy),
		cmocka_unit_test(pipe_reader_gone),
		cmocka_unit_test(eventfd_counter_limits),
		cmocka_unit_test(values_through_a_pipe),
		cmocka_unit_test(regular_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
