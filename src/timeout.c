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
