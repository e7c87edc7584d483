/* --check's two comparisons that are more than string equality: the
 * differences a wrapper line may show (dead events safepoll dropped, its
 * own refusals), and
 * interest lists compared as sets of labelled registrations. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "interest.h"
#include "replay.h"

static const char text[] = "epoll E\n"
			   "pipe P\n"
			   "add E P.r in\n" /* op 2 */
			   "add E P.r in\n" /* op 3: same label as op 2 */
			   "add E P.w out\n" /* op 4 */
			   "wait E 8\n"
			   "close P.r\n"
			   "mod E P.w out|0x8000\n" /* op 7 */
			   "del E P.w\n"; /* op 8 */

static struct trace t;

static int setup(void **state)
{
	char err[TRACE_ERR_MAX];

	(void)state;
	return trace_parse(&t, "t.trace", text, strlen(text), err);
}

static int teardown(void **state)
{
	(void)state;
	trace_free(&t);
	return 0;
}

static const struct trace_op *wait_op(void)
{
	return &t.ops[5];
}

static void wrapper_equal_lines_agree(void **state)
{
	(void)state;
	assert_true(replay_wrapper_agrees(&t.ops[6], "close P.r => ok",
					  "close P.r => ok", 0));
	assert_true(replay_wrapper_agrees(wait_op(), "wait E 8 => P.r=in",
					  "wait E 8 => P.r=in", 0));
}

static void wrapper_other_ops_must_be_equal(void **state)
{
	(void)state;
	assert_false(replay_wrapper_agrees(&t.ops[6], "close P.r => ok",
					   "close P.r => EBADF", 0));
	/* Only a wait can drop events. */
	assert_false(replay_wrapper_agrees(&t.ops[6], "close P.r => ok",
					   "close P.r => ok", 1));
}

static void wrapper_drops_must_match_counter(void **state)
{
	const char *k = "wait E 8 => P.r=in P.w=out";

	(void)state;
	assert_true(
		replay_wrapper_agrees(wait_op(), k, "wait E 8 => P.w=out", 1));
	assert_true(
		replay_wrapper_agrees(wait_op(), k, "wait E 8 => P.r=in", 1));
	assert_true(replay_wrapper_agrees(wait_op(), k, "wait E 8 => none", 2));
	assert_false(
		replay_wrapper_agrees(wait_op(), k, "wait E 8 => P.w=out", 0));
	assert_false(
		replay_wrapper_agrees(wait_op(), k, "wait E 8 => P.w=out", 2));
	assert_false(
		replay_wrapper_agrees(wait_op(), k, "wait E 8 => none", 1));
	/* Equal lines, yet the counter says something was dropped. */
	assert_false(replay_wrapper_agrees(wait_op(), k, k, 1));
}

/* safepoll's own refusals pass whatever the kernel said, and only they:
 * EINVAL only for a bit with no word, ENOSPC only for an add or mod. */
static void wrapper_own_refusals_only(void **state)
{
	(void)state;
	assert_true(replay_wrapper_agrees(&t.ops[7], "mod E P.w out|0x8000 => ok",
					  "mod E P.w out|0x8000 => EINVAL", 0));
	assert_true(replay_wrapper_agrees(&t.ops[2], "add E P.r in => ok",
					  "add E P.r in => ENOSPC", 0));
	assert_true(replay_wrapper_agrees(&t.ops[2], "add E P.r in => EEXIST",
					  "add E P.r in => ENOSPC", 0));
	assert_false(replay_wrapper_agrees(&t.ops[2], "add E P.r in => ok",
					   "add E P.r in => EINVAL", 0));
	assert_false(replay_wrapper_agrees(&t.ops[7], "mod E P.w out|0x8000 => ok",
					   "mod E P.w out|0x8000 => EBADF", 0));
	assert_false(replay_wrapper_agrees(&t.ops[8], "del E P.w => ok",
					   "del E P.w => ENOSPC", 0));
	assert_false(replay_wrapper_agrees(&t.ops[2], "add E P.r in => ok",
					   "add E P.r in => ENOSPC", 1));
}

static void wrapper_order_and_content_count(void **state)
{
	const char *k = "wait E 8 => P.r=in P.w=out";

	(void)state;
	assert_false(replay_wrapper_agrees(wait_op(), k,
					   "wait E 8 => P.w=out P.r=in", 0));
	assert_false(replay_wrapper_agrees(wait_op(), k,
					   "wait E 8 => P.r=in|hup", 1));
	assert_false(replay_wrapper_agrees(wait_op(), "wait E 8 => P.r=in",
					   "wait E 8 => P.r=in P.w=out", 0));
	/* An error is not a list of events to leave some out of. */
	assert_false(replay_wrapper_agrees(wait_op(), "wait E 8 => EBADF",
					   "wait E 8 => none", 1));
	assert_false(replay_wrapper_agrees(wait_op(), "wait E 8 => none",
					   "wait E 8 => EBADF", 0));
}

static int compare(const char *k, const char *m, struct trace_buf *notes)
{
	trace_buf_clear(notes);
	return replay_compare_interest(&t, k, m, notes);
}

static void interest_same_sets_agree(void **state)
{
	struct trace_buf notes = {0};

	(void)state;
	assert_int_equal(compare("", "", &notes), 0);
	assert_int_equal(
		compare(" 3:4:19:2 3:5:1c:4", " 3:5:1c:4 3:4:19:2", &notes), 0);
	/* Different data, same label: what a person reads is the same. */
	assert_int_equal(compare(" 3:4:19:2", " 3:4:19:3", &notes), 0);
	assert_int_equal(notes.len, 0);
	trace_buf_free(&notes);
}

static void interest_differences_are_noted(void **state)
{
	struct trace_buf notes = {0};

	(void)state;
	assert_int_equal(compare(" 3:4:19:2", " 3:4:18:2", &notes), 1);
	assert_non_null(strstr(notes.s, "! model: interest of epoll fd 3 => "
					"4:P.r:err|hup (kernel: "
					"4:P.r:in|err|hup)"));
	assert_int_equal(compare(" 3:4:19:2", " 3:4:19:4", &notes), 1);
	assert_int_equal(compare(" 3:4:19:2", " 3:6:19:2", &notes), 1);
	/* A registration, or a whole epoll, missing on one side. */
	assert_int_equal(compare(" 3:4:19:2 3:5:1c:4", " 3:4:19:2", &notes), 1);
	assert_int_equal(compare(" 3:4:19:2 7:4:19:2", " 3:4:19:2", &notes), 1);
	assert_non_null(strstr(notes.s, "epoll fd 7 => none (kernel: 4:P.r:"));
	assert_int_equal(compare(" 3:4:19:2", " 3:4:19:2 8:4:19:2", &notes), 1);
	/* The model's error for an epoll is a difference too. */
	assert_int_equal(compare(" 3:4:19:2", " 3:error:EBADF", &notes), 1);
	trace_buf_free(&notes);
}

/* A list of neither form is a bug of the tool that wrote it: an error
 * that says where, not a difference of the model's. */
static void interest_malformed_lists_fail(void **state)
{
	static const char *const bad[] = {
		" 3:4:zz:2",	    " 3:4:19",
		" 3:4:19:2x",	    " 3:-4:19:2",
		" 3:4:100000000:2", " 3:error:",
		" x:4:19:2",	    " 3:4:19:10000000000000000",
		" 3:4:19:2:1",	    " 3:4:1C:2",
	};
	struct trace_buf notes = {0};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(compare(" 3:4:19:2", bad[i], &notes), -1);
		assert_int_equal(compare(bad[i], " 3:4:19:2", &notes), -1);
	}
	assert_int_equal(notes.len, 0);
	trace_buf_free(&notes);
}

static void interest_errors_say_where(void **state)
{
	const char *list = " 3:4:19:2 3:5:zz:4", *s = list;
	const char *errs = " 7:error:EBADF";
	struct trace_interest it;
	char why[TRACE_ERR_MAX];

	(void)state;
	assert_int_equal(trace_interest_next(list, &s, &it, why), 1);
	assert_int_equal(trace_interest_next(list, &s, &it, why), -1);
	assert_string_equal(why, "column 15: expected EVENTS (hex, at most "
				 "32 bits) in \"3:5:zz:4\"");
	s = errs;
	assert_int_equal(trace_interest_next(errs, &s, &it, why), 1);
	assert_true(it.error);
	assert_int_equal(it.ep, 7);
	assert_int_equal(trace_interest_next(errs, &s, &it, why), 0);
}

/* The writer's text at the edges of each field, and the reader's
 * values of it. */
static void interest_put_edges_read_back(void **state)
{
	struct trace_buf b = {0};
	struct trace_interest it;
	char why[TRACE_ERR_MAX];
	const char *s;

	(void)state;
	trace_interest_put(&b, 0, 2147483647, 0, 0);
	trace_interest_put(&b, 10, 0, 0xffffffffu, UINT64_MAX);
	trace_interest_put(&b, 3, 19, 0x80000019u, 0xabcdef0123ull);
	assert_string_equal(b.s, " 0:2147483647:0:0 10:0:ffffffff:"
				 "ffffffffffffffff 3:19:80000019:abcdef0123");
	s = b.s;
	assert_int_equal(trace_interest_next(b.s, &s, &it, why), 1);
	assert_true(it.ep == 0 && it.tfd == 2147483647 && it.events == 0 &&
		    it.data == 0);
	assert_int_equal(trace_interest_next(b.s, &s, &it, why), 1);
	assert_true(it.ep == 10 && it.tfd == 0 && it.events == 0xffffffffu &&
		    it.data == UINT64_MAX);
	assert_int_equal(trace_interest_next(b.s, &s, &it, why), 1);
	assert_true(it.ep == 3 && it.tfd == 19 && it.events == 0x80000019u &&
		    it.data == 0xabcdef0123ull);
	assert_int_equal(trace_interest_next(b.s, &s, &it, why), 0);
	trace_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(wrapper_equal_lines_agree),
		cmocka_unit_test(wrapper_other_ops_must_be_equal),
		cmocka_unit_test(wrapper_drops_must_match_counter),
		cmocka_unit_test(wrapper_order_and_content_count),
		cmocka_unit_test(wrapper_own_refusals_only),
		cmocka_unit_test(interest_same_sets_agree),
		cmocka_unit_test(interest_differences_are_noted),
		cmocka_unit_test(interest_malformed_lists_fail),
		cmocka_unit_test(interest_errors_say_where),
		cmocka_unit_test(interest_put_edges_read_back),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
