/* AF_UNIX stream pairs in the model: the send-buffer accounting by skb
 * truesize (sk_sndbuf 212992), shutdown, peer close, as measured. */
#include "model_test.h"

#define ALLOUT (OUT | WRNORM | WRBAND)

/* Writable while 4 * (charge + 1) <= 212992, the charge being the
 * truesize of the unread skbs: 36544 bytes cost 37120, 3776 cost 4352,
 * 705 cost 2304 and 1 costs 768, so these writes leave 52480, then 53248. */
static void writable_threshold(void **state)
{
	struct model *m = new_model();
	int s[2];

	(void)state;
	new_socketpair(m, s);
	assert_int_equal(model_poll(m, s[0], ALLOUT), ALLOUT);
	assert_int_equal(model_write_filler(m, s[0], 36544), 36544);
	for (int i = 0; i < 3; i++)
		assert_int_equal(model_write_filler(m, s[0], 3776), 3776);
	assert_int_equal(model_write_filler(m, s[0], 705), 705);
	assert_int_equal(model_poll(m, s[0], OUT), OUT);
	assert_int_equal(model_write_filler(m, s[0], 1), 1);
	assert_int_equal(model_poll(m, s[0], OUT), 0);
	/* a partly read skb still costs its whole truesize */
	assert_int_equal(model_read_bytes(m, s[1], 1, NULL), 1);
	assert_int_equal(model_poll(m, s[0], OUT), 0);
	assert_int_equal(model_read_bytes(m, s[1], 36543, NULL), 36543);
	assert_int_equal(model_poll(m, s[0], OUT), OUT);
	assert_int_equal(model_poll(m, s[1], IN | RDNORM), IN | RDNORM);
	model_free(m);
}

/* A new skb may start while the charge is below 212992: 185600 after
 * 182720 bytes, + 6 * 4352 = 211712, + 768 = 212480, + 768 = 213248. */
static void eagain_boundary_and_partial(void **state)
{
	struct model *m = new_model();
	int s[2];

	(void)state;
	new_socketpair(m, s);
	assert_int_equal(model_write_filler(m, s[0], 182720), 182720);
	for (int i = 0; i < 6; i++)
		assert_int_equal(model_write_filler(m, s[0], 3776), 3776);
	assert_int_equal(model_write_filler(m, s[0], 1), 1);
	assert_int_equal(model_write_filler(m, s[0], 1), 1);
	assert_int_equal(model_write_filler(m, s[0], 1), -EAGAIN);
	assert_int_equal(model_write_filler(m, s[0], 0), 0);
	/* the other direction is not charged */
	assert_int_equal(model_write_filler(m, s[1], 300000), 219264);
	assert_int_equal(model_read_bytes(m, s[0], 300000, NULL), 219264);
	assert_int_equal(model_read_bytes(m, s[0], 300000, NULL), -EAGAIN);
	model_free(m);
}

static void shutdown_each_way(void **state)
{
	struct model *m = new_model();
	int s[2], e;

	(void)state;
	new_socketpair(m, s);
	assert_int_equal(model_shutdown(m, s[0], 0), 0); /* SHUT_RD */
	assert_int_equal(model_poll(m, s[0], IN | OUT | RDHUP),
			 IN | OUT | RDHUP);
	assert_int_equal(model_poll(m, s[1], IN | OUT | RDHUP), OUT);
	assert_int_equal(model_write_filler(m, s[1], 1), -EPIPE);
	assert_int_equal(model_write_filler(m, s[0], 1), 1);
	assert_int_equal(model_read_bytes(m, s[1], 1, NULL), 1);
	assert_int_equal(model_read_bytes(m, s[0], 1, NULL), 0);
	assert_int_equal(model_shutdown(m, s[0], 1), 0); /* SHUT_WR */
	assert_int_equal(model_poll(m, s[0], IN | OUT | RDHUP),
			 IN | OUT | HUP | RDHUP);
	assert_int_equal(model_poll(m, s[1], IN | OUT | RDHUP),
			 IN | OUT | HUP | RDHUP);
	assert_int_equal(model_write_filler(m, s[0], 0), -EPIPE);
	assert_int_equal(model_read_bytes(m, s[0], 0, NULL), 0);
	e = model_eventfd(m, 0);
	assert_int_equal(model_shutdown(m, e, 2), -ENOTSOCK);
	assert_int_equal(model_close(m, e), 0);
	assert_int_equal(model_shutdown(m, e, 2), -EBADF);
	model_free(m);
}

/* Closing with unread data resets the peer: ERR, then one ECONNRESET
 * once its own queue is drained, then EOF. */
static void peer_close_with_unread_data(void **state)
{
	struct model *m = new_model();
	int s[2], t[2];

	(void)state;
	new_socketpair(m, s);
	assert_int_equal(model_write_filler(m, s[0], 10), 10);
	assert_int_equal(model_write_filler(m, s[1], 5), 5);
	assert_int_equal(model_close(m, s[1]), 0);
	assert_int_equal(model_poll(m, s[0], IN | OUT | RDHUP | PRI),
			 IN | OUT | ERR | HUP | RDHUP);
	assert_int_equal(model_read_bytes(m, s[0], 2, NULL), 2);
	assert_int_equal(model_read_bytes(m, s[0], 10, NULL), 3);
	assert_int_equal(model_poll(m, s[0], IN), IN | ERR | HUP);
	assert_int_equal(model_read_bytes(m, s[0], 10, NULL), -ECONNRESET);
	assert_int_equal(model_poll(m, s[0], IN), IN | HUP);
	assert_int_equal(model_read_bytes(m, s[0], 10, NULL), 0);
	assert_int_equal(model_write_filler(m, s[0], 1), -EPIPE);
	assert_int_equal(model_shutdown(m, s[0], 0), 0);

	/* without unread data: no reset */
	new_socketpair(m, t);
	assert_int_equal(model_write_filler(m, t[1], 5), 5);
	assert_int_equal(model_close(m, t[1]), 0);
	assert_int_equal(model_poll(m, t[0], IN | OUT), IN | OUT | HUP);
	assert_int_equal(model_read_bytes(m, t[0], 10, NULL), 5);
	assert_int_equal(model_read_bytes(m, t[0], 10, NULL), 0);
	model_free(m);
}

/* Edge-triggered: a report per write (every skb wakes the reader), and
 * per freed skb once writable again; nothing for EAGAIN. */
static void socket_wakeups(void **state)
{
	struct model *m = new_model();
	int ep, s[2];

	(void)state;
	ep = new_epoll(m);
	new_socketpair(m, s);
	add_ok(m, ep, s[1], IN | ET);
	add_ok(m, ep, s[0], OUT | ET);
	expect_wait(m, ep, 8, 1, s[0], OUT);
	assert_int_equal(model_write_filler(m, s[0], 1), 1);
	expect_wait(m, ep, 8, 1, s[1], IN);
	assert_int_equal(model_write_filler(m, s[0], 1), 1);
	expect_wait(m, ep, 8, 1, s[1], IN);
	assert_int_equal(model_write_filler(m, s[0], 212992), 212992);
	expect_wait(m, ep, 8, 1, s[1], IN);
	assert_int_equal(model_write_filler(m, s[0], 1), -EAGAIN);
	expect_wait(m, ep, 8, 0);
	assert_int_equal(model_read_bytes(m, s[1], 182720, NULL), 182720);
	expect_wait(m, ep, 8, 0); /* still 70144 charged */
	assert_int_equal(model_read_bytes(m, s[1], 2, NULL), 2);
	expect_wait(m, ep, 8, 1, s[0], OUT);
	/* shutdown wakes both ends with no key */
	assert_int_equal(model_shutdown(m, s[0], 1), 0);
	expect_wait(m, ep, 8, 2, s[0], OUT, s[1], IN);
	model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(writable_threshold),
		cmocka_unit_test(eagain_boundary_and_partial),
		cmocka_unit_test(shutdown_each_way),
		cmocka_unit_test(peer_close_with_unread_data),
		cmocka_unit_test(socket_wakeups),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
