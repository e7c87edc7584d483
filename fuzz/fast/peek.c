/* The model's insides, read (and, for dup3, its table changed) the way
 * its own model.c does: the model is not changed for the shim. */
#include <stdlib.h>

#include "eventpoll.h"
#include "model_impl.h"
#include "peek.h"

/* The real model_new: its link-time hook (fuzz/hooks.c) counts the
 * reference side's models, one per run, which run.c checks. */
struct model *__real_model_new(int nofile);

/* FUZZ_MODEL_NOFILE (hooks.h), the size of the reference's table. */
#define FAST_NOFILE 1024

static struct model *the_model;

struct model *fast_model(void)
{
	if (!the_model)
		the_model = __real_model_new(FAST_NOFILE);
	if (!the_model)
		abort();
	return the_model;
}

bool fast_peek_open(int fd)
{
	return fdget(fast_model(), fd) != NULL;
}

int fast_peek_nofile(void)
{
	return fast_model()->fdt.nofile;
}

int fast_peek_dup2(int oldfd, int newfd)
{
	struct model *m = fast_model();
	struct mfile *f = fdget(m, oldfd), *old;

	if (!f || newfd < 0 || newfd >= m->fdt.nofile)
		return -EBADF;
	get_file(f);
	old = fdget(m, newfd);
	if (old)
		m->fdt.fd[newfd] = NULL;
	else if (fd_take(m, newfd) < 0)
		abort(); /* inside the table: checked above */
	fd_install(m, newfd, f);
	if (old)
		fput(old);
	return newfd;
}

#define ANON_INODE 1u

static uint64_t inode_of(const struct mfile *f)
{
	if (f->is_epoll || file_is_eventfd(f))
		return ANON_INODE;
	/* A pipe's two ends share their pipe_inode_info; a socket, a
	 * regular file have private data of their own; 0, 1 and 2 none. */
	return (uint64_t)(uintptr_t)(f->private_data ? f->private_data
						     : (const void *)f);
}

uint64_t fast_peek_inode(int fd)
{
	const struct mfile *f = fdget(fast_model(), fd);

	return f ? inode_of(f) : 0;
}

bool fast_peek_is_epoll(int fd)
{
	const struct mfile *f = fdget(fast_model(), fd);

	return f && f->is_epoll;
}

/* ep->items, as model_interest (ep_list_interest) reads them, with each
 * item's file, which model_interest does not give. */
int fast_peek_regs(int ep, struct fast_reg *out, int max)
{
	const struct mfile *f = fdget(fast_model(), ep);
	const struct eventpoll *e;
	const struct list_head *pos;
	int n = 0;

	if (!f || !f->is_epoll)
		return 0;
	e = f->private_data;
	for (pos = e->items.next; pos != &e->items; pos = pos->next, n++) {
		const struct epitem *epi = list_entry(pos, struct epitem, rbn);

		if (n >= max)
			continue;
		out[n].fd = epi->ffd.fd;
		out[n].events = epi->events;
		out[n].data = epi->data;
		out[n].pos = epi->ffd.file->f_pos;
		out[n].ino = inode_of(epi->ffd.file);
	}
	return n;
}
