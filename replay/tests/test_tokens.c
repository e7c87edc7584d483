/* The wrapper engine's map of safepoll's tokens (replay/tokens.c): after
 * an add or mod through safepoll, which of the epoll's registrations of
 * that fd number holds the new token.  Another registration of the same
 * number can be there (a file closed behind a dup, whose number a new
 * file took), made raw by the engine; the kernel lists the two in the
 * order of their files' addresses, so either can come first.  safepoll's
 * dead token, all ones, has a raw datum's form but is safepoll's. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "interest.h"
#include "replay.h"

/* The epoll's list, as replay_fdinfo would give it: this test's stand-in
 * for the kernel's fdinfo. */
static const char *list;

int replay_fdinfo(struct trace_buf *b, int epfd)
{
	(void)epfd;
	trace_buf_puts(b, list);
	return 0;
}

/* Slot 0 at the last generation; and a raw registration's data. */
#define TOKEN 0xffffffff00000000ull
#define RAW REPLAY_RAW_DATA(4)

static uint64_t learn(const char *l)
{
	struct replay_tokens m = {0};
	uint64_t token = 0, id = 0;

	list = l;
	assert_int_equal(replay_tokens_learn(&m, 1, 7, 5, 12, &token), 0);
	assert_true(replay_tokens_find(&m, 1, TOKEN, &id));
	assert_int_equal(id, 12);
	replay_tokens_free(&m);
	return token;
}

static void raw_registration_listed_after(void **state)
{
	(void)state;
	assert_int_equal(learn(" 7:5:1:ffffffff00000000 7:5:1:4ffffffff"),
			 TOKEN);
}

static void raw_registration_listed_before(void **state)
{
	(void)state;
	assert_int_equal(learn(" 7:5:1:4ffffffff 7:5:1:ffffffff00000000"),
			 TOKEN);
}

static void raw_data_is_never_a_token(void **state)
{
	struct replay_tokens m = {0};
	uint64_t token = 0, id = 0;

	(void)state;
	list = " 7:5:1:4ffffffff";
	assert_int_equal(replay_tokens_learn(&m, 1, 7, 5, 12, &token), 0);
	assert_false(replay_tokens_find(&m, 1, RAW, &id));
	replay_tokens_free(&m);
}

static void dead_token_is_learnt(void **state)
{
	struct replay_tokens m = {0};
	uint64_t token = 0, id = 0;

	(void)state;
	list = " 7:5:1:4ffffffff 7:5:1:ffffffffffffffff";
	assert_int_equal(replay_tokens_learn(&m, 1, 7, 5, 12, &token), 0);
	assert_int_equal(token, UINT64_MAX);
	assert_true(replay_tokens_find(&m, 1, UINT64_MAX, &id));
	assert_int_equal(id, 12);
	replay_tokens_free(&m);
}

/* A second registration given the dead token is told apart by neither
 * the datum nor the map: both labels count as dead; a live token later
 * takes one out. */
static void dead_labels_kept_per_file(void **state)
{
	struct replay_tokens m = {0};
	uint64_t token = 0;

	(void)state;
	list = " 7:5:1:ffffffffffffffff";
	assert_int_equal(replay_tokens_learn(&m, 1, 7, 5, 12, &token), 0);
	list = " 7:5:1:ffffffffffffffff 7:6:1:ffffffffffffffff";
	token = 0;
	assert_int_equal(replay_tokens_learn(&m, 1, 7, 6, 20, &token), 0);
	assert_int_equal(token, UINT64_MAX);
	assert_true(replay_tokens_dead(&m, 1, 12));
	assert_true(replay_tokens_dead(&m, 1, 20));
	assert_false(replay_tokens_dead(&m, 2, 20));
	list = " 7:5:1:ffffffffffffffff 7:6:1:100000000";
	assert_int_equal(replay_tokens_learn(&m, 1, 7, 6, 20, &token), 0);
	assert_int_equal(token, 0x100000000ull);
	assert_false(replay_tokens_dead(&m, 1, 20));
	assert_true(replay_tokens_dead(&m, 1, 12));
	replay_tokens_free(&m);
}

/* The dead token prints as a label that holds it: when the first to
 * hold it gets a live token back, the other one stands for it (fuzz
 * finding, corpus/sp-raw-wait-dead-token-relabel.trace). */
static void dead_token_prints_as_a_holder(void **state)
{
	struct replay_tokens m = {0};
	uint64_t token = 0, id = 0;

	(void)state;
	list = " 7:5:1:ffffffffffffffff";
	assert_int_equal(replay_tokens_learn(&m, 1, 7, 5, 12, &token), 0);
	list = " 7:5:1:ffffffffffffffff 7:6:1:ffffffffffffffff";
	assert_int_equal(replay_tokens_learn(&m, 1, 7, 6, 20, &token), 0);
	list = " 7:5:1:100000000 7:6:1:ffffffffffffffff";
	assert_int_equal(replay_tokens_learn(&m, 1, 7, 5, 12, &token), 0);
	assert_true(replay_tokens_find(&m, 1, UINT64_MAX, &id));
	assert_int_equal(id, 20);
	assert_true(replay_tokens_find(&m, 1, 0x100000000ull, &id));
	assert_int_equal(id, 12);
	replay_tokens_free(&m);
}

/* The same the other way round: the first holder had a live token back
 * before the second got the dead one. */
static void dead_token_prints_as_a_later_holder(void **state)
{
	struct replay_tokens m = {0};
	uint64_t token = 0, id = 0;

	(void)state;
	list = " 7:5:1:ffffffffffffffff";
	assert_int_equal(replay_tokens_learn(&m, 1, 7, 5, 12, &token), 0);
	list = " 7:5:1:100000000";
	assert_int_equal(replay_tokens_learn(&m, 1, 7, 5, 12, &token), 0);
	list = " 7:5:1:100000000 7:6:1:ffffffffffffffff";
	assert_int_equal(replay_tokens_learn(&m, 1, 7, 6, 20, &token), 0);
	assert_true(replay_tokens_find(&m, 1, UINT64_MAX, &id));
	assert_int_equal(id, 20);
	replay_tokens_free(&m);
}

/* The map grows as it learns; the dead labels stay (make fuzz's LSan
 * found them lost, and leaked, when it grew). */
static void dead_labels_survive_growth(void **state)
{
	struct replay_tokens m = {0};
	uint64_t token = 0;
	char l[64];

	(void)state;
	list = " 7:5:1:ffffffffffffffff";
	assert_int_equal(replay_tokens_learn(&m, 1, 7, 5, 12, &token), 0);
	for (int fd = 6; fd < 106; fd++) {
		uint64_t id = 1000 + (uint64_t)fd;

		snprintf(l, sizeof(l), " 7:%d:1:%x00000000", fd, fd);
		list = l;
		assert_int_equal(replay_tokens_learn(&m, 1, 7, fd, id, &token),
				 0);
	}
	assert_true(m.cap > 64);
	assert_true(replay_tokens_dead(&m, 1, 12));
	replay_tokens_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(raw_registration_listed_after),
		cmocka_unit_test(raw_registration_listed_before),
		cmocka_unit_test(raw_data_is_never_a_token),
		cmocka_unit_test(dead_token_is_learnt),
		cmocka_unit_test(dead_labels_kept_per_file),
		cmocka_unit_test(dead_token_prints_as_a_holder),
		cmocka_unit_test(dead_token_prints_as_a_later_holder),
		cmocka_unit_test(dead_labels_survive_growth),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
