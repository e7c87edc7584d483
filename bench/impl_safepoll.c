/* safepoll: safepoll_wait and a safepoll_event loop, timeout -1 so that
 * no clock is read, as raw epoll reads none. */
#include <errno.h>
#include <stdint.h>
#include <sys/epoll.h>

#include "impl.h"
#include "safepoll.h"
#include "workload.h"

/* impl_safepoll_unit.c compiles this file again, with the callback in its
 * unit. */
#ifndef BENCH_CALLBACK
#define BENCH_CALLBACK wl_readable
#define BENCH_NAME "safepoll"
#endif

static struct safepoll *sp;

static int init(uint32_t n)
{
	return safepoll_new(&sp, n, 0);
}

static uint32_t mask(uint32_t interest)
{
	return (interest & BENCH_READ ? EPOLLIN : 0) |
	       (interest & BENCH_WRITE ? EPOLLOUT : 0);
}

static int add(uint32_t idx, uint32_t interest)
{
	return safepoll_add(sp, wl_read_fd(idx), mask(interest),
			    (void *)(uintptr_t)idx);
}

static int mod(uint32_t idx, uint32_t interest)
{
	return safepoll_mod(sp, wl_read_fd(idx), mask(interest),
			    (void *)(uintptr_t)idx);
}

static int del(uint32_t idx)
{
	return safepoll_del(sp, wl_read_fd(idx));
}

/* sp is read once into a local, as the raw loop keeps its own pointers
 * in locals. */
static int run(void)
{
	struct safepoll *s = sp;
	struct safepoll_event ev;
	int rc;

	while (!wl_done()) {
		if ((rc = safepoll_wait(s, BENCH_BATCH, -1)) < 0)
			return rc;
		for (uint32_t i = 0; (rc = safepoll_event(s, i, &ev)) >= 0; i++)
			if (rc == 1)
				BENCH_CALLBACK((uint32_t)(uintptr_t)ev.udata);
		if (rc != -ENOENT)
			return rc;
	}
	return 0;
}

static void fini(void)
{
	safepoll_free(sp);
}

static size_t watcher_size(void)
{
	return sizeof(struct safepoll_reg);
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
