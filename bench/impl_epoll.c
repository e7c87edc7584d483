/* Raw epoll: the minimal hand-written loop every other figure is divided
 * by.  The event carries the pipe's index, as safepoll's carries udata. */
#include <errno.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "impl.h"
#include "workload.h"

/* impl_epoll_unit.c compiles this file again, with the callback in its
 * unit. */
#ifndef BENCH_CALLBACK
#define BENCH_CALLBACK wl_readable
#define BENCH_NAME "epoll"
#endif

static int epfd = -1;
static struct epoll_event *events;

static int init(uint32_t n)
{
	(void)n;
	events = malloc(BENCH_BATCH * sizeof *events);
	if (!events)
		return -ENOMEM;
	epfd = epoll_create1(EPOLL_CLOEXEC);
	return epfd < 0 ? -errno : 0;
}

static uint32_t mask(uint32_t interest)
{
	return (interest & BENCH_READ ? EPOLLIN : 0) |
	       (interest & BENCH_WRITE ? EPOLLOUT : 0);
}

static int ctl(int op, uint32_t idx, uint32_t interest)
{
	struct epoll_event ev = {.events = mask(interest), .data.u32 = idx};

	return epoll_ctl(epfd, op, wl_read_fd(idx), &ev) < 0 ? -errno : 0;
}

static int add(uint32_t idx, uint32_t interest)
{
	return ctl(EPOLL_CTL_ADD, idx, interest);
}

static int mod(uint32_t idx, uint32_t interest)
{
	return ctl(EPOLL_CTL_MOD, idx, interest);
}

static int del(uint32_t idx)
{
	return ctl(EPOLL_CTL_DEL, idx, 0);
}

/* The array is read once into a local, as safepoll's loop reads its
 * instance pointer once. */
static int run(void)
{
	struct epoll_event *evs = events;

	while (!wl_done()) {
		int n = epoll_wait(epfd, evs, BENCH_BATCH, -1);

		if (n < 0 && errno != EINTR)
			return -errno;
		for (int i = 0; i < n; i++)
			BENCH_CALLBACK(evs[i].data.u32);
	}
	return 0;
}

static void fini(void)
{
	close(epfd);
	free(events);
}

static size_t watcher_size(void)
{
	return 0;
}

const struct impl bench_impl = {
	.name = BENCH_NAME,
	.watcher_size = watcher_size,
	.init = init,
	.add = add,
	.mod = mod,
	.del = del,
	.run = run,
	.fini = fini,
};
