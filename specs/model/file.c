/* struct file: fs/file_table.c (allocation, fput/__fput) and fs/read_write.c
 * (vfs_read/vfs_write checks), fs/select.c's vfs_poll. */
#include <stdlib.h>

#include "kernel.h"
#include "model_impl.h"

/* alloc_file_pseudo() / alloc_empty_file(), with one reference. */
struct mfile *alloc_file(struct model *m, const struct file_operations *fop,
			 unsigned int mode, void *private_data)
{
	struct mfile *f = calloc(1, sizeof(*f));

	if (!f)
		model_oom();
	f->f_op = fop;
	f->f_mode = mode;
	f->f_count = 1;
	INIT_LIST_HEAD(&f->f_ep);
	INIT_LIST_HEAD(&f->tfile_link);
	f->private_data = private_data;
	f->m = m;
	return f;
}

/* get_file() */
void get_file(struct mfile *f)
{
	f->f_count++;
}

/* __fput(): epoll lets go of the file first (eventpoll_release), and only
 * then does the file's own ->release run, whose wakeups therefore reach
 * only the other files of the same object (the other end of a pipe). */
static void fput_final(struct mfile *f)
{
	if (!list_empty(&f->f_ep))
		eventpoll_release_file(f);
	if (f->f_op->release)
		f->f_op->release(f);
	free(f);
}

/* fput() */
void fput(struct mfile *f)
{
	if (--f->f_count == 0)
		fput_final(f);
}

/* vfs_poll(): a file without ->poll is always ready (DEFAULT_POLLMASK). */
poll_t vfs_poll(struct mfile *f, poll_table *pt)
{
	if (!f->f_op->poll)
		return EPOLLIN | EPOLLOUT | EPOLLRDNORM | EPOLLWRNORM;
	return f->f_op->poll(f, pt);
}

/* file_can_poll() */
bool file_can_poll(const struct mfile *f)
{
	return f->f_op->poll != NULL;
}

/* MAX_RW_COUNT: one read or write moves at most INT_MAX & PAGE_MASK. */
#define MAX_RW_COUNT (0x7fffffffu & ~(PAGE_SIZE - 1))

/* vfs_read(): the mode check (EBADF) before the "has a read method" check
 * (EINVAL, what an epoll file answers). */
int64_t vfs_read(struct mfile *f, uint64_t n, uint8_t head[8])
{
	if (!(f->f_mode & FMODE_READ))
		return -EBADF;
	if (!f->f_op->read)
		return -EINVAL;
	if (n > MAX_RW_COUNT)
		n = MAX_RW_COUNT;
	return f->f_op->read(f, n, head);
}

/* vfs_write() */
int64_t vfs_write(struct mfile *f, const struct wdata *d)
{
	struct wdata clamped = *d;

	if (!(f->f_mode & FMODE_WRITE))
		return -EBADF;
	if (!f->f_op->write)
		return -EINVAL;
	if (clamped.n > MAX_RW_COUNT)
		clamped.n = MAX_RW_COUNT;
	return f->f_op->write(f, &clamped);
}

static const struct file_operations inherited_fops = {0};

/* Descriptors 0, 1 and 2 belong to files the model does not know; no
 * trace can name them, so they only have to occupy their numbers. */
struct mfile *inherited_file_create(struct model *m)
{
	return alloc_file(m, &inherited_fops, FMODE_READ | FMODE_WRITE, NULL);
}
