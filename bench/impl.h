/* What each implementation provides to the drivers in main.c.  Every
 * operation works on pipe idx of the workload; its fd is wl_read_fd(idx)
 * and its callback must be wl_readable(idx). */
#ifndef BENCH_IMPL_H
#define BENCH_IMPL_H

#include <stddef.h>
#include <stdint.h>

/* The interest a registration asks for. */
#define BENCH_READ 1u
#define BENCH_WRITE 2u

/* Events fetched per wait where the implementation lets us choose (raw
 * epoll and safepoll use the same buffer size). */
#define BENCH_BATCH 128

struct impl {
	const char *name;
	/* Bytes of the structure that holds one registration (the caller's
	 * watcher, or safepoll's own slot); 0 when there is none. */
	size_t (*watcher_size)(void);
	/* Makes the loop, sized for n registrations. */
	int (*init)(uint32_t n);
	/* Starts watching pipe idx for `interest`, with a fresh watcher. */
	int (*add)(uint32_t idx, uint32_t interest);
	/* Changes the interest of a watched pipe. */
	int (*mod)(uint32_t idx, uint32_t interest);
	/* Stops watching pipe idx and releases its watcher. */
	int (*del)(uint32_t idx);
	/* Hands deferred changes to the kernel (libev, libuv): part of the
	 * cost of the operations before it.  NULL when nothing is deferred. */
	int (*flush)(void);
	/* Dispatches until wl_done(). */
	int (*run)(void);
	void (*fini)(void);
};

/* Each program links exactly one implementation. */
extern const struct impl bench_impl;

#endif
