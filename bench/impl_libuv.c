/* libuv 1.44: one uv_poll_t per pipe.  Starting and changing a poll
 * handle reaches the kernel at the next loop iteration (the flush); a
 * stopped handle is closed, and its close completes there too. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <uv.h>

#include "impl.h"
#include "workload.h"

static uv_loop_t *loop;
static uv_poll_t *handles;
static uint32_t count;

static void on_poll(uv_poll_t *h, int status, int events)
{
	(void)events;
	if (status < 0)
		wl.failures++;
	wl_readable((uint32_t)(uintptr_t)h->data);
}

static int init(uint32_t n)
{
	int rc;

	loop = malloc(sizeof *loop);
	handles = malloc(n * sizeof *handles);
	if (!loop || !handles)
		return -ENOMEM;
	if ((rc = uv_loop_init(loop)) < 0)
		return rc;
	count = n;
	return 0;
}

static int events_of(uint32_t interest)
{
	return (interest & BENCH_READ ? UV_READABLE : 0) |
	       (interest & BENCH_WRITE ? UV_WRITABLE : 0);
}

static int add(uint32_t idx, uint32_t interest)
{
	uv_poll_t *h = &handles[idx];
	int rc;

	if ((rc = uv_poll_init(loop, h, wl_read_fd(idx))) < 0)
		return rc;
	h->data = (void *)(uintptr_t)idx;
	return uv_poll_start(h, events_of(interest), on_poll);
}

static int mod(uint32_t idx, uint32_t interest)
{
	return uv_poll_start(&handles[idx], events_of(interest), on_poll);
}

static int del(uint32_t idx)
{
	uv_poll_t *h = &handles[idx];
	int rc = uv_poll_stop(h);

	uv_close((uv_handle_t *)h, 0);
	return rc;
}

/* uv_run's result says whether handles are still active, not an error. */
static int flush(void)
{
	uv_run(loop, UV_RUN_NOWAIT);
	return 0;
}

static int run(void)
{
	while (!wl_done())
		uv_run(loop, UV_RUN_ONCE);
	return 0;
}

static void fini(void)
{
	for (uint32_t i = 0; i < count; i++)
		if (!uv_is_closing((uv_handle_t *)&handles[i]))
			uv_close((uv_handle_t *)&handles[i], 0);
	uv_run(loop, UV_RUN_NOWAIT);
	uv_loop_close(loop);
	free(handles);
	free(loop);
}

static size_t watcher_size(void)
{
	return sizeof(uv_poll_t);
}

const struct impl bench_impl = {
	.name = "libuv",
	.watcher_size = watcher_size,
	.init = init,
	.add = add,
	.mod = mod,
	.del = del,
	.flush = flush,
	.run = run,
	.fini = fini,
};
