/* Waiting, and handing out only what is live at the moment it is handed
 * out. */
#include <errno.h>

#include "table.h"
#include "timeout.h"

/* epoll_wait's own bound on maxevents (fs/eventpoll.c: EP_MAX_EVENTS). */
#define SP_EP_MAX_EVENTS ((int)(INT32_MAX / sizeof(struct epoll_event)))

/* One epoll_wait, again after each signal for the time left (unless the
 * caller asked to see EINTR).  This loop has no variant: a signal storm
 * keeps it going as it would keep a raw epoll_wait caller. */
static int wait_batch(struct safepoll *sp, int max, int timeout_ms)
{
	struct timespec start, now;
	int timeout = timeout_ms;

	/* The clock is read only for a finite, positive timeout: waits
	 * with -1 or 0 cost no more than the system call. */
	if (timeout_ms > 0 && clock_gettime(CLOCK_MONOTONIC, &start) < 0)
		return -errno;
	for (;;) {
		int n = epoll_wait(sp->epfd, sp->batch, max, timeout);

		if (n >= 0)
			return n;
		if (errno != EINTR || (sp->flags & SAFEPOLL_EINTR) != 0)
			return -errno;
		if (timeout_ms > 0) {
			if (clock_gettime(CLOCK_MONOTONIC, &now) < 0)
				return -errno;
			timeout = sp_time_left(&start, &now, timeout_ms);
			if (timeout == 0)
				return 0;
		}
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
	n = wait_batch(sp, max, timeout_ms);
	if (n < 0)
		return n;
	sp->batch_len = (uint32_t)n;
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
	  loop assigns stored, sp->batch_pos, sp->dropped, out[0 .. n - 1];
	  loop variant n - stored;
	*/
	while (stored < n && safepoll_next(sp, &out[stored]) == 1)
		stored++;
	return stored;
}
