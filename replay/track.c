/* What an engine learned from its own results: the number behind each FD
 * reference, the open file behind each number, and the label id of each
 * registration, keyed as the kernel keys it: (epoll file, target file, fd
 * number).  Files are identified by a counter: a number of ours, never
 * reused, so a registration of a released file is never reached again
 * and needs no removal. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "replay.h"

struct regkey {
	uint32_t ep, file;
	int fd;
	bool used;
	uint64_t id;
};

int replay_track_init(struct replay_track *tk, const struct trace *t)
{
	memset(tk, 0, sizeof(*tk));
	tk->t = t;
	tk->next_file = 1;
	tk->max_fd = 2;
	tk->slotfd = malloc((t->nslots ? t->nslots : 1) * sizeof(int));
	if (!tk->slotfd)
		return -1;
	for (size_t i = 0; i < t->nslots; i++)
		tk->slotfd[i] = -1;
	return 0;
}

void replay_track_free(struct replay_track *tk)
{
	free(tk->slotfd);
	free(tk->file_of);
	free(tk->kind);
	free(tk->inode);
	free(tk->regs);
	memset(tk, 0, sizeof(*tk));
}

int replay_fd(const struct replay_track *tk, int slot)
{
	return slot < 0 ? -1 : tk->slotfd[slot];
}

uint32_t replay_file(const struct replay_track *tk, int fd)
{
	return fd >= 0 && (size_t)fd < tk->nfds ? tk->file_of[fd] : 0;
}

static int grow(void **p, size_t *cap, size_t want, size_t size)
{
	size_t n = *cap ? *cap : 64;
	void *q;

	if (want <= *cap)
		return 0;
	while (n < want)
		n *= 2;
	q = realloc(*p, n * size);
	if (!q)
		return -1;
	memset((char *)q + *cap * size, 0, (n - *cap) * size);
	*p = q;
	*cap = n;
	return 0;
}

static int set_file(struct replay_track *tk, int fd, uint32_t file)
{
	if (fd < 0)
		return 0;
	if (grow((void **)&tk->file_of, &tk->nfds, (size_t)fd + 1,
		 sizeof(uint32_t)) < 0)
		return -1;
	tk->file_of[fd] = file;
	if (file && fd > tk->max_fd)
		tk->max_fd = fd;
	return 0;
}

static int new_file(struct replay_track *tk, int fd, enum replay_file_kind kind)
{
	uint32_t file = tk->next_file++;
	size_t cap = tk->nfiles, icap = tk->nfiles;

	if (grow((void **)&tk->kind, &cap, (size_t)file + 1, sizeof(uint8_t)) <
		    0 ||
	    grow((void **)&tk->inode, &icap, (size_t)file + 1,
		 sizeof(uint32_t)) < 0)
		return -1;
	tk->nfiles = cap;
	tk->kind[file] = (uint8_t)kind;
	/* epoll files and eventfds are all made on the kernel's one
	 * anonymous inode (fs/anon_inodes.c anon_inode_getfile); a socket
	 * and an O_TMPFILE file each get an inode of their own, a pipe's
	 * two ends share one (see TRACE_PIPE). */
	tk->inode[file] =
		kind == REPLAY_EPOLL || kind == REPLAY_EVENTFD ? 0 : file;
	return set_file(tk, fd, file);
}

enum replay_file_kind replay_file_kind(const struct replay_track *tk, int fd)
{
	uint32_t f = replay_file(tk, fd);

	return f ? (enum replay_file_kind)tk->kind[f] : REPLAY_NO_FILE;
}

static size_t reg_hash(uint32_t ep, uint32_t file, int fd)
{
	uint64_t h = ((uint64_t)ep * 0x9e3779b97f4a7c15ull) ^
		     ((uint64_t)file * 0xc2b2ae3d27d4eb4full) ^ (uint32_t)fd;

	return (size_t)(h ^ (h >> 29));
}

static struct regkey *reg_slot(struct regkey *tab, size_t cap, uint32_t ep,
			       uint32_t file, int fd)
{
	size_t i = reg_hash(ep, file, fd) & (cap - 1);

	while (tab[i].used &&
	       !(tab[i].ep == ep && tab[i].file == file && tab[i].fd == fd))
		i = (i + 1) & (cap - 1);
	return &tab[i];
}

static int reg_put(struct replay_track *tk, uint32_t ep, uint32_t file, int fd,
		   uint64_t id)
{
	struct regkey *k;

	if ((tk->regs_count + 1) * 2 > tk->regs_cap) {
		size_t cap = tk->regs_cap ? tk->regs_cap * 2 : 64;
		struct regkey *tab = calloc(cap, sizeof(*tab));

		if (!tab)
			return -1;
		for (size_t i = 0; i < tk->regs_cap; i++) {
			const struct regkey *o = &tk->regs[i];

			if (o->used)
				*reg_slot(tab, cap, o->ep, o->file, o->fd) = *o;
		}
		free(tk->regs);
		tk->regs = tab;
		tk->regs_cap = cap;
	}
	k = reg_slot(tk->regs, tk->regs_cap, ep, file, fd);
	if (!k->used) {
		*k = (struct regkey){ep, file, fd, true, 0};
		tk->regs_count++;
	}
	k->id = id;
	return 0;
}

uint64_t replay_mod_data(const struct replay_track *tk, size_t i)
{
	const struct trace_op *op = &tk->t->ops[i];
	int ep = replay_fd(tk, op->ep), fd = replay_fd(tk, op->fd);
	uint32_t epf = replay_file(tk, ep), tf = replay_file(tk, fd);
	const struct regkey *k;

	if (tk->regs_cap == 0 || epf == 0 || tf == 0)
		return i;
	k = reg_slot(tk->regs, tk->regs_cap, epf, tf, fd);
	return k->used ? k->id : i;
}

uint32_t replay_reg_file(const struct replay_track *tk, int ep, int fd,
			 uint64_t id)
{
	uint32_t epf = replay_file(tk, ep);

	for (size_t i = 0; epf && i < tk->regs_cap; i++) {
		const struct regkey *k = &tk->regs[i];

		if (k->used && k->ep == epf && k->fd == fd && k->id == id)
			return k->file;
	}
	return 0;
}

bool replay_same_inode(const struct replay_track *tk, uint32_t a, uint32_t b)
{
	return a && b && tk->inode[a] == tk->inode[b];
}

static int bind_one(struct replay_track *tk, int slot, int64_t ret, int fd,
		    enum replay_file_kind kind)
{
	tk->slotfd[slot] = ret < 0 ? -1 : fd;
	return ret < 0 ? 0 : new_file(tk, fd, kind);
}

int replay_track_apply(struct replay_track *tk, size_t i,
		       const struct replay_outcome *o)
{
	const struct trace_op *op = &tk->t->ops[i];
	int fd = replay_fd(tk, op->fd), ep = replay_fd(tk, op->ep);

	switch (op->kind) {
	case TRACE_EPOLL:
	case TRACE_INSTANCE:
		return bind_one(tk, op->bind, o->ret, o->fds[0], REPLAY_EPOLL);
	case TRACE_EVENTFD:
		return bind_one(tk, op->bind, o->ret, o->fds[0],
				REPLAY_EVENTFD);
	case TRACE_FILE:
		return bind_one(tk, op->bind, o->ret, o->fds[0], REPLAY_OTHER);
	case TRACE_PIPE:
	case TRACE_SOCKETPAIR:
		if (bind_one(tk, op->bind, o->ret, o->fds[0], REPLAY_OTHER) < 0 ||
		    bind_one(tk, op->bind + 1, o->ret, o->fds[1],
			     REPLAY_OTHER) < 0)
			return -1;
		/* fs/pipe.c create_pipe_files: both ends on the pipe's inode. */
		if (op->kind == TRACE_PIPE && o->ret >= 0)
			tk->inode[replay_file(tk, o->fds[1])] =
				replay_file(tk, o->fds[0]);
		return 0;
	case TRACE_DUP:
		/* The new number shares the source number's open file. */
		tk->slotfd[op->bind] = o->ret < 0 ? -1 : o->fds[0];
		return o->ret < 0
			       ? 0
			       : set_file(tk, o->fds[0], replay_file(tk, fd));
	case TRACE_CLOSE:
	case TRACE_DELCLOSE: return o->ret < 0 ? 0 : set_file(tk, fd, 0);
	case TRACE_ADD:
		if (o->ret < 0)
			return 0;
		return reg_put(tk, replay_file(tk, ep), replay_file(tk, fd), fd,
			       i);
	default: return 0;
	}
}

int replay_each_epoll(const struct replay_track *tk,
		      int (*fn)(void *arg, int fd), void *arg)
{
	/* Files already met at a lower number, marked in one pass. */
	bool *seen = calloc(tk->nfiles ? tk->nfiles : 1, sizeof(bool));
	int r = 0;

	if (!seen)
		return -1;
	for (int fd = 0; fd <= tk->max_fd && (size_t)fd < tk->nfds; fd++) {
		uint32_t f = tk->file_of[fd];

		if (f == 0 || seen[f] || tk->kind[f] != REPLAY_EPOLL)
			continue;
		seen[f] = true;
		r = fn(arg, fd);
		if (r != 0)
			break;
	}
	free(seen);
	return r;
}

const char *replay_label(const struct trace *t, uint64_t data, char scratch[24])
{
	if (data < t->nops &&
	    (t->ops[data].kind == TRACE_ADD || t->ops[data].kind == TRACE_MOD))
		return t->slots[t->ops[data].fd].ref;
	snprintf(scratch, 24, "0x%llx", (unsigned long long)data);
	return scratch;
}
