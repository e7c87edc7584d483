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

/* C89 has no inline; GCC and Clang take __inline__ in every mode. */
#if defined(__cplusplus) || \
	(defined(__STDC_VERSION__) && __STDC_VERSION__ >= 199901L)
#define SAFEPOLL_INLINE static inline
#else
#define SAFEPOLL_INLINE static __inline__
#endif

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
SAFEPOLL_INLINE int safepoll_wait(struct safepoll *sp, int maxevents,
				  int timeout_ms)
{
	int n;

	if (!sp)
		return -EFAULT;
	/* Inline: a wait for ever or not at all, for a count the batch
	 * holds.  The rest (a timed wait, a count to cut or to put to the
	 * kernel as it refuses it, a signal to wait through) is the same
	 * wait with no mask, out of line. */
	if (maxevents <= 0 || maxevents > SAFEPOLL_BATCH || timeout_ms > 0)
		return safepoll_pwait(sp, maxevents, timeout_ms, NULL);
	n = epoll_wait(sp->epfd, sp->batch, maxevents, timeout_ms);
	/*@ assert same: TableSame{Pre, Here}(sp); */
	if (n < 0 && errno == EINTR && !(sp->flags & SAFEPOLL_EINTR))
		return safepoll_pwait(sp, maxevents, timeout_ms, NULL);
	if (n < 0)
		n = -errno;
	/*@ assert apart: \separated(&sp->batch_len,
	      sp->regs + (0 .. sp->capacity - 1)); */
	sp->batch_len = n < 0 ? 0 : (uint32_t)n;
	/*@ assert fetched: TableSame{Pre, Here}(sp); */
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
SAFEPOLL_INLINE int safepoll_event(struct safepoll *sp, uint32_t i,
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
	 * has a token no event carries. */
	if (slot < sp->capacity && sp->regs[slot].token == token) {
		/*@ assert live: TokenLive(sp, token); */
		ev->udata = sp->regs[slot].udata;
		ev->fd = sp->regs[slot].fd;
		ev->events = sp->batch[i].events;
		/*@ assert same: TableSame{Pre, Here}(sp); */
		return 1;
	}
	/*@ assert dead: !TokenLive(sp, token); */
	sp->dropped++;
	/*@ assert same: TableSame{Pre, Here}(sp); */
	return 0;
}

#endif
