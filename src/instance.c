/* Making and ending an instance.  The only allocation in safepoll is in
 * safepoll_new, and it happens once. */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "table.h"
#include "grow.acsl"

/* The largest power of two not above capacity: as many chains as that
 * keeps every chain at two slots or fewer on average. */
/*@
  requires capacity: 1 <= capacity <= SAFEPOLL_CAPACITY_MAX;
  assigns \nothing;
  ensures range: 1 <= \result <= capacity;
*/
static uint32_t chain_count(uint32_t capacity)
{
	uint32_t n = 1;

	/*@
	  loop invariant bound: 1 <= n <= capacity;
	  loop assigns n;
	  loop variant capacity - n;
	*/
	while (n <= capacity / 2)
		n *= 2;
	return n;
}

int safepoll_init(struct safepoll *sp, struct safepoll_reg *regs,
		  uint32_t capacity, uint32_t flags)
{
	int epfd;

	if (!sp || !regs)
		return -EFAULT;
	if (capacity == 0 || capacity > SAFEPOLL_CAPACITY_MAX ||
	    (flags & ~SAFEPOLL_EINTR) != 0)
		return -EINVAL;
	epfd = epoll_create1(EPOLL_CLOEXEC);
	if (epfd < 0)
		return -errno;

	/*@
	  loop invariant range: 0 <= i <= capacity;
	  loop invariant fresh: \forall integer j; 0 <= j < i ==>
	    FreshSlot(regs + j, j, capacity);
	  loop assigns i, regs[0 .. capacity - 1];
	  loop variant capacity - i;
	*/
	for (uint32_t i = 0; i < capacity; i++) {
		regs[i].udata = 0;
		regs[i].token = SP_NIL;
		regs[i].fd = -1;
		regs[i].events = 0;
		regs[i].next = i + 1 < capacity ? i + 1 : SP_NIL;
		regs[i].head = SP_NIL;
	}
	sp->epfd = epfd;
	sp->flags = flags;
	sp->capacity = capacity;
	sp->hash_mask = chain_count(capacity) - 1;
	sp->free_head = 0;
	sp->live = 0;
	sp->batch_len = 0;
	sp->allocated = 0;
	sp->dropped = 0;
	sp->regs = regs;
	/*@ assert fresh: \forall integer j; 0 <= j < capacity ==>
	      FreshSlot(sp->regs + j, j, sp->capacity); */
	//@ assert fresh_table: Fresh(sp);
	return 0;
}

/*@
  requires n: 1 <= n <= SAFEPOLL_CAPACITY_MAX;
  requires valid: \valid(to + (0 .. n - 1)) && \valid_read(from + (0 .. n - 1));
  requires apart: \separated(to + (0 .. n - 1), from + (0 .. n - 1));
  assigns to[0 .. n - 1];
  ensures copied: \forall integer i; 0 <= i < n ==>
    CopiedSlot{Pre, Post}(to + i, from + i);
*/
static void copy_slots(struct safepoll_reg *to,
		       const struct safepoll_reg *from, uint32_t n)
{
	/*@
	  loop invariant range: 0 <= i <= n;
	  loop invariant copied: \forall integer j; 0 <= j < i ==>
	    CopiedSlot{Pre, Here}(to + j, from + j);
	  loop assigns i, to[0 .. n - 1];
	  loop variant n - i;
	*/
	for (uint32_t i = 0; i < n; i++) {
		to[i].udata = from[i].udata;
		to[i].token = from[i].token;
		to[i].fd = from[i].fd;
		to[i].events = from[i].events;
		to[i].next = from[i].next;
		to[i].head = from[i].head;
	}
}

/*@
  requires range: 1 <= from < capacity <= SAFEPOLL_CAPACITY_MAX;
  requires valid: \valid(regs + (from .. capacity - 1));
  requires tail: tail == Nil || tail < from;
  assigns regs[from .. capacity - 1];
  ensures added: \forall integer j; from <= j < capacity ==>
    NewSlot(regs + j, j, capacity, tail);
*/
static void add_slots(struct safepoll_reg *regs, uint32_t from,
		      uint32_t capacity, uint32_t tail)
{
	/*@
	  loop invariant range: from <= i <= capacity;
	  loop invariant added: \forall integer j; from <= j < i ==>
	    NewSlot(regs + j, j, capacity, tail);
	  loop assigns i, regs[from .. capacity - 1];
	  loop variant capacity - i;
	*/
	for (uint32_t i = from; i < capacity; i++) {
		regs[i].udata = 0;
		regs[i].token = SP_NIL;
		regs[i].fd = -1;
		regs[i].events = 0;
		regs[i].head = SP_NIL;
		regs[i].next = i + 1 < capacity ? i + 1 : tail;
	}
}

/* The old slots keep their indexes, so every token and every event in the
 * batch keeps its meaning; the new ones go in front of the free list.  The
 * chain count stays: a chain's head lives in the slot of its number, and
 * a rehash would have to move every registration. */
int safepoll_grow(struct safepoll *sp, struct safepoll_reg *regs,
		  uint32_t capacity)
{
	uint32_t old;

	if (!sp || !regs)
		return -EFAULT;
	if (capacity <= sp->capacity || capacity > SAFEPOLL_CAPACITY_MAX)
		return -EINVAL;
	old = sp->capacity;
	copy_slots(regs, sp->regs, old);
	add_slots(regs, old, capacity, sp->free_head);
	sp->free_head = old;
	sp->regs = regs;
	sp->capacity = capacity;
	/*@ assert same: \forall integer i; 0 <= i < old ==>
	      CopiedSlot{Pre, Here}(sp->regs + i, \at(sp->regs, Pre) + i); */
	/*@ assert added: \forall integer j; old <= j < capacity ==>
	      NewSlot(sp->regs + j, j, capacity, \at(sp->free_head, Pre)); */
	//@ assert step: GrowStep{Pre, Here}(sp);
	return 0;
}

/* One block: the instance, then its slots, aligned for them because
 * struct safepoll is a multiple of 8 bytes. */
int safepoll_new(struct safepoll **out, uint32_t capacity, uint32_t flags)
{
	struct safepoll *sp;
	size_t size;
	int rc;

	if (!out)
		return -EFAULT;
	*out = 0;
	if (capacity == 0 || capacity > SAFEPOLL_CAPACITY_MAX)
		return -EINVAL;
	/* At most 2^24 * 32 bytes and the instance: no overflow in size_t. */
	size = sizeof *sp + (size_t)capacity * sizeof(struct safepoll_reg);
	sp = malloc(size);
	if (!sp)
		return -ENOMEM;
	struct safepoll_reg *regs = (struct safepoll_reg *)(sp + 1);
	rc = safepoll_init(sp, regs, capacity, flags);
	if (rc < 0) {
		free(sp);
		return rc;
	}
	sp->allocated = 1;
	*out = sp;
	return 0;
}

int safepoll_fini(struct safepoll *sp)
{
	if (!sp)
		return -EFAULT;
	/* Linux releases the descriptor even when close fails (EINTR
	 * included), so it is never closed twice. */
	int rc = close(sp->epfd);
	sp->epfd = -1;
	sp->batch_len = 0;
	//@ assert same: TableSame{Pre, Here}(sp);
	return rc < 0 ? -errno : 0;
}

int safepoll_free(struct safepoll *sp)
{
	if (!sp)
		return 0;
	if (!sp->allocated)
		return -EINVAL;
	int rc = safepoll_fini(sp);
	free(sp);
	return rc;
}

uint64_t safepoll_dropped(const struct safepoll *sp)
{
	return sp ? sp->dropped : 0;
}

int safepoll_fd(const struct safepoll *sp)
{
	return sp ? sp->epfd : -EFAULT;
}
