/* Timeout arithmetic in 64-bit integers, each step bounded so that it
 * cannot overflow whatever the clock says. */
#include "timeout.h"

int sp_time_left(const struct timespec *start, const struct timespec *now,
		 int timeout_ms)
{
	/* Both seconds fields are non-negative, so the difference fits. */
	int64_t sec = (int64_t)now->tv_sec - (int64_t)start->tv_sec;
	int64_t nsec = (int64_t)now->tv_nsec - (int64_t)start->tv_nsec;
	int64_t spent_ms;

	if (sec < 0 || (sec == 0 && nsec < 0))
		return timeout_ms;
	/* More seconds than any int timeout holds: nothing is left. */
	if (sec > INT32_MAX / 1000 + 1)
		return 0;
	/* The spent time as a whole, then rounded down: truncating a negative
	 * nsec toward zero rounded it up, and a wait ended early (hardening
	 * defect 3).  sec <= 2147484 here, so the nanoseconds fit. */
	spent_ms = (sec * 1000000000 + nsec) / 1000000;
	if (spent_ms >= timeout_ms)
		return 0;
	return timeout_ms - (int)spent_ms;
}

struct timespec sp_time_left_ns(const struct timespec *start,
				const struct timespec *now,
				struct timespec total)
{
	/* Both seconds fields are non-negative, so the differences fit. */
	time_t sec = now->tv_sec - start->tv_sec;
	long nsec = now->tv_nsec - start->tv_nsec;
	struct timespec left;

	if (sec < 0 || (sec == 0 && nsec < 0))
		return total;
	if (nsec < 0) {
		sec--;
		nsec += 1000000000;
	}
	/* total - spent, normalized; negative seconds when spent > total.
	 * Checked on the result, so that a non-relational analysis (Eva)
	 * sees it non-negative too. */
	left.tv_sec = total.tv_sec - sec;
	left.tv_nsec = total.tv_nsec - nsec;
	if (left.tv_nsec < 0) {
		left.tv_sec--;
		left.tv_nsec += 1000000000;
	}
	if (left.tv_sec < 0) {
		left.tv_sec = 0;
		left.tv_nsec = 0;
	}
	return left;
}

int sp_ms_up(const struct timespec *t)
{
	if (t->tv_sec >= INT_MAX / 1000)
		return INT_MAX;
	/* At most 2147482 s and 1000 ms: below INT_MAX. */
	return (int)(t->tv_sec * 1000 + (t->tv_nsec + 999999) / 1000000);
}
