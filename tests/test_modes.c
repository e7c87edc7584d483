/* Triggering modes as they come through safepoll: level, edge, oneshot,
 * and the hang-up and error conditions every registration reports. */
#include <sys/socket.h>

#include "helpers.h"

static void test_level_triggered_repeats(void **state)
{
	struct safepoll *sp = make_instance(4);
	int p[2];

	(void)state;
	make_pipe(p);
	assert_int_equal(safepoll_add(sp, p[0], EPOLLIN, NULL), 0);
	write_byte(p[1]);
	wait_one(sp);
	wait_one(sp); /* still unread: reported again */
	close(p[0]);
	close(p[1]);
	safepoll_free(sp);
}

static void test_edge_triggered(void **state)
{
	struct safepoll *sp = make_instance(4);
	int p[2];

	(void)state;
	make_pipe(p);
	assert_int_equal(safepoll_add(sp, p[0], EPOLLIN | EPOLLET, NULL), 0);
	write_byte(p[1]);
	wait_one(sp);
	assert_int_equal(safepoll_wait(sp, 4, 0), 0);
	write_byte(p[1]); /* a new write is a new edge */
	wait_one(sp);
	close(p[0]);
	close(p[1]);
	safepoll_free(sp);
}

/* A oneshot registration is disabled after one event; a mod with the
 * same mask re-arms it (and must reach the kernel to do so). */
static void test_oneshot_rearm(void **state)
{
	struct safepoll *sp = make_instance(4);
	int p[2];

	(void)state;
	make_pipe(p);
	assert_int_equal(safepoll_add(sp, p[0], EPOLLIN | EPOLLONESHOT, NULL),
			 0);
	write_byte(p[1]);
	wait_one(sp);
	assert_int_equal(safepoll_wait(sp, 4, 0), 0);
	assert_int_equal(safepoll_mod(sp, p[0], EPOLLIN | EPOLLONESHOT, NULL),
			 0);
	wait_one(sp);
	assert_int_equal(safepoll_wait(sp, 4, 0), 0);
	assert_consistent(sp);
	close(p[0]);
	close(p[1]);
	safepoll_free(sp);
}

/* The last writer gone: the read end reports EPOLLHUP though only
 * EPOLLIN was asked for; the last reader gone: EPOLLERR on the writer. */
static void test_hup_err(void **state)
{
	struct safepoll *sp = make_instance(4);
	int p[2], q[2];
	struct safepoll_event ev = {0};

	(void)state;
	make_pipe(p);
	make_pipe(q);
	assert_int_equal(safepoll_add(sp, p[0], EPOLLIN, NULL), 0);
	assert_int_equal(safepoll_add(sp, q[1], 0, NULL), 0);
	close(p[1]);
	ev = wait_one(sp);
	assert_int_equal(ev.fd, p[0]);
	assert_int_equal(ev.events, EPOLLHUP);
	assert_int_equal(safepoll_close(sp, p[0]), 0);
	close(q[0]);
	ev = wait_one(sp);
	assert_int_equal(ev.fd, q[1]);
	assert_int_equal(ev.events, EPOLLERR);
	assert_int_equal(safepoll_close(sp, q[1]), 0);
	assert_consistent(sp);
	safepoll_free(sp);
}

static void test_socket_rdhup(void **state)
{
	struct safepoll *sp = make_instance(4);
	int s[2];
	struct safepoll_event ev = {0};

	(void)state;
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, s),
			 0);
	assert_int_equal(safepoll_add(sp, s[0], EPOLLIN | EPOLLRDHUP, NULL), 0);
	assert_int_equal(shutdown(s[1], SHUT_WR), 0);
	ev = wait_one(sp);
	assert_int_equal(ev.events, EPOLLIN | EPOLLRDHUP);
	close(s[0]);
	close(s[1]);
	safepoll_free(sp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_level_triggered_repeats),
		TEST(test_edge_triggered),
		TEST(test_oneshot_rearm),
		TEST(test_hup_err),
		TEST(test_socket_rdhup),
	};
	return cmocka_run_group_tests_name("modes", tests, NULL, NULL);
}
