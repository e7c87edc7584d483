/* libevent 2.1: one persistent event per pipe in caller-provided storage
 * (event_assign), one event_base_loop(EVLOOP_ONCE) per turn. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <event2/event.h>

#include "impl.h"
#include "workload.h"

static struct event_base *base;
static unsigned char *storage;
static size_t event_size;

static struct event *event_of(uint32_t idx)
{
	return (struct event *)(void *)(storage + idx * event_size);
}

static void on_event(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	wl_readable((uint32_t)(uintptr_t)arg);
}

static int init(uint32_t n)
{
	base = event_base_new();
	if (!base)
		return -ENOMEM;
	/* The figures are epoll's: refuse to measure another backend. */
	if (strcmp(event_base_get_method(base), "epoll") != 0)
		return -ENOSYS;
	event_size = event_get_struct_event_size();
	storage = malloc(n * event_size);
	return storage ? 0 : -ENOMEM;
}

static short what_of(uint32_t interest)
{
	return (short)(EV_PERSIST | (interest & BENCH_READ ? EV_READ : 0) |
		       (interest & BENCH_WRITE ? EV_WRITE : 0));
}

static int add(uint32_t idx, uint32_t interest)
{
	struct event *ev = event_of(idx);

	if (event_assign(ev, base, wl_read_fd(idx), what_of(interest),
			 on_event, (void *)(uintptr_t)idx) < 0)
		return -EINVAL;
	return event_add(ev, 0) < 0 ? -EIO : 0;
}

/* libevent has no modify: an event's flags are set by event_assign, on
 * an event that is not pending. */
static int mod(uint32_t idx, uint32_t interest)
{
	if (event_del(event_of(idx)) < 0)
		return -EIO;
	return add(idx, interest);
}

static int del(uint32_t idx)
{
	return event_del(event_of(idx)) < 0 ? -EIO : 0;
}

static int run(void)
{
	while (!wl_done())
		if (event_base_loop(base, EVLOOP_ONCE) != 0)
			return -EIO;
	return 0;
}

static void fini(void)
{
	event_base_free(base);
	free(storage);
}

static size_t watcher_size(void)
{
	return event_get_struct_event_size();
}

const struct impl bench_impl = {
	.name = "libevent",
	.watcher_size = watcher_size,
	.init = init,
	.add = add,
	.mod = mod,
	.del = del,
	.run = run,
	.fini = fini,
};
