/* Wait queues: kernel/sched/wait.c.  The order of a queue is the order of
 * epoll's wakeups: add_wait_queue puts a waiter at the head, so the newest
 * registration of a file is woken first, and add_wait_queue_exclusive puts
 * exclusive waiters at the tail, after every non-exclusive one. */
#include "kernel.h"

/* init_waitqueue_head() */
void init_waitqueue_head(struct wait_queue_head *wq)
{
	INIT_LIST_HEAD(&wq->head);
}

/* add_wait_queue() */
void add_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *e)
{
	e->flags &= ~WQ_FLAG_EXCLUSIVE;
	list_add(&e->entry, &wq->head);
}

/* add_wait_queue_exclusive() */
void add_wait_queue_exclusive(struct wait_queue_head *wq,
			      struct wait_queue_entry *e)
{
	e->flags |= WQ_FLAG_EXCLUSIVE;
	list_add_tail(&e->entry, &wq->head);
}

/* remove_wait_queue() */
void remove_wait_queue(struct wait_queue_entry *e)
{
	list_del_init(&e->entry);
}

/* waitqueue_active() */
bool waitqueue_active(const struct wait_queue_head *wq)
{
	return !list_empty(&wq->head);
}

/* __wake_up_common(): every waiter in queue order, stopping once
 * nr_exclusive exclusive waiters said they woke someone (never, when
 * nr_exclusive is 0). */
void wake_up_key(struct wait_queue_head *wq, int nr_exclusive, poll_t key)
{
	struct list_head *pos = wq->head.next;

	while (pos != &wq->head) {
		struct wait_queue_entry *curr =
			list_entry(pos, struct wait_queue_entry, entry);
		unsigned int flags = curr->flags;
		int ret;

		pos = pos->next; /* the callback may unlink curr */
		ret = curr->func(curr, key);
		if (ret < 0)
			break;
		if (ret && (flags & WQ_FLAG_EXCLUSIVE) && !--nr_exclusive)
			break;
	}
}
