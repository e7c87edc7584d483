/* Time left of a wait that a signal interrupted.  Internal to safepoll. */
#ifndef SAFEPOLL_TIMEOUT_H
#define SAFEPOLL_TIMEOUT_H

#include <stdint.h>
#include <time.h>

/*@
  predicate Clock(struct timespec t) =
    t.tv_sec >= 0 && 0 <= t.tv_nsec < 1000000000;

  logic integer SpentNs(struct timespec start, struct timespec now) =
    (now.tv_sec - start.tv_sec) * 1000000000 + (now.tv_nsec - start.tv_nsec);
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

#endif
