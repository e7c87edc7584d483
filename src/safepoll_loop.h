/* safepoll's fast path, part of safepoll.h (include that, not this):
 * safepoll_wait and safepoll_event, inline, as liburing's completion
 * helpers are.  They run once per wait and once per event, where a call
 * would cost more than their checks (bench/); so the struct layouts in
 * safepoll.h are part of the ABI (the soname). */
#ifndef SAFEPOLL_LOOP_H
#define SAFEPOLL_LOOP_H

#ifndef SAFEPOLL_H
#error "include safepoll.h, which includes this"
#endif

/* The two parts of safepoll_wait that run out of line, so that a wait
 * with timeout 0 or -1 that succeeds costs an epoll_wait call and a few
 * instructions.  For safepoll_wait's use only, but exported, so they check
 * their arguments (-EFAULT, -EINVAL).  safepoll_wait_timed waits with
 * timeout_ms > 0 for at most max events (1 to SAFEPOLL_BATCH);
 * safepoll_wait_again goes on after epoll_wait failed with errno set
 * (max 0 to SAFEPOLL_BATCH, timeout_ms 0 or negative). */
/*@
  requires valid: sp == \null || Instance(sp);
  assigns sp->batch_len, sp->batch[0 .. SAFEPOLL_BATCH - 1], errno;
  behavior null:
    assumes sp == \null;
    assigns \nothing;
    ensures result: \result == -EFAULT;
  behavior refused:
    assumes sp != \null;
    assumes max <= 0 || max > SAFEPOLL_BATCH || timeout_ms <= 0;
    assigns sp->batch_len;
    ensures result: \result == -EINVAL;
    ensures kept: Instance(sp);
    ensures failed: sp->batch_len == 0;
  behavior wait:
    assumes sp != \null;
    assumes 0 < max <= SAFEPOLL_BATCH && timeout_ms > 0;
    ensures result: \result <= max;
    ensures kept: Instance(sp);
    ensures fetched: \result >= 0 ==> sp->batch_len == \result;
    ensures failed: \result < 0 ==> sp->batch_len == 0;
  complete behaviors;
  disjoint behaviors;
*/
int safepoll_wait_timed(struct safepoll *sp, int max, int timeout_ms);
/*@
  requires valid: sp == \null || Instance(sp);
  assigns sp->batch_len, sp->batch[0 .. SAFEPOLL_BATCH - 1], errno;
  behavior null:
    assumes sp == \null;
    assigns \nothing;
    ensures result: \result == -EFAULT;
  behavior refused:
    assumes sp != \null;
    assumes max < 0 || max > SAFEPOLL_BATCH || timeout_ms > 0;
    assigns sp->batch_len;
    ensures result: \result == -EINVAL;
    ensures kept: Instance(sp);
    ensures failed: sp->batch_len == 0;
  behavior again:
    assumes sp != \null;
    assumes 0 <= max <= SAFEPOLL_BATCH && timeout_ms <= 0;
    requires error: errno == EBADF || errno == EFAULT || errno == EINTR ||
      errno == EINVAL;
    ensures result: \result <= max;
    ensures no_retry: \old(errno) != EINTR ==> \result == -\old(errno);
    ensures kept: Instance(sp);
    ensures fetched: \result >= 0 ==> sp->batch_len == \result;
    ensures failed: \result < 0 ==> sp->batch_len == 0;
  complete behaviors;
  disjoint behaviors;
*/
int safepoll_wait_again(struct safepoll *sp, int max, int timeout_ms);

/* safepoll_wait: waits up to timeout_ms milliseconds (negative: for ever,
 * 0: not at all) for at most min(maxevents, SAFEPOLL_BATCH) events and
 * keeps them in the batch, for safepoll_event to hand out.  A signal does
 * not end the wait early: it waits again for the time left on
 * CLOCK_MONOTONIC, unless the instance was made with SAFEPOLL_EINTR.
 * Returns the number of events fetched, dead ones included.  Errors:
 * -EFAULT for sp NULL; then the kernel's (-EBADF, -EINVAL, -EINTR with
 * SAFEPOLL_EINTR), in its order: a maxevents <= 0 or above its limit is
 * put to the kernel, which answers -EBADF for an epoll fd that is not
 * open before -EINVAL for the count, and does not wait. */
/*@
  requires valid: sp == \null || Instance(sp);
  assigns sp->batch_len, sp->batch[0 .. SAFEPOLL_BATCH - 1], errno;
  behavior null:
    assumes sp == \null;
    assigns \nothing;
    ensures result: \result == -EFAULT;
  behavior bad_count:
    assumes sp != \null;
    assumes maxevents <= 0 || maxevents > SAFEPOLL_EP_MAX_EVENTS;
    ensures result: \result == -EBADF || \result == -EINVAL;
    ensures kept: Instance(sp);
    ensures failed: sp->batch_len == 0;
  behavior wait:
    assumes sp != \null;
    assumes 0 < maxevents <= SAFEPOLL_EP_MAX_EVENTS;
    ensures result: \result <= maxevents && \result <= SAFEPOLL_BATCH;
    ensures kept: Instance(sp);
    ensures fetched: \result >= 0 ==> sp->batch_len == \result;
    ensures failed: \result < 0 ==> sp->batch_len == 0;
  complete behaviors;
  disjoint behaviors;
*/
static inline int safepoll_wait(struct safepoll *sp, int maxevents,
				int timeout_ms)
{
	int n;

	if (!sp)
		return -EFAULT;
	if (maxevents <= 0 || maxevents > SAFEPOLL_EP_MAX_EVENTS) {
		/* The kernel refuses a count of 0 as it refuses the caller's,
		 * at once and in its own order (EBADF before EINVAL). */
		maxevents = 0;
		timeout_ms = 0;
	}
	if (maxevents > SAFEPOLL_BATCH)
		maxevents = SAFEPOLL_BATCH;
	if (timeout_ms > 0)
		return safepoll_wait_timed(sp, maxevents, timeout_ms);
	n = epoll_wait(sp->epfd, sp->batch, maxevents, timeout_ms);
	//@ assert same: TableSame{Pre, Here}(sp);
	if (n < 0)
		return safepoll_wait_again(sp, maxevents, timeout_ms);
	sp->batch_len = (uint32_t)n;
	//@ assert fetched: TableSame{Pre, Here}(sp);
	return n;
}

/* safepoll_event: event i of the last wait.  Returns 1 and fills *ev when
 * its registration is live at this moment; 0 when it is not (deleted,
 * modified or replaced since the wait): the event is dropped and counted,
 * at each call.  -ENOENT
 * when i is not below the count the wait returned, which ends a loop:
 *
 *	for (uint32_t i = 0; (rc = safepoll_event(sp, i, &ev)) >= 0; i++)
 *		if (rc == 1)
 *			handle(ev.udata, ev.fd, ev.events);
 *
 * Errors: -EFAULT for a NULL pointer. */
/*@
  requires valid: sp == \null || Instance(sp);
  requires valid_ev: ev == \null || \valid(ev);
  requires apart: sp == \null || ev == \null ||
    \separated(ev, sp, sp->regs + (0 .. sp->capacity - 1));
  assigns sp->dropped, *ev;
  behavior null:
    assumes sp == \null || ev == \null;
    assigns \nothing;
    ensures result: \result == -EFAULT;
  behavior past:
    assumes sp != \null && ev != \null && i >= sp->batch_len;
    assigns \nothing;
    ensures result: \result == -ENOENT;
  behavior event:
    assumes sp != \null && ev != \null && i < sp->batch_len;
    ensures result: \result == 0 || \result == 1;
    ensures kept: Instance(sp);
    ensures live_only: \result == 1 <==>
      TokenLive(sp, sp->batch[i].data.u64);
    ensures handed: \result == 1 ==>
      HandedOut(sp, ev, TokenSlot(sp->batch[i].data.u64)) &&
      ev->events == sp->batch[i].events;
    ensures counted: sp->dropped ==
      (\result == 0 ? (uint64_t)(\old(sp->dropped) + 1) : \old(sp->dropped));
  complete behaviors;
  disjoint behaviors;
*/
static inline int safepoll_event(struct safepoll *sp, uint32_t i,
				 struct safepoll_event *ev)
{
	uint64_t token;
	uint32_t slot;

	if (!sp || !ev)
		return -EFAULT;
	if (i >= sp->batch_len)
		return -ENOENT;
	token = sp->batch[i].data.u64;
	/* Split in arithmetic, as the table joins it: the same machine code,
	 * and no bit-vector theory for the provers. */
	slot = (uint32_t)(token % 0x100000000u);
	/* Checked now, not at the wait: an earlier event's handler may have
	 * deleted or replaced this registration.  A slot that holds none
	 * has a token no event carries (safepoll.acsl: Slots). */
	if (slot < sp->capacity && sp->regs[slot].token == token) {
		//@ assert live: TokenLive(sp, token);
		ev->udata = sp->regs[slot].udata;
		ev->fd = sp->regs[slot].fd;
		ev->events = sp->batch[i].events;
		//@ assert same: TableSame{Pre, Here}(sp);
		return 1;
	}
	//@ assert dead: !TokenLive(sp, token);
	sp->dropped++;
	//@ assert same: TableSame{Pre, Here}(sp);
	return 0;
}

#endif
