/* The tools' reader of fdinfo's "tfd:" lines (trace/fdinfo_tfd.c), alone
 * and as replay_fdinfo_text turns a whole fdinfo text into items.  A
 * "tfd:" line it cannot read must be an error, not a registration left
 * out of the kernel's list. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "fdinfo_tfd.h"
#include "replay.h"

/* As a 6.x kernel prints it, padding and all. */
static const char text[] =
	"pos:\t0\nflags:\t02000002\nmnt_id:\t17\nino:\t1038\n"
	"tfd:        4 events:       19 data:                4  pos:0 "
	"ino:6eef sdev:f\n"
	"tfd:        5 events: 8000001c data: ffffffffffffffff  pos:0 "
	"ino:6eef sdev:f\n";

static int tfd(const char *line, struct trace_tfd *reg, char *why)
{
	return trace_fdinfo_tfd(line, strlen(line), reg, why);
}

static void kernel_text_gives_items(void **state)
{
	struct trace_buf b = {0};

	(void)state;
	assert_int_equal(replay_fdinfo_text(&b, 3, text), 0);
	assert_string_equal(b.s, " 3:4:19:4 3:5:8000001c:ffffffffffffffff");
	trace_buf_free(&b);
}

static void other_lines_are_passed_over(void **state)
{
	struct trace_tfd reg;
	char why[TRACE_TFD_WHY_MAX];

	(void)state;
	assert_int_equal(tfd("pos:\t0", &reg, why), 0);
	assert_int_equal(tfd("ino:\t1038", &reg, why), 0);
	assert_int_equal(tfd("", &reg, why), 0);
	/* An older kernel's line, with nothing after data. */
	assert_int_equal(tfd("tfd: 7 events: 1 data: 2a", &reg, why), 1);
	assert_int_equal(reg.fd, 7);
	assert_int_equal(reg.events, 1);
	assert_int_equal(reg.data, 0x2a);
}

static void malformed_lines_say_where_and_why(void **state)
{
	static const struct {
		const char *line, *why;
	} bad[] = {
		{"tfd:", "column 5: expected the target fd (decimal, at most "
			 "INT_MAX) after \"tfd:\""},
		{"tfd: x4 events: 19 data: 4", "column 6: expected the target "
					       "fd (decimal, at most INT_MAX) "
					       "after \"tfd:\""},
		{"tfd: 2147483648 events: 19 data: 4",
		 "column 6: too large for the target fd (decimal, at most "
		 "INT_MAX)"},
		{"tfd: 4 evnts: 19 data: 4", "column 8: expected \"events:\""},
		{"tfd: 4 events: 1g data: 4", "column 17: expected the events "
					      "(hex, at most 32 bits) after "
					      "\"events:\""},
		{"tfd: 4 events: 100000000 data: 4",
		 "column 16: too large for the events (hex, at most 32 bits)"},
		{"tfd: 4 events: 19 data:", "column 24: expected the data "
					    "(hex, at most 64 bits) after "
					    "\"data:\""},
		{"tfd: 4 events: 19 data: 10000000000000000",
		 "column 25: too large for the data (hex, at most 64 bits)"},
		{"tfd: 4 events: 19 data: 4z", "column 26: expected the data "
					       "(hex, at most 64 bits) after "
					       "\"data:\""},
	};
	struct trace_tfd reg;
	char why[TRACE_TFD_WHY_MAX];

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(tfd(bad[i].line, &reg, why), -1);
		assert_string_equal(why, bad[i].why);
	}
}

static void malformed_line_fails_the_text(void **state)
{
	struct trace_buf b = {0};

	(void)state;
	assert_int_equal(replay_fdinfo_text(&b, 3,
					    "pos:\t0\n"
					    "tfd: 4 events: 19 data: 4\n"
					    "tfd: 5 events: 1g data: 5\n"),
			 -EPROTO);
	trace_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(kernel_text_gives_items),
		cmocka_unit_test(other_lines_are_passed_over),
		cmocka_unit_test(malformed_lines_say_where_and_why),
		cmocka_unit_test(malformed_line_fails_the_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
