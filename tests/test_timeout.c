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

/* The same in nanoseconds: exact, {0, 0} when spent. */
static void assert_left_ns(time_t s0, long n0, time_t s1, long n1,
			   time_t total_s, long total_n, time_t want_s,
			   long want_n)
{
	struct timespec a = {s0, n0}, b = {s1, n1}, total = {total_s, total_n};
	struct timespec got = sp_time_left_ns(&a, &b, total);

	if (got.tv_sec != want_s || got.tv_nsec != want_n) {
		fprintf(stderr, "left of {%ld, %ld} from {%ld, %ld} at "
			"{%ld, %ld}: {%ld, %ld}, not {%ld, %ld}\n",
			(long)total_s, total_n, (long)s0, n0, (long)s1, n1,
			(long)got.tv_sec, got.tv_nsec, (long)want_s, want_n);
		fail();
	}
}

static void test_time_left_ns(void **state)
{
	const time_t far = (time_t)INT64_MAX;

	(void)state;
	/* Counts down, borrowing from the seconds of what is spent and of
	 * what is left. */
	assert_left_ns(10, 0, 10, 250000000, 1, 0, 0, 750000000);
	assert_left_ns(10, 900000000, 11, 100000000, 1, 0, 0, 800000000);
	assert_left_ns(10, 900000000, 11, 100000000, 3, 100000000, 2,
		       900000000);
	assert_left_ns(10, 0, 10, 0, 0, 1, 0, 1);
	/* One nanosecond short of the whole, then the whole and more. */
	assert_left_ns(10, 999999999, 11, 999999998, 1, 0, 0, 1);
	assert_left_ns(10, 999999999, 11, 999999999, 1, 0, 0, 0);
	assert_left_ns(10, 0, 12, 0, 1, 500000000, 0, 0);
	assert_left_ns(10, 500000000, 11, 0, 0, 400000000, 0, 0);
	/* A clock that went back: the whole, in seconds or nanoseconds. */
	assert_left_ns(10, 0, 9, 999999999, 2, 5, 2, 5);
	assert_left_ns(10, 500, 10, 499, 2, 5, 2, 5);
	/* Either end of the clock and of the timeout. */
	assert_left_ns(0, 0, far, 999999999, far, 999999999, 0, 0);
	assert_left_ns(far, 999999999, 0, 0, far, 999999999, far, 999999999);
	assert_left_ns(0, 999999999, far, 0, far, 0, 0, 999999999);
}

/* Milliseconds for epoll_pwait: rounded up, INT_MAX from 2147483 s. */
static void test_ms_up(void **state)
{
	struct timespec t[] = {{0, 0}, {0, 1}, {0, 1000000}, {0, 1000001},
			       {1, 500}, {2147482, 999999999}, {2147483, 0},
			       {(time_t)INT64_MAX, 999999999}};
	const int want[] = {0, 1, 1, 2, 1001, 2147483000, INT_MAX, INT_MAX};

	(void)state;
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		assert_int_equal(sp_ms_up(&t[i]), want[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_time_left_counts_down),
		TEST(test_time_left_none_when_spent),
		TEST(test_time_left_clock_back),
		TEST(test_time_left_extremes),
		TEST(test_time_left_never_early),
		TEST(test_time_left_ns),
		TEST(test_ms_up),
	};
	return cmocka_run_group_tests_name("timeout", tests, NULL, NULL);
}
