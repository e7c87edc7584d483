/* Epoll instances and their interest lists: fs/eventpoll.c's ep_alloc,
 * ep_find, ep_insert, ep_modify, __ep_remove, eventpoll_release_file and
 * ep_clear_and_put. */
#include <stdlib.h>

#include "eventpoll.h"

/* ---- the (ep, file, fd) index: ep_find()'s red-black tree ---------- */

static size_t ep_hash(const struct eventpoll *ep, const struct mfile *file,
		      int fd, size_t nbuckets)
{
	uint64_t h = (uint64_t)(uintptr_t)ep * 0x9e3779b97f4a7c15u;

	h ^= (uint64_t)(uintptr_t)file * 0xc2b2ae3d27d4eb4fu;
	h ^= (uint64_t)(uint32_t)fd * 0x165667b19e3779f9u;
	h ^= h >> 29;
	return (size_t)(h % nbuckets);
}

static void index_grow(struct ep_index *ix)
{
	size_t n = ix->nbuckets ? ix->nbuckets * 2 : 64;
	struct list_head *b = malloc(n * sizeof(*b));

	if (!b)
		model_oom();
	for (size_t i = 0; i < n; i++)
		INIT_LIST_HEAD(&b[i]);
	for (size_t i = 0; i < ix->nbuckets; i++) {
		while (!list_empty(&ix->buckets[i])) {
			struct epitem *epi = list_first_entry(
				&ix->buckets[i], struct epitem, hlink);

			list_del_init(&epi->hlink);
			list_add(&epi->hlink, &b[ep_hash(epi->ep, epi->ffd.file,
							 epi->ffd.fd, n)]);
		}
	}
	free(ix->buckets);
	ix->buckets = b;
	ix->nbuckets = n;
}

/* ep_find() */
struct epitem *ep_find(const struct eventpoll *ep, const struct mfile *file,
		       int fd)
{
	const struct ep_index *ix = &ep->m->index;
	const struct list_head *head, *pos;

	if (!ix->nbuckets)
		return NULL;
	head = &ix->buckets[ep_hash(ep, file, fd, ix->nbuckets)];
	for (pos = head->next; pos != head; pos = pos->next) {
		struct epitem *epi = list_entry(pos, struct epitem, hlink);

		if (epi->ep == ep && epi->ffd.file == file && epi->ffd.fd == fd)
			return epi;
	}
	return NULL;
}

/* ep_rbtree_insert() */
static void ep_rbtree_insert(struct eventpoll *ep, struct epitem *epi)
{
	struct ep_index *ix = &ep->m->index;

	if (ix->count >= ix->nbuckets)
		index_grow(ix);
	list_add(&epi->hlink, &ix->buckets[ep_hash(ep, epi->ffd.file,
						   epi->ffd.fd, ix->nbuckets)]);
	ix->count++;
	list_add_tail(&epi->rbn, &ep->items);
}

/* ---- items --------------------------------------------------------- */

struct ep_pqueue {
	poll_table pt;
	struct epitem *epi;
};

/* ep_ptable_queue_proc(): hook the item on the file's wait queue; an
 * exclusive item goes to the tail, any other to the head. */
static void ep_ptable_queue_proc(struct mfile *file,
				 struct wait_queue_head *whead, poll_table *pt)
{
	struct epitem *epi = container_of(pt, struct ep_pqueue, pt)->epi;
	struct eppoll_entry *pwq = calloc(1, sizeof(*pwq));

	(void)file;
	if (!pwq)
		model_oom();
	pwq->wait.func = ep_poll_callback;
	INIT_LIST_HEAD(&pwq->wait.entry);
	pwq->whead = whead;
	pwq->base = epi;
	if (epi->events & EPOLLEXCLUSIVE)
		add_wait_queue_exclusive(whead, &pwq->wait);
	else
		add_wait_queue(whead, &pwq->wait);
	pwq->next = epi->pwqlist;
	epi->pwqlist = pwq;
}

/* attach_epitem(): hlist_add_head on the file's list of watchers. */
static void attach_epitem(struct mfile *file, struct epitem *epi)
{
	list_add(&epi->fllink, &file->f_ep);
}

/* ep_unregister_pollwait() */
static void ep_unregister_pollwait(struct epitem *epi)
{
	struct eppoll_entry *pwq;

	while ((pwq = epi->pwqlist) != NULL) {
		epi->pwqlist = pwq->next;
		remove_wait_queue(&pwq->wait);
		free(pwq);
	}
}

/* __ep_remove(): off the wait queue, the file's list, the tree and the
 * ready list; no wakeup. */
static void ep_remove(struct eventpoll *ep, struct epitem *epi)
{
	ep_unregister_pollwait(epi);
	list_del_init(&epi->fllink);
	list_del_init(&epi->rbn);
	list_del_init(&epi->hlink);
	ep->m->index.count--;
	if (ep_is_linked(epi))
		list_del_init(&epi->rdllink);
	free(epi);
}

/* ep_remove_safe() */
void ep_remove_safe(struct eventpoll *ep, struct epitem *epi)
{
	ep_remove(ep, epi);
}

/* ep_insert(): the new item is polled at once (which hooks it on the
 * file's wait queue) and queued at the tail of the ready list if ready;
 * an epoll watching this one is then woken. */
int ep_insert(struct eventpoll *ep, uint32_t events, uint64_t data,
	      struct mfile *tfile, int fd, int full_check)
{
	struct epitem *epi = calloc(1, sizeof(*epi));
	struct ep_pqueue epq;
	poll_t revents;
	int pwake = 0;

	if (!epi)
		model_oom();
	INIT_LIST_HEAD(&epi->rdllink);
	INIT_LIST_HEAD(&epi->fllink);
	INIT_LIST_HEAD(&epi->rbn);
	INIT_LIST_HEAD(&epi->hlink);
	epi->ep = ep;
	epi->ffd.file = tfile;
	epi->ffd.fd = fd;
	epi->events = events;
	epi->data = data;

	attach_epitem(tfile, epi);
	if (full_check && !is_file_epoll(tfile))
		list_file(ep->m, tfile);
	ep_rbtree_insert(ep, epi);

	/* now check if we've created too many backpaths */
	if (full_check && reverse_path_check(ep->m)) {
		ep_remove_safe(ep, epi);
		return -EINVAL;
	}

	epq.epi = epi;
	epq.pt.qproc = ep_ptable_queue_proc;
	epq.pt.key = 0;
	revents = ep_item_poll(epi, &epq.pt, 1);

	if (revents && !ep_is_linked(epi)) {
		list_add_tail(&epi->rdllink, &ep->rdllist);
		if (waitqueue_active(&ep->poll_wait))
			pwake++;
	}
	if (pwake)
		ep_poll_safewake(ep);
	return 0;
}

/* ep_modify(): new mask and data first, then a poll; a ready item that is
 * not queued yet goes to the tail.  A queued one keeps its place. */
int ep_modify(struct eventpoll *ep, struct epitem *epi, uint32_t events,
	      uint64_t data)
{
	poll_table pt = {NULL, 0};
	int pwake = 0;

	epi->events = events;
	epi->data = data;
	if (ep_item_poll(epi, &pt, 1)) {
		if (!ep_is_linked(epi)) {
			list_add_tail(&epi->rdllink, &ep->rdllist);
			if (waitqueue_active(&ep->poll_wait))
				pwake++;
		}
	}
	if (pwake)
		ep_poll_safewake(ep);
	return 0;
}

/* eventpoll_release_file(): a file's last close drops every registration
 * of it, in every epoll, whatever fd number each was made through. */
void eventpoll_release_file(struct mfile *file)
{
	while (!list_empty(&file->f_ep)) {
		struct epitem *epi =
			list_first_entry(&file->f_ep, struct epitem, fllink);

		ep_remove(epi->ep, epi);
	}
}

/* ep_eventpoll_release() -> ep_clear_and_put(): closing an epoll drops
 * the registrations it holds. */
static void ep_eventpoll_release(struct mfile *file)
{
	struct eventpoll *ep = file->private_data;

	if (waitqueue_active(&ep->poll_wait))
		ep_poll_safewake(ep);
	while (!list_empty(&ep->items))
		ep_remove(ep, list_first_entry(&ep->items, struct epitem, rbn));
	free(ep);
}

static const struct file_operations eventpoll_fops = {
	.read = NULL, /* read(2) and write(2) on an epoll are EINVAL */
	.write = NULL,
	.poll = ep_eventpoll_poll,
	.release = ep_eventpoll_release,
};

/* ep_alloc() and anon_inode_getfile("[eventpoll]") */
struct mfile *ep_file_create(struct model *m)
{
	struct eventpoll *ep = calloc(1, sizeof(*ep));
	struct mfile *f;

	if (!ep)
		model_oom();
	init_waitqueue_head(&ep->poll_wait);
	INIT_LIST_HEAD(&ep->rdllist);
	INIT_LIST_HEAD(&ep->items);
	ep->m = m;
	f = alloc_file(m, &eventpoll_fops, FMODE_READ | FMODE_WRITE, ep);
	f->is_epoll = true;
	ep->file = f;
	return f;
}

static int cmp_reg(const void *a, const void *b)
{
	const struct model_reg *x = a, *y = b;

	if (x->fd != y->fd)
		return (x->fd > y->fd) - (x->fd < y->fd);
	if (x->data != y->data)
		return (x->data > y->data) - (x->data < y->data);
	return (x->events > y->events) - (x->events < y->events);
}

/* ep_show_fdinfo(), ordered by fd instead of by file address; the first
 * max of that order are stored. */
int ep_list_interest(const struct mfile *f, struct model_reg *out, int max)
{
	const struct eventpoll *ep = f->private_data;
	const struct list_head *pos;
	struct model_reg *all;
	size_t n = 0;

	for (pos = ep->items.next; pos != &ep->items; pos = pos->next)
		n++;
	all = malloc((n ? n : 1) * sizeof(*all));
	if (!all)
		model_oom();
	n = 0;
	for (pos = ep->items.next; pos != &ep->items; pos = pos->next, n++) {
		const struct epitem *epi = list_entry(pos, struct epitem, rbn);

		all[n].fd = epi->ffd.fd;
		all[n].events = epi->events;
		all[n].data = epi->data;
	}
	qsort(all, n, sizeof(*all), cmp_reg);
	for (size_t i = 0; i < n && i < (size_t)(max > 0 ? max : 0); i++)
		out[i] = all[i];
	free(all);
	return (int)n;
}
