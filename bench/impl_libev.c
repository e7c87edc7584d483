/* libev 4.33 on its epoll backend: one ev_io per pipe; changes are
 * handed to the kernel at the next ev_run, which is the flush. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <ev.h>

#include "impl.h"
#include "workload.h"

static struct ev_loop *loop;
static ev_io *watchers;

static void on_io(struct ev_loop *l, ev_io *w, int revents)
{
	(void)l;
	(void)revents;
	wl_readable((uint32_t)(uintptr_t)w->data);
}

static int init(uint32_t n)
{
	loop = ev_loop_new(EVBACKEND_EPOLL | EVFLAG_NOENV);
	if (!loop)
		return -ENOMEM;
	if (ev_backend(loop) != EVBACKEND_EPOLL)
		return -ENOSYS;
	watchers = malloc(n * sizeof *watchers);
	return watchers ? 0 : -ENOMEM;
}

static int events_of(uint32_t interest)
{
	return (interest & BENCH_READ ? EV_READ : 0) |
	       (interest & BENCH_WRITE ? EV_WRITE : 0);
}

static int add(uint32_t idx, uint32_t interest)
{
	ev_io *w = &watchers[idx];

	ev_io_init(w, on_io, wl_read_fd(idx), events_of(interest));
	w->data = (void *)(uintptr_t)idx;
	ev_io_start(loop, w);
	return 0;
}

/* libev changes a watcher's events only while it is stopped. */
static int mod(uint32_t idx, uint32_t interest)
{
	ev_io *w = &watchers[idx];

	ev_io_stop(loop, w);
	ev_io_modify(w, events_of(interest));
	ev_io_start(loop, w);
	return 0;
}

static int del(uint32_t idx)
{
	ev_io_stop(loop, &watchers[idx]);
	return 0;
}

static int flush(void)
{
	ev_run(loop, EVRUN_NOWAIT);
	return 0;
}

static int run(void)
{
	while (!wl_done())
		ev_run(loop, EVRUN_ONCE);
	return 0;
}

static void fini(void)
{
	ev_loop_destroy(loop);
	free(watchers);
}

static size_t watcher_size(void)
{
	return sizeof(ev_io);
}

const struct impl bench_impl = {
	.name = "libev",
	.watcher_size = watcher_size,
	.init = init,
	.add = add,
	.mod = mod,
	.del = del,
	.flush = flush,
	.run = run,
	.fini = fini,
};
