/* Waiting, and handing out only what is live at the moment it is handed
 * out. */
#include <errno.h>

#include "table.h"
#include "timeout.h"

/* epoll_wait's own bound on maxevents (fs/eventpoll.c: EP_MAX_EVENTS). */
#define SP_EP_MAX_EVENTS ((int)(INT32_MAX / sizeof(struct epoll_event)))

/* A wait that a signal must not cut short waits again: for the same
 * timeout when it is 0 or endless, for the time left otherwise (unless
 * the caller asked to see EINTR).  These loops have no variant: a signal
 * storm keeps them going as it would keep a raw epoll_wait caller. */
/*@
  requires valid: \valid_read(sp);
  assigns \nothing;
  ensures result: \result != 0 <==>
    errno == EINTR && (sp->flags & SAFEPOLL_EINTR) == 0;
*/
static int retry(const struct safepoll *sp)
{
	return errno == EINTR && (sp->flags & SAFEPOLL_EINTR) == 0;
}

/*@
  requires valid: Storage(sp);
  requires max: 0 < max <= sp->batch_cap;
  assigns sp->batch[0 .. sp->batch_cap - 1], errno;
  ensures result: -4095 <= \result <= max;
*/
static int wait_untimed(struct safepoll *sp, int max, int timeout_ms)
{
	/*@
	  loop invariant same: WaitFields{Pre, Here}(sp);
	  loop assigns \at(sp->batch, Pre)[0 .. \at(sp->batch_cap, Pre) - 1], errno;
	*/
	for (;;) {
		int n = epoll_wait(sp->epfd, sp->batch, max, timeout_ms);

		if (n >= 0)
			return n;
		if (!retry(sp))
			return -errno;
	}
}

/* Apart from the common path, so that its registers and its clock reads
 * cost the waits with -1 or 0 nothing. */
/*@
  requires valid: Storage(sp);
  requires max: 0 < max <= sp->batch_cap;
  requires timeout: timeout_ms > 0;
  assigns sp->batch[0 .. sp->batch_cap - 1], errno;
  ensures result: -4095 <= \result <= max;
*/
__attribute__((noinline)) static int wait_timed(struct safepoll *sp, int max,
						int timeout_ms)
{
	struct timespec start, now;
	int timeout = timeout_ms;

	if (clock_gettime(CLOCK_MONOTONIC, &start) < 0)
		return -errno;
	/*@
	  loop invariant timeout: 0 < timeout <= timeout_ms;
	  loop invariant clock: Clock(start);
	  loop invariant same: WaitFields{Pre, Here}(sp);
	  loop assigns \at(sp->batch, Pre)[0 .. \at(sp->batch_cap, Pre) - 1], errno,
	    now, timeout;
	*/
	for (;;) {
		int n = epoll_wait(sp->epfd, sp->batch, max, timeout);

		if (n >= 0)
			return n;
		if (!retry(sp))
			return -errno;
		if (clock_gettime(CLOCK_MONOTONIC, &now) < 0)
			return -errno;
		timeout = sp_time_left(&start, &now, timeout_ms);
		if (timeout == 0)
			return 0;
	}
}

int safepoll_wait(struct safepoll *sp, int maxevents, int timeout_ms)
{
	int max, n;

	if (!sp)
		return -EFAULT;
	if (maxevents <= 0 || maxevents > SP_EP_MAX_EVENTS)
		return -EINVAL;
	max = maxevents < (int)sp->batch_cap ? maxevents : (int)sp->batch_cap;
	sp->batch_len = 0;
	sp->batch_pos = 0;
	n = timeout_ms > 0 ? wait_timed(sp, max, timeout_ms)
			   : wait_untimed(sp, max, timeout_ms);
	if (n < 0) {
		//@ assert same: TableSame{Pre, Here}(sp);
		//@ assert storage: Storage(sp);
		//@ assert empty: sp->batch_pos == 0 && sp->batch_len == 0;
		//@ assert table: Table(sp);
		return n;
	}
	sp->batch_len = (uint32_t)n;
	//@ assert same: TableSame{Pre, Here}(sp);
	//@ assert storage: Storage(sp);
	//@ assert fetched: sp->batch_pos == 0 && sp->batch_len <= sp->batch_cap;
	//@ assert table: Table(sp);
	return n;
}

int safepoll_wait_array(struct safepoll *sp, struct safepoll_event *out,
			int maxevents, int timeout_ms)
{
	int n, stored = 0;

	/* The kernel's order: the count is checked before the buffer. */
	if (!sp)
		return -EFAULT;
	if (maxevents <= 0 || maxevents > SP_EP_MAX_EVENTS)
		return -EINVAL;
	if (!out)
		return -EFAULT;
	n = safepoll_wait(sp, maxevents, timeout_ms);
	if (n < 0)
		return n;
	/*@
	  loop invariant range: 0 <= stored <= sp->batch_pos <= n;
	  loop invariant same: WaitFields{Pre, Here}(sp);
	  loop invariant kept: Instance(sp);
	  loop invariant count: n <= maxevents && sp->batch_len == n;
	  loop assigns stored, sp->batch_pos, sp->dropped, out[0 .. n - 1];
	  loop variant n - stored;
	*/
	while (stored < n && safepoll_next(sp, &out[stored]) == 1)
		stored++;
	return stored;
}
