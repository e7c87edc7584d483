/* eventfd: fs/eventfd.c, without EFD_SEMAPHORE.  The counter tops out at
 * 2^64 - 2: a write that would reach 2^64 - 1 is EAGAIN, and writing the
 * value 2^64 - 1 itself is EINVAL. */
#include <stdlib.h>
#include <string.h>

#include "kernel.h"
#include "model_impl.h"

struct eventfd_ctx {
	struct wait_queue_head wqh;
	uint64_t count;
};

static uint64_t get_le64(const uint8_t b[8])
{
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = v << 8 | b[i];
	return v;
}

static void put_le64(uint8_t b[8], uint64_t v)
{
	for (int i = 0; i < 8; i++, v >>= 8)
		b[i] = (uint8_t)v;
}

/* eventfd_read(): the whole counter, which drops to 0. */
static int64_t eventfd_read(struct mfile *f, uint64_t n, uint8_t head[8])
{
	struct eventfd_ctx *ctx = f->private_data;
	uint64_t ucnt;

	if (n < sizeof(ucnt))
		return -EINVAL;
	if (!ctx->count)
		return -EAGAIN;
	ucnt = ctx->count; /* eventfd_ctx_do_read() */
	ctx->count = 0;
	if (waitqueue_active(&ctx->wqh))
		wake_up_poll(&ctx->wqh, EPOLLOUT); /* wake_up_locked_poll() */
	put_le64(head, ucnt);
	return sizeof(ucnt);
}

/* eventfd_write(): exactly 8 bytes from 6.9, at least 8 before (the first
 * 8 count).  Every successful write wakes the readers, a write of 0
 * included. */
static int64_t eventfd_write(struct mfile *f, const struct wdata *d)
{
	struct eventfd_ctx *ctx = f->private_data;
	uint8_t filler[8];
	uint64_t ucnt;

	if (d->n < sizeof(ucnt) ||
	    (d->n != sizeof(ucnt) && f->m->k->eventfd_write_exact))
		return -EINVAL;
	memset(filler, 'x', sizeof(filler));
	ucnt = get_le64(d->lit ? d->lit : filler);
	if (ucnt == UINT64_MAX)
		return -EINVAL;
	if (!(UINT64_MAX - ctx->count > ucnt))
		return -EAGAIN;
	ctx->count += ucnt;
	if (waitqueue_active(&ctx->wqh))
		wake_up_poll(&ctx->wqh, EPOLLIN); /* wake_up_locked_poll() */
	return sizeof(ucnt);
}

/* eventfd_poll(): note that it sets no RDNORM/WRNORM bits. */
static poll_t eventfd_poll(struct mfile *f, poll_table *pt)
{
	struct eventfd_ctx *ctx = f->private_data;
	poll_t events = 0;

	poll_wait(f, &ctx->wqh, pt);
	if (ctx->count > 0)
		events |= EPOLLIN;
	if (ctx->count == UINT64_MAX)
		events |= EPOLLERR;
	if (UINT64_MAX - 1 > ctx->count)
		events |= EPOLLOUT;
	return events;
}

/* eventfd_release() */
static void eventfd_release(struct mfile *f)
{
	struct eventfd_ctx *ctx = f->private_data;

	wake_up_poll(&ctx->wqh, EPOLLHUP);
	free(ctx);
}

static const struct file_operations eventfd_fops = {
	.read = eventfd_read,
	.write = eventfd_write,
	.poll = eventfd_poll,
	.release = eventfd_release,
};

bool file_is_eventfd(const struct mfile *f)
{
	return f->f_op == &eventfd_fops;
}

/* do_eventfd() */
struct mfile *eventfd_file_create(struct model *m, unsigned int count)
{
	struct eventfd_ctx *ctx = calloc(1, sizeof(*ctx));

	if (!ctx)
		model_oom();
	init_waitqueue_head(&ctx->wqh);
	ctx->count = count;
	return alloc_file(m, &eventfd_fops, FMODE_READ | FMODE_WRITE, ctx);
}
