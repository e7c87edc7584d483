/* Anonymous pipes: fs/pipe.c.  Data sits in a ring of page-sized slots,
 * not in a byte count: a write first tops up the last slot with its
 * remainder (len % PAGE_SIZE) when that fits, then fills whole new slots;
 * the pipe is full when every slot is taken, however few bytes they hold. */
#include <stdlib.h>

#include "bytestream.h"
#include "kernel.h"
#include "model_impl.h"

#define PIPE_DEF_BUFFERS 16
/* /proc/sys/fs/pipe-max-size on the reference machine.  It binds even
 * root there: the replay runs without CAP_SYS_RESOURCE (but with
 * CAP_SYS_ADMIN, which lifts the per-user pipe-user-pages limits). */
#define PIPE_MAX_SIZE 1048576u

struct pipe_buffer {
	unsigned int offset, len;
	bool can_merge; /* PIPE_BUF_FLAG_CAN_MERGE */
};

struct pipe_inode_info {
	unsigned int head, tail;
	unsigned int max_usage, ring_size;
	unsigned int readers, writers;
	unsigned int files; /* put_pipe_info() frees it with the last file */
	bool poll_usage;
	struct wait_queue_head rd_wait, wr_wait;
	struct pipe_buffer *bufs;
	struct bytestream data;
};

static bool pipe_empty(unsigned int head, unsigned int tail)
{
	return head == tail;
}

static unsigned int pipe_occupancy(unsigned int head, unsigned int tail)
{
	return head - tail;
}

static bool pipe_full(unsigned int head, unsigned int tail, unsigned int limit)
{
	return pipe_occupancy(head, tail) >= limit;
}

static struct pipe_buffer *pipe_buf(const struct pipe_inode_info *pipe,
				    unsigned int slot)
{
	return &pipe->bufs[slot & (pipe->ring_size - 1)];
}

/* anon_pipe_write() for an O_NONBLOCK writer. */
static int64_t anon_pipe_write(struct mfile *f, const struct wdata *d)
{
	struct pipe_inode_info *pipe = f->private_data;
	uint64_t total_len = d->n, chars;
	int64_t ret = 0;
	bool was_empty = false;

	if (total_len == 0) /* Null write succeeds, and wakes nobody. */
		return 0;
	if (!pipe->readers) {
		ret = -EPIPE;
		goto out;
	}
	was_empty = pipe_empty(pipe->head, pipe->tail);
	chars = total_len & (PAGE_SIZE - 1);
	if (chars && !was_empty) {
		struct pipe_buffer *buf = pipe_buf(pipe, pipe->head - 1);
		uint64_t offset = (uint64_t)buf->offset + buf->len;

		if (buf->can_merge && offset + chars <= PAGE_SIZE) {
			buf->len += (unsigned int)chars;
			ret = (int64_t)chars;
			total_len -= chars;
			if (!total_len)
				goto out;
		}
	}
	for (;;) {
		if (!pipe->readers) {
			if (!ret)
				ret = -EPIPE;
			break;
		}
		if (!pipe_full(pipe->head, pipe->tail, pipe->max_usage)) {
			struct pipe_buffer *buf = pipe_buf(pipe, pipe->head);
			uint64_t copied =
				total_len < PAGE_SIZE ? total_len : PAGE_SIZE;

			pipe->head++;
			buf->offset = 0;
			buf->len = (unsigned int)copied;
			buf->can_merge = true;
			ret += (int64_t)copied;
			total_len -= copied;
			if (!total_len)
				break;
			continue;
		}
		if (!ret)
			ret = -EAGAIN;
		break;
	}
out:
	if (ret > 0)
		bs_push(&pipe->data, (uint64_t)ret, d->lit);
	/* "Epoll nonsensically wants a wakeup whether the pipe was already
	 * empty or not": once anyone polled the pipe, every write wakes the
	 * readers, even one that wrote nothing and fails with EAGAIN. */
	if (was_empty || pipe->poll_usage)
		wake_up_interruptible_sync_poll(&pipe->rd_wait,
						EPOLLIN | EPOLLRDNORM);
	return ret;
}

/* anon_pipe_read() for an O_NONBLOCK reader. */
static int64_t anon_pipe_read(struct mfile *f, uint64_t total_len,
			      uint8_t head[8])
{
	struct pipe_inode_info *pipe = f->private_data;
	bool wake_writer = false;
	/* Before 6.14 any read of a full pipe woke the writers (release.c). */
	bool was_full = pipe_full(pipe->head, pipe->tail, pipe->max_usage);
	int64_t ret = 0;

	if (total_len == 0) /* Null read succeeds. */
		return 0;
	for (;;) {
		if (!pipe_empty(pipe->head, pipe->tail)) {
			struct pipe_buffer *buf = pipe_buf(pipe, pipe->tail);
			uint64_t chars = buf->len;

			if (chars > total_len)
				chars = total_len;
			bs_pop(&pipe->data, chars, head + (ret < 8 ? ret : 8),
			       ret < 8 ? 8 - (uint64_t)ret : 0);
			ret += (int64_t)chars;
			buf->offset += (unsigned int)chars;
			buf->len -= (unsigned int)chars;
			/* Writers are woken only when this frees a slot of a
			 * full pipe, not by any read of a full one. */
			if (!buf->len) {
				wake_writer |= pipe_full(pipe->head, pipe->tail,
							 pipe->max_usage);
				pipe->tail++;
			}
			total_len -= chars;
			if (!total_len)
				break;
			if (!pipe_empty(pipe->head, pipe->tail))
				continue;
		}
		if (!pipe->writers)
			break;
		if (ret)
			break;
		ret = -EAGAIN;
		break;
	}
	if (!f->m->k->pipe_read_wakes_on_free)
		wake_writer = was_full && ret > 0;
	if (wake_writer)
		wake_up_interruptible_sync_poll(&pipe->wr_wait,
						EPOLLOUT | EPOLLWRNORM);
	return ret;
}

/* pipe_poll() */
static poll_t pipe_poll(struct mfile *f, poll_table *pt)
{
	struct pipe_inode_info *pipe = f->private_data;
	poll_t mask = 0;

	/* "Epoll has some historical nasty semantics, this enables them" */
	pipe->poll_usage = true;
	if (f->f_mode & FMODE_READ)
		poll_wait(f, &pipe->rd_wait, pt);
	if (f->f_mode & FMODE_WRITE)
		poll_wait(f, &pipe->wr_wait, pt);

	if (f->f_mode & FMODE_READ) {
		if (!pipe_empty(pipe->head, pipe->tail))
			mask |= EPOLLIN | EPOLLRDNORM;
		/* f_pipe is 0 and w_counter 1 for an anonymous pipe */
		if (!pipe->writers)
			mask |= EPOLLHUP;
	}
	if (f->f_mode & FMODE_WRITE) {
		if (!pipe_full(pipe->head, pipe->tail, pipe->max_usage))
			mask |= EPOLLOUT | EPOLLWRNORM;
		if (!pipe->readers)
			mask |= EPOLLERR;
	}
	return mask;
}

/* pipe_release(): the last reader or the last writer going wakes both
 * sides with no key, so every registration is queued whatever it asked
 * for. */
static void pipe_release(struct mfile *f)
{
	struct pipe_inode_info *pipe = f->private_data;

	if (f->f_mode & FMODE_READ)
		pipe->readers--;
	if (f->f_mode & FMODE_WRITE)
		pipe->writers--;
	if (!pipe->readers != !pipe->writers) {
		wake_up_interruptible_all(&pipe->rd_wait);
		wake_up_interruptible_all(&pipe->wr_wait);
	}
	if (--pipe->files == 0) { /* put_pipe_info() / free_pipe_info() */
		bs_destroy(&pipe->data);
		free(pipe->bufs);
		free(pipe);
	}
}

static const struct file_operations pipefifo_fops = {
	.read = anon_pipe_read,
	.write = anon_pipe_write,
	.poll = pipe_poll,
	.release = pipe_release,
};

/* round_pipe_size() */
static unsigned int round_pipe_size(unsigned int size)
{
	unsigned int r = PAGE_SIZE;

	if (size > (1u << 31))
		return 0;
	while (r < size) /* roundup_pow_of_two() */
		r <<= 1;
	return r;
}

/* pipe_resize_ring(): EBUSY when the data does not fit; the slots keep
 * their contents and order, and writers are woken (with no key). */
static long pipe_resize_ring(struct pipe_inode_info *pipe,
			     unsigned int nr_slots)
{
	unsigned int n = pipe_occupancy(pipe->head, pipe->tail);
	struct pipe_buffer *bufs;

	if (nr_slots < n)
		return -EBUSY;
	bufs = calloc(nr_slots, sizeof(*bufs));
	if (!bufs)
		model_oom();
	for (unsigned int i = 0; i < n; i++)
		bufs[i] = *pipe_buf(pipe, pipe->tail + i);
	free(pipe->bufs);
	pipe->bufs = bufs;
	pipe->head = n;
	pipe->tail = 0;
	pipe->ring_size = nr_slots;
	pipe->max_usage = nr_slots;
	wake_up_interruptible(&pipe->wr_wait);
	return 0;
}

/* pipe_fcntl(F_SETPIPE_SZ) -> pipe_set_size() */
long pipe_fcntl_setsize(struct mfile *f, unsigned int arg)
{
	struct pipe_inode_info *pipe;
	unsigned int size, nr_slots;
	long ret;

	if (f->f_op != &pipefifo_fops) /* get_pipe_info() */
		return -EBADF;
	pipe = f->private_data;
	size = round_pipe_size(arg);
	nr_slots = size >> PAGE_SHIFT;
	if (!nr_slots)
		return -EINVAL;
	if (nr_slots > pipe->max_usage && size > PIPE_MAX_SIZE)
		return -EPERM; /* !capable(CAP_SYS_RESOURCE) */
	ret = pipe_resize_ring(pipe, nr_slots);
	if (ret < 0)
		return ret;
	return (long)pipe->max_usage * PAGE_SIZE;
}

/* create_pipe_files(): one pipe, a read-only and a write-only file. */
int create_pipe_files(struct model *m, struct mfile *res[2])
{
	struct pipe_inode_info *pipe = calloc(1, sizeof(*pipe));

	if (!pipe)
		model_oom();
	pipe->ring_size = pipe->max_usage = PIPE_DEF_BUFFERS;
	pipe->bufs = calloc(PIPE_DEF_BUFFERS, sizeof(*pipe->bufs));
	if (!pipe->bufs)
		model_oom();
	pipe->readers = pipe->writers = 1;
	pipe->files = 2;
	init_waitqueue_head(&pipe->rd_wait);
	init_waitqueue_head(&pipe->wr_wait);
	bs_init(&pipe->data);
	res[0] = alloc_file(m, &pipefifo_fops, FMODE_READ, pipe);
	res[1] = alloc_file(m, &pipefifo_fops, FMODE_WRITE, pipe);
	return 0;
}
