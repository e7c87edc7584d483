/* Time left of a wait that a signal interrupted.  Internal to safepoll. */
#ifndef SAFEPOLL_TIMEOUT_H
#define SAFEPOLL_TIMEOUT_H

#include <limits.h>
#include <stdint.h>
#include <time.h>

/*@
  predicate Clock(struct timespec t) =
    t.tv_sec >= 0 && 0 <= t.tv_nsec < 1000000000;

  logic integer SpentNs(struct timespec start, struct timespec now) =
    (now.tv_sec - start.tv_sec) * 1000000000 + (now.tv_nsec - start.tv_nsec);

  logic integer Ns(struct timespec t) = t.tv_sec * 1000000000 + t.tv_nsec;
*/

/* Milliseconds left of timeout_ms (> 0) started at `start`, at `now`;
 * rounded up, so that a wait never ends early; 0 when none is left.  A
 * clock that went back counts as no time spent. */
/*@
  requires valid: \valid_read(start) && \valid_read(now);
  requires clocks: Clock(*start) && Clock(*now);
  requires positive: timeout_ms > 0;
  assigns \nothing;
  ensures range: 0 <= \result <= timeout_ms;
  ensures clock_back: SpentNs(*start, *now) < 0 ==> \result == timeout_ms;
  ensures never_early: SpentNs(*start, *now) >= 0 ==>
    \result * 1000000 + SpentNs(*start, *now) >= timeout_ms * 1000000;
  ensures rounded_up: SpentNs(*start, *now) >= 0 && \result > 0 ==>
    (\result - 1) * 1000000 + SpentNs(*start, *now) < timeout_ms * 1000000;
*/
int sp_time_left(const struct timespec *start, const struct timespec *now,
		 int timeout_ms);

/* The same in nanoseconds, exact: what is left of `total` started at
 * `start`, at `now`; {0, 0} when none is left.  A clock that went back
 * counts as no time spent. */
/*@
  requires valid: \valid_read(start) && \valid_read(now);
  requires clocks: Clock(*start) && Clock(*now) && Clock(total);
  assigns \nothing;
  ensures normalized: Clock(\result);
  ensures clock_back: SpentNs(*start, *now) < 0 ==> Ns(\result) == Ns(total);
  ensures exact: 0 <= SpentNs(*start, *now) < Ns(total) ==>
    Ns(\result) + SpentNs(*start, *now) == Ns(total);
  ensures none: SpentNs(*start, *now) >= Ns(total) ==>
    \result.tv_sec == 0 && \result.tv_nsec == 0;
*/
struct timespec sp_time_left_ns(const struct timespec *start,
				const struct timespec *now,
				struct timespec total);

/* A time in milliseconds for epoll_pwait, rounded up so that a wait of
 * that many never ends early; INT_MAX (24.8 days) from 2147483 s on: a
 * wait cut there may end early, and its caller waits again for the rest. */
/*@
  requires valid: \valid_read(t) && Clock(*t);
  assigns \nothing;
  ensures range: 0 <= \result <= INT_MAX;
  ensures never_early: \result == INT_MAX || \result * 1000000 >= Ns(*t);
  ensures rounded_up: 0 < \result < INT_MAX ==>
    (\result - 1) * 1000000 < Ns(*t);
*/
int sp_ms_up(const struct timespec *t);

#endif
