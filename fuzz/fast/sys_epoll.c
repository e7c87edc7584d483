/* epoll_ctl and the waits, on the model.  The model fills events of its
 * own layout (struct model_event is not the packed struct epoll_event),
 * at most one per registration, so they go through a buffer of that
 * many and are copied out. */
#include <errno.h>
#include <stdlib.h>

#include "model.h"
#include "shim.h"

int fast_epoll_ctl(int ep, int op, int fd, struct epoll_event *ev)
{
	/* fs/eventpoll.c: the event is copied in before anything else is
	 * looked at, and only for the ops that take one. */
	if (op != EPOLL_CTL_DEL && !ev)
		return (int)fast_sys(-EFAULT);
	return (int)fast_sys(model_epoll_ctl(fast_model(), ep, op, fd,
					     ev ? ev->events : 0,
					     ev ? ev->data.u64 : 0));
}

static struct model_event *buffer(size_t n)
{
	static struct model_event *buf;
	static size_t cap;

	if (n > cap) {
		struct model_event *p = realloc(buf, n * sizeof(*p));

		if (!p)
			abort();
		buf = p;
		cap = n;
	}
	return buf;
}

/* A wait that would block for ever (a negative timeout, nothing ready)
 * cannot happen in a fuzzer's run (its timeouts are 0); here it returns
 * 0, as a wait whose time ran out. */
int fast_epoll_wait(int ep, struct epoll_event *events, int max, int timeout)
{
	int regs = fast_peek_regs(ep, NULL, 0);
	struct model_event *buf = buffer(regs > 0 ? (size_t)regs : 1);
	int n = model_epoll_wait(fast_model(), ep, buf, max, timeout);

	if (n == MODEL_BLOCKS_FOREVER)
		return 0;
	for (int j = 0; j < n; j++) {
		events[j].events = buf[j].events;
		events[j].data.u64 = buf[j].data;
	}
	return (int)fast_sys(n);
}

/* No signal reaches the model's waits: the mask changes nothing. */
int fast_epoll_pwait(int ep, struct epoll_event *events, int max, int timeout,
		     const sigset_t *mask)
{
	(void)mask;
	return fast_epoll_wait(ep, events, max, timeout);
}

/* The model tells only timeouts of 0, more than 0 and none (negative)
 * apart, so a timespec becomes 0, 1 or -1 ms. */
int fast_epoll_pwait2(int ep, struct epoll_event *events, int max,
		      const struct timespec *timeout, const sigset_t *mask)
{
	int ms = -1;

	(void)mask;
	if (timeout && (timeout->tv_sec < 0 || timeout->tv_nsec < 0 ||
			timeout->tv_nsec >= 1000000000L))
		return (int)fast_sys(-EINVAL);
	if (timeout)
		ms = timeout->tv_sec > 0 || timeout->tv_nsec > 0 ? 1 : 0;
	return fast_epoll_wait(ep, events, max, ms);
}
