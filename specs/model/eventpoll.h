/* The structures of fs/eventpoll.c, shared by eventpoll.c (the interest
 * list), ep_ready.c (the ready list) and ep_ctl.c (epoll_ctl and its
 * loop checks). */
#ifndef SPMODEL_EVENTPOLL_H
#define SPMODEL_EVENTPOLL_H

#include "kernel.h"
#include "model_impl.h"

/* Epoll private bits inside the event mask */
#define EP_PRIVATE_BITS (EPOLLWAKEUP | EPOLLONESHOT | EPOLLET | EPOLLEXCLUSIVE)
#define EPOLLINOUT_BITS (EPOLLIN | EPOLLOUT)
#define EPOLLEXCLUSIVE_OK_BITS                                                 \
	(EPOLLINOUT_BITS | EPOLLERR | EPOLLHUP | EPOLLWAKEUP | EPOLLET |       \
	 EPOLLEXCLUSIVE)
/* Maximum number of nesting allowed inside epoll sets */
#define EP_MAX_NESTS 4
/* INT_MAX / sizeof(struct epoll_event), the packed 12-byte x86_64 one */
#define EP_MAX_EVENTS (2147483647 / 12)

struct epitem;

/* Wait structure used by the poll hooks */
struct eppoll_entry {
	struct eppoll_entry *next;
	struct epitem *base;
	struct wait_queue_entry wait;
	struct wait_queue_head *whead;
};

struct epoll_filefd {
	struct mfile *file;
	int fd;
};

/* One registration, keyed by (epoll, file, fd). */
struct epitem {
	struct list_head rdllink; /* in ep->rdllist; empty when not ready */
	struct epoll_filefd ffd;
	struct eppoll_entry *pwqlist;
	struct eventpoll *ep;
	struct list_head fllink; /* in ffd.file->f_ep */
	/* ep->items, standing in for the red-black tree: the tree's order is
	 * by file address, which nothing observable depends on. */
	struct list_head rbn;
	struct list_head hlink; /* in the model's (ep, file, fd) index */
	uint32_t events;
	uint64_t data;
};

/*
 * ep->ovflist is left out: it only catches callbacks that run while
 * another thread scans the ready list, and the model has one thread.  For
 * the same reason ep->wq (threads asleep in epoll_wait) is always empty
 * when a callback runs.
 */
struct eventpoll {
	struct wait_queue_head poll_wait; /* epolls watching this one */
	struct list_head rdllist;
	struct list_head items;
	struct mfile *file;
	struct model *m;
	uint64_t gen; /* ep_loop_check() bookkeeping */
	int loop_check_depth;
};

static inline bool is_file_epoll(const struct mfile *f)
{
	return f->is_epoll;
}

static inline bool ep_is_linked(const struct epitem *epi)
{
	return !list_empty(&epi->rdllink);
}

/* ep->refs: the epitems that watch this epoll's own file. */
static inline struct list_head *ep_refs(const struct eventpoll *ep)
{
	return &ep->file->f_ep;
}

/* eventpoll.c */
struct epitem *ep_find(const struct eventpoll *ep, const struct mfile *file,
		       int fd);
int ep_insert(struct eventpoll *ep, uint32_t events, uint64_t data,
	      struct mfile *tfile, int fd, int full_check);
void ep_remove_safe(struct eventpoll *ep, struct epitem *epi);
int ep_modify(struct eventpoll *ep, struct epitem *epi, uint32_t events,
	      uint64_t data);

/* ep_ready.c */
int ep_poll_callback(struct wait_queue_entry *wait, poll_t key);
void ep_poll_safewake(struct eventpoll *ep);
poll_t ep_item_poll(const struct epitem *epi, poll_table *pt, int depth);
poll_t ep_eventpoll_poll(struct mfile *file, poll_table *wait);

/* ep_ctl.c */
int reverse_path_check(struct model *m);
void list_file(struct model *m, struct mfile *file);

#endif
