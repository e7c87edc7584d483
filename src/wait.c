/* Waiting, and handing out only what is live at the moment it is handed
 * out. */
#include <errno.h>

#include "table.h"
#include "timeout.h"

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
  requires max: 0 <= max <= SAFEPOLL_BATCH;
  assigns sp->batch[0 .. SAFEPOLL_BATCH - 1], errno;
  ensures result: -4095 <= \result <= max;
*/
static int wait_untimed(struct safepoll *sp, int max, int timeout_ms)
{
	/*@
	  loop invariant same: WaitFields{Pre, Here}(sp);
	  loop assigns sp->batch[0 .. SAFEPOLL_BATCH - 1], errno;
	*/
	for (;;) {
		int n = epoll_wait(sp->epfd, sp->batch, max, timeout_ms);

		if (n >= 0)
			return n;
		if (!retry(sp))
			return -errno;
	}
}

/* A signal's wait waits again for the time left on CLOCK_MONOTONIC,
 * measured from before the first wait. */
/*@
  requires valid: Storage(sp);
  requires max: 0 < max <= SAFEPOLL_BATCH;
  requires timeout: timeout_ms > 0;
  assigns sp->batch[0 .. SAFEPOLL_BATCH - 1], errno;
  ensures result: -4095 <= \result <= max;
*/
static int wait_timed(struct safepoll *sp, int max, int timeout_ms)
{
	struct timespec start, now;
	int timeout = timeout_ms;

	if (clock_gettime(CLOCK_MONOTONIC, &start) < 0)
		return -errno;
	/*@
	  loop invariant timeout: 0 < timeout <= timeout_ms;
	  loop invariant clock: Clock(start);
	  loop invariant same: WaitFields{Pre, Here}(sp);
	  loop assigns sp->batch[0 .. SAFEPOLL_BATCH - 1], errno, now, timeout;
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

/* What a wait leaves: the count it fetched, or none when it failed. */
/*@
  requires valid: Instance(sp);
  requires n: n <= SAFEPOLL_BATCH;
  assigns sp->batch_len;
  ensures result: \result == n;
  ensures kept: Instance(sp);
  ensures fetched: n >= 0 ==> sp->batch_len == n;
  ensures failed: n < 0 ==> sp->batch_len == 0;
*/
static int fetched(struct safepoll *sp, int n)
{
	sp->batch_len = n < 0 ? 0 : (uint32_t)n;
	//@ assert same: TableSame{Pre, Here}(sp);
	return n;
}

/* The two halves are exported (the inline safepoll_wait calls them), so
 * they check what they are given as any entry point does: a count past
 * the batch would let the kernel write past it (hardening defect 6). */
int safepoll_wait_timed(struct safepoll *sp, int max, int timeout_ms)
{
	int n;

	if (!sp)
		return -EFAULT;
	if (max <= 0 || max > SAFEPOLL_BATCH || timeout_ms <= 0)
		return fetched(sp, -EINVAL);
	n = wait_timed(sp, max, timeout_ms);

	//@ assert same: TableSame{Pre, Here}(sp);
	return fetched(sp, n);
}

int safepoll_wait_again(struct safepoll *sp, int max, int timeout_ms)
{
	int n;

	if (!sp)
		return -EFAULT;
	if (max < 0 || max > SAFEPOLL_BATCH || timeout_ms > 0)
		return fetched(sp, -EINVAL);
	n = retry(sp) ? wait_untimed(sp, max, timeout_ms) : -errno;

	//@ assert same: TableSame{Pre, Here}(sp);
	return fetched(sp, n);
}

int safepoll_wait_array(struct safepoll *sp, struct safepoll_event *out,
			int maxevents, int timeout_ms)
{
	int n, stored = 0;

	if (!sp)
		return -EFAULT;
	n = safepoll_wait(sp, maxevents, timeout_ms);
	if (n <= 0)
		return n;
	/* As the raw call: a NULL array is an error only when there are
	 * events to store; they stay in the batch (hardening defect 11). */
	if (!out)
		return -EFAULT;
	/*@
	  loop invariant range: 0 <= stored <= i <= n;
	  loop invariant kept: Instance(sp);
	  loop invariant count: n <= maxevents && sp->batch_len == n;
	  loop assigns i, stored, sp->dropped, out[0 .. n - 1];
	  loop variant n - i;
	*/
	for (uint32_t i = 0; i < (uint32_t)n; i++)
		if (safepoll_event(sp, i, &out[stored]) == 1)
			stored++;
	return stored;
}
