/* --check's two comparisons that are more than string equality: the one
 * difference a wrapper line may show (dead events safepoll dropped), and
 * interest lists compared as sets of labelled registrations. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "replay.h"

static const char text[] = "epoll E\n"
			   "pipe P\n"
			   "add E P.r in\n" /* op 2 */
			   "add E P.r in\n" /* op 3: same label as op 2 */
			   "add E P.w out\n" /* op 4 */
			   "wait E 8\n"
			   "close P.r\n";

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(wrapper_equal_lines_agree),
		cmocka_unit_test(wrapper_other_ops_must_be_equal),
		cmocka_unit_test(wrapper_drops_must_match_counter),
		cmocka_unit_test(wrapper_order_and_content_count),
		cmocka_unit_test(interest_same_sets_agree),
		cmocka_unit_test(interest_differences_are_noted),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
