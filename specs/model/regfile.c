/* A regular file (O_TMPFILE on ext4): generic read/write at the shared
 * file position, and no ->poll at all, which is why epoll_ctl refuses it
 * with EPERM while poll(2) calls it always ready (DEFAULT_POLLMASK). */
#include <stdlib.h>
#include <string.h>

#include "kernel.h"
#include "model_impl.h"

struct regfile {
	int64_t size;
};

/* generic_file_read_iter(): up to the end of the file.  Only writes move
 * the position, and they move the size with it, so in practice a read
 * finds the end and returns 0. */
static int64_t regfile_read(struct mfile *f, uint64_t n, uint8_t head[8])
{
	struct regfile *r = f->private_data;
	int64_t avail = r->size > f->f_pos ? r->size - f->f_pos : 0;
	int64_t got = (uint64_t)avail < n ? avail : (int64_t)n;

	memset(head, 'x', got < 8 ? (size_t)got : 8);
	f->f_pos += got;
	return got;
}

/* generic_file_write_iter() */
static int64_t regfile_write(struct mfile *f, const struct wdata *d)
{
	struct regfile *r = f->private_data;

	f->f_pos += (int64_t)d->n;
	if (f->f_pos > r->size)
		r->size = f->f_pos;
	return (int64_t)d->n;
}

static void regfile_release(struct mfile *f)
{
	free(f->private_data);
}

static const struct file_operations regfile_fops = {
	.read = regfile_read,
	.write = regfile_write,
	.poll = NULL,
	.release = regfile_release,
};

/* open("/tmp", O_TMPFILE | O_RDWR) */
struct mfile *regfile_create(struct model *m)
{
	struct regfile *r = calloc(1, sizeof(*r));

	if (!r)
		model_oom();
	return alloc_file(m, &regfile_fops, FMODE_READ | FMODE_WRITE, r);
}
