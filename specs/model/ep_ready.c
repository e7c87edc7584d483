/* The ready list: fs/eventpoll.c's ep_poll_callback, ep_start_scan,
 * ep_done_scan, ep_send_events, ep_item_poll, __ep_eventpoll_poll and
 * ep_poll.
 *
 * Its order is the whole story of what epoll_wait returns: a callback
 * appends a not-yet-queued item at the tail; a wait takes items from the
 * head, drops the ones that turn out not to be ready, appends each
 * reported level-triggered item at the tail again, and puts the items it
 * had no room for (MAX) back at the head, in front of those. */
#include "eventpoll.h"

/* ep_poll_safewake(): tell the epolls watching this one (key EPOLLIN). */
void ep_poll_safewake(struct eventpoll *ep)
{
	wake_up_poll(&ep->poll_wait, EPOLLIN);
}

/* ep_poll_callback(): a file woke its waiters with key (0: no key). */
int ep_poll_callback(struct wait_queue_entry *wait, poll_t key)
{
	struct epitem *epi =
		container_of(wait, struct eppoll_entry, wait)->base;
	struct eventpoll *ep = epi->ep;
	int pwake = 0;

	/* A disabled item (a oneshot that fired) ignores everything. */
	if (!(epi->events & ~EP_PRIVATE_BITS))
		goto out_unlock;
	if (key && !(key & epi->events))
		goto out_unlock;
	if (!ep_is_linked(epi))
		list_add_tail(&epi->rdllink, &ep->rdllist);
	/* Every accepted callback wakes the epolls above, even when the item
	 * was already queued: an edge-triggered parent sees it again. */
	if (waitqueue_active(&ep->poll_wait))
		pwake++;
out_unlock:
	if (pwake)
		ep_poll_safewake(ep);
	/* An exclusive item reports a wakeup only when a thread sleeps in
	 * epoll_wait, which never happens here: so __wake_up_common goes on
	 * through every exclusive waiter. */
	return (epi->events & EPOLLEXCLUSIVE) ? 0 : 1;
}

/* ep_start_scan(): steal the ready list. */
static void ep_start_scan(struct eventpoll *ep, struct list_head *txlist)
{
	list_splice_init(&ep->rdllist, txlist);
}

/* ep_done_scan(): what the scan left goes back in front. */
static void ep_done_scan(struct eventpoll *ep, struct list_head *txlist)
{
	list_splice(txlist, &ep->rdllist);
}

/* __ep_eventpoll_poll(): an epoll is readable when one of its queued
 * items really is; the items polled before it that were not are dropped
 * from its ready list - the side effect of polling an epoll. */
static poll_t ep_eventpoll_poll_depth(struct mfile *file, poll_table *wait,
				      int depth)
{
	struct eventpoll *ep = file->private_data;
	struct list_head txlist;
	poll_table pt = {NULL, 0};
	poll_t res = 0;

	poll_wait(file, &ep->poll_wait, wait);
	INIT_LIST_HEAD(&txlist);
	ep_start_scan(ep, &txlist);
	while (!list_empty(&txlist)) {
		struct epitem *epi =
			list_first_entry(&txlist, struct epitem, rdllink);

		if (ep_item_poll(epi, &pt, depth + 1)) {
			res = EPOLLIN | EPOLLRDNORM;
			break;
		}
		list_del_init(&epi->rdllink);
	}
	ep_done_scan(ep, &txlist);
	return res;
}

/* ep_item_poll(): the file's poll, masked by what the item asked for. */
poll_t ep_item_poll(const struct epitem *epi, poll_table *pt, int depth)
{
	struct mfile *file = epi->ffd.file;
	poll_t res;

	pt->key = epi->events;
	if (!is_file_epoll(file))
		res = vfs_poll(file, pt);
	else
		res = ep_eventpoll_poll_depth(file, pt, depth);
	return res & epi->events;
}

/* ep_eventpoll_poll(): an epoll's own ->poll. */
poll_t ep_eventpoll_poll(struct mfile *file, poll_table *wait)
{
	return ep_eventpoll_poll_depth(file, wait, 0);
}

/* ep_send_events() */
static int ep_send_events(struct eventpoll *ep, struct model_event *events,
			  int maxevents)
{
	struct list_head txlist;
	poll_table pt = {NULL, 0};
	int res = 0;

	INIT_LIST_HEAD(&txlist);
	ep_start_scan(ep, &txlist);
	while (!list_empty(&txlist)) {
		struct epitem *epi =
			list_first_entry(&txlist, struct epitem, rdllink);
		poll_t revents;

		if (res >= maxevents)
			break;
		list_del_init(&epi->rdllink);
		revents = ep_item_poll(epi, &pt, 1);
		if (!revents)
			continue;
		events[res].events = revents;
		events[res].data = epi->data;
		res++;
		if (epi->events & EPOLLONESHOT)
			epi->events &= EP_PRIVATE_BITS;
		else if (!(epi->events & EPOLLET))
			list_add_tail(&epi->rdllink, &ep->rdllist);
	}
	ep_done_scan(ep, &txlist);
	return res;
}

/* ep_poll(): with one thread nothing can happen while a wait sleeps, so a
 * wait that finds nothing returns 0 when its timeout ends, or never. */
static int ep_poll(struct eventpoll *ep, struct model_event *events,
		   int maxevents, int timeout)
{
	if (!list_empty(&ep->rdllist)) { /* ep_events_available() */
		int res = ep_send_events(ep, events, maxevents);

		if (res)
			return res;
	}
	if (timeout < 0)
		return MODEL_BLOCKS_FOREVER;
	return 0;
}

/* do_epoll_wait(): EBADF, then the MAX check, then "not an epoll"; before
 * 6.18 the MAX check comes first (release.c). */
int do_epoll_wait(struct model *m, int epfd, struct model_event *out,
		  int maxevents, int timeout)
{
	bool bad_max = maxevents <= 0 || maxevents > EP_MAX_EVENTS;
	struct mfile *f;

	if (bad_max && !m->k->wait_ebadf_first) /* ep_check_params() */
		return -EINVAL;
	f = fdget(m, epfd);
	if (!f)
		return -EBADF;
	if (bad_max)
		return -EINVAL;
	if (!is_file_epoll(f))
		return -EINVAL;
	return ep_poll(f->private_data, out, maxevents, timeout);
}
