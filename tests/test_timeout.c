/* The time left of an interrupted wait (src/timeout.c), at its edges. */
#include <limits.h>

#include "helpers.h"
#include "timeout.h"

static int left(time_t s0, long n0, time_t s1, long n1, int timeout)
{
	struct timespec a = {s0, n0}, b = {s1, n1};

	return sp_time_left(&a, &b, timeout);
}

static void test_time_left_counts_down(void **state)
{
	(void)state;
	assert_int_equal(left(10, 0, 10, 0, 200), 200);
	assert_int_equal(left(10, 0, 10, 50000000, 200), 150);
	/* Spent time is rounded down, so the rest is rounded up. */
	assert_int_equal(left(10, 0, 10, 50999999, 200), 150);
	assert_int_equal(left(10, 900000000, 11, 100000000, 300), 100);
}

static void test_time_left_none_when_spent(void **state)
{
	(void)state;
	assert_int_equal(left(10, 0, 10, 200000000, 200), 0);
	assert_int_equal(left(10, 0, 20, 0, 200), 0);
}

/* A clock that went back counts as no time spent. */
static void test_time_left_clock_back(void **state)
{
	(void)state;
	assert_int_equal(left(10, 0, 9, 0, 200), 200);
	assert_int_equal(left(10, 500, 10, 0, 200), 200);
}

/* No overflow at either end of the clock or of the timeout. */
static void test_time_left_extremes(void **state)
{
	const time_t far = (time_t)INT64_MAX;

	(void)state;
	assert_int_equal(left(0, 0, far, 999999999, INT_MAX), 0);
	assert_int_equal(left(far, 999999999, 0, 0, INT_MAX), INT_MAX);
	assert_int_equal(left(0, 0, 2147483, 647000000, INT_MAX), 0);
	assert_int_equal(left(0, 0, 2147483, 646000000, INT_MAX), 1);
	assert_int_equal(left(0, 0, 2147484, 0, INT_MAX), 0);
	assert_int_equal(left(0, 0, 2147485, 0, INT_MAX), 0);
	assert_int_equal(left(5, 0, 5, 999999, 1), 1);
}

/* Hardening defect 3: across a second boundary the nanoseconds go negative,
 * and truncating them toward zero rounded the spent time up, so that the
 * wait ended up to a millisecond early. */
static void test_time_left_never_early(void **state)
{
	(void)state;
	/* 999.000001 ms spent of 1000: 0.999999 ms left, rounded up. */
	assert_int_equal(left(0, 999999, 1, 0, 1000), 1);
	/* 7.3 ms spent of 10 across a boundary: 2.7 ms left, rounded up. */
	assert_int_equal(left(4, 995000000, 5, 2300000, 10), 3);
	assert_int_equal(left(4, 999999999, 6, 0, 5000), 4000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_time_left_counts_down),
		TEST(test_time_left_none_when_spent),
		TEST(test_time_left_clock_back),
		TEST(test_time_left_extremes),
		TEST(test_time_left_never_early),
	};
	return cmocka_run_group_tests_name("timeout", tests, NULL, NULL);
}
