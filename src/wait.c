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

/* The kernel's wait, with the caller's signal mask in force during it
 * when there is one. */
/*@
  requires valid: Storage(sp);
  requires max: 0 <= max <= SAFEPOLL_BATCH;
  requires mask: mask == \null || \valid_read(mask);
  assigns sp->batch[0 .. SAFEPOLL_BATCH - 1], errno;
  ensures result: -1 <= \result <= max;
  ensures error: \result == -1 ==> errno == EBADF || errno == EFAULT ||
    errno == EINTR || errno == EINVAL;
  ensures refused: max == 0 ==>
    \result == -1 && (errno == EBADF || errno == EINVAL);
*/
static int kwait(struct safepoll *sp, int max, int timeout_ms,
		 const sigset_t *mask)
{
	if (mask)
		return epoll_pwait(sp->epfd, sp->batch, max, timeout_ms, mask);
	return epoll_wait(sp->epfd, sp->batch, max, timeout_ms);
}

/* A wait for `left` (NULL: for ever) in nanoseconds: epoll_pwait2, or on
 * a kernel without it (ENOSYS: before Linux 5.11) epoll_pwait for `left`
 * rounded up to milliseconds, cut at INT_MAX. */
/*@
  requires valid: Storage(sp);
  requires max: 0 <= max <= SAFEPOLL_BATCH;
  requires left: \valid_read(left) && Clock(*left);
  requires apart: \separated(left, sp, &errno);
  requires mask: mask == \null || \valid_read(mask);
  assigns sp->batch[0 .. SAFEPOLL_BATCH - 1], errno;
  ensures result: -1 <= \result <= max;
  ensures error: \result == -1 ==> errno == EBADF || errno == EFAULT ||
    errno == EINTR || errno == EINVAL;
*/
static int kwait2(struct safepoll *sp, int max, const struct timespec *left,
		  const sigset_t *mask)
{
	int n = epoll_pwait2(sp->epfd, sp->batch, max, left, mask);

	if (n >= 0 || errno != ENOSYS)
		return n;
	return kwait(sp, max, sp_ms_up(left), mask);
}

/*@
  requires valid: Storage(sp);
  requires max: 0 <= max <= SAFEPOLL_BATCH;
  requires mask: mask == \null || \valid_read(mask);
  assigns sp->batch[0 .. SAFEPOLL_BATCH - 1], errno;
  ensures result: -4095 <= \result <= max;
  ensures refused: max == 0 ==> \result == -EBADF || \result == -EINVAL;
*/
static int wait_untimed(struct safepoll *sp, int max, int timeout_ms,
			const sigset_t *mask)
{
	/*@
	  loop invariant same: WaitFields{Pre, Here}(sp);
	  loop assigns sp->batch[0 .. SAFEPOLL_BATCH - 1], errno;
	*/
	for (;;) {
		int n = kwait(sp, max, timeout_ms, mask);

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
  requires mask: mask == \null || \valid_read(mask);
  assigns sp->batch[0 .. SAFEPOLL_BATCH - 1], errno;
  ensures result: -4095 <= \result <= max;
*/
static int wait_timed(struct safepoll *sp, int max, int timeout_ms,
		      const sigset_t *mask)
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
		int n = kwait(sp, max, timeout, mask);

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

/* The same in nanoseconds.  A wait that ends with nothing ends only when
 * the clock says the time is up: a millisecond wait cut at INT_MAX waits
 * again for the rest (on a kernel, one more clock read at a timeout). */
/*@
  requires valid: Storage(sp);
  requires max: 0 < max <= SAFEPOLL_BATCH;
  requires timeout: Clock(total) && Ns(total) > 0;
  requires mask: mask == \null || \valid_read(mask);
  assigns sp->batch[0 .. SAFEPOLL_BATCH - 1], errno;
  ensures result: -4095 <= \result <= max;
*/
static int wait2_timed(struct safepoll *sp, int max, struct timespec total,
		       const sigset_t *mask)
{
	struct timespec start, now, left = total;

	if (clock_gettime(CLOCK_MONOTONIC, &start) < 0)
		return -errno;
	/*@
	  loop invariant left: Clock(left);
	  loop invariant clock: Clock(start);
	  loop invariant same: WaitFields{Pre, Here}(sp);
	  loop assigns sp->batch[0 .. SAFEPOLL_BATCH - 1], errno, now, left;
	*/
	for (;;) {
		int n = kwait2(sp, max, &left, mask);

		if (n > 0)
			return n;
		if (n < 0 && !retry(sp))
			return -errno;
		if (clock_gettime(CLOCK_MONOTONIC, &now) < 0)
			return -errno;
		left = sp_time_left_ns(&start, &now, total);
		if (left.tv_sec == 0 && left.tv_nsec == 0)
			return 0;
	}
}

/* The count the kernel is given: the caller's, at most the batch; 0 for
 * one it refuses, which it answers at once, in its own order (EBADF
 * before EINVAL), without waiting. */
/*@
  assigns \nothing;
  ensures refused: maxevents <= 0 || maxevents > SAFEPOLL_EP_MAX_EVENTS ==>
    \result == 0;
  ensures taken: 0 < maxevents <= SAFEPOLL_EP_MAX_EVENTS ==>
    0 < \result <= SAFEPOLL_BATCH && \result <= maxevents;
*/
static int batch_count(int maxevents)
{
	if (maxevents <= 0 || maxevents > SAFEPOLL_EP_MAX_EVENTS)
		return 0;
	return maxevents < SAFEPOLL_BATCH ? maxevents : SAFEPOLL_BATCH;
}

/* A wait of timeout_ms: timed when it is positive and there is a count
 * to wait for.  A count of 0 goes to the kernel with no time at all: it
 * refuses the count before it would wait, and if it ever did not, the
 * caller's time would not be spent on nothing. */
/*@
  requires valid: Storage(sp);
  requires max: 0 <= max <= SAFEPOLL_BATCH;
  requires mask: mask == \null || \valid_read(mask);
  assigns sp->batch[0 .. SAFEPOLL_BATCH - 1], errno;
  ensures result: -4095 <= \result <= max;
  ensures refused: max == 0 ==> \result == -EBADF || \result == -EINVAL;
*/
static int wait_ms(struct safepoll *sp, int max, int timeout_ms,
		   const sigset_t *mask)
{
	if (max > 0 && timeout_ms > 0)
		return wait_timed(sp, max, timeout_ms, mask);
	return wait_untimed(sp, max, max > 0 ? timeout_ms : 0, mask);
}

/* A wait of *timeout (NULL: for ever).  Only a timed one needs
 * epoll_pwait2: a wait for ever or not at all is epoll_pwait's, on every
 * kernel. */
/*@
  requires valid: Storage(sp);
  requires max: 0 <= max <= SAFEPOLL_BATCH;
  requires timeout: timeout == \null ||
    (\valid_read(timeout) && Clock(*timeout));
  requires mask: mask == \null || \valid_read(mask);
  assigns sp->batch[0 .. SAFEPOLL_BATCH - 1], errno;
  ensures result: -4095 <= \result <= max;
  ensures refused: max == 0 ==> \result == -EBADF || \result == -EINVAL;
*/
static int wait_ns(struct safepoll *sp, int max,
		   const struct timespec *timeout, const sigset_t *mask)
{
	if (!timeout)
		return wait_untimed(sp, max, -1, mask);
	if (max > 0 && (timeout->tv_sec > 0 || timeout->tv_nsec > 0))
		return wait2_timed(sp, max, *timeout, mask);
	return wait_untimed(sp, max, 0, mask);
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

/* Out of line, unlike safepoll_wait: a masked wait is not the hot path. */
int safepoll_pwait(struct safepoll *sp, int maxevents, int timeout_ms,
		   const sigset_t *sigmask)
{
	int n;

	if (!sp)
		return -EFAULT;
	n = wait_ms(sp, batch_count(maxevents), timeout_ms, sigmask);

	//@ assert same: TableSame{Pre, Here}(sp);
	return fetched(sp, n);
}

int safepoll_pwait2(struct safepoll *sp, int maxevents,
		    const struct timespec *timeout, const sigset_t *sigmask)
{
	int n;

	if (!sp)
		return -EFAULT;
	/* Checked first, as epoll_pwait2 checks it before the rest. */
	if (timeout && (timeout->tv_sec < 0 || timeout->tv_nsec < 0 ||
			timeout->tv_nsec >= 1000000000))
		return fetched(sp, -EINVAL);
	n = wait_ns(sp, batch_count(maxevents), timeout, sigmask);

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
	  loop invariant live_only: \forall integer k; 0 <= k < stored ==>
	    Delivered(sp, &out[k]);
	  loop assigns i, stored, sp->dropped, out[0 .. n - 1];
	  loop variant n - i;
	*/
	for (uint32_t i = 0; i < (uint32_t)n; i++) {
		//@ ghost Before: ;
		int r = safepoll_event(sp, i, &out[stored]);

		//@ assert regs: RegsSame{Before, Here}(sp);
		/*@ assert kept: \forall integer k; 0 <= k < stored ==>
		      out[k].fd == \at(out[k].fd, Before) &&
		      out[k].udata == \at(out[k].udata, Before); */
		if (r == 1)
			stored++;
	}
	return stored;
}
