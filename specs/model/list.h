/* The kernel's circular doubly linked list (include/linux/list.h), the
 * structure behind the ready list, wait queues and skb queues: keeping it
 * lets the model's list operations read exactly as the kernel's do. */
#ifndef SPMODEL_LIST_H
#define SPMODEL_LIST_H

#include <stddef.h>

struct list_head {
	struct list_head *next, *prev;
};

#define container_of(ptr, type, member)                                        \
	((type *)(void *)((char *)(ptr)-offsetof(type, member)))
#define list_entry(ptr, type, member) container_of(ptr, type, member)
#define list_first_entry(head, type, member)                                   \
	list_entry((head)->next, type, member)

static inline void INIT_LIST_HEAD(struct list_head *l)
{
	l->next = l;
	l->prev = l;
}

static inline int list_empty(const struct list_head *h)
{
	return h->next == h;
}

static inline void list_link(struct list_head *n, struct list_head *prev,
			     struct list_head *next)
{
	next->prev = n;
	n->next = next;
	n->prev = prev;
	prev->next = n;
}

/* list_add: insert right after head (at the front). */
static inline void list_add(struct list_head *n, struct list_head *head)
{
	list_link(n, head, head->next);
}

/* list_add_tail: insert right before head (at the back). */
static inline void list_add_tail(struct list_head *n, struct list_head *head)
{
	list_link(n, head->prev, head);
}

static inline void list_del_init(struct list_head *e)
{
	e->next->prev = e->prev;
	e->prev->next = e->next;
	INIT_LIST_HEAD(e);
}

/* list_splice: put every entry of list at the front of head (list itself
 * is left dangling, as in the kernel). */
static inline void list_splice(const struct list_head *list,
			       struct list_head *head)
{
	struct list_head *first = list->next, *last = list->prev;
	struct list_head *at = head->next;

	if (list_empty(list))
		return;
	first->prev = head;
	head->next = first;
	last->next = at;
	at->prev = last;
}

static inline void list_splice_init(struct list_head *list,
				    struct list_head *head)
{
	list_splice(list, head);
	INIT_LIST_HEAD(list);
}

#endif
