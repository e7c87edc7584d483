/* The registration table: a slot array whose chains find a slot by fd in
 * O(1) on average, with the chain heads and the free list kept inside the
 * slots themselves, so that a registration costs 32 bytes in all. */
#include "table.h"

uint64_t sp_token(const struct safepoll *sp, uint32_t slot)
{
	return ((uint64_t)sp->regs[slot].gen << 32) | slot;
}

/* fds are small and dense (the kernel hands out the lowest free number),
 * so their low bits spread them over the chains as well as a hash would. */
static uint32_t chain_of(const struct safepoll *sp, int fd)
{
	return (uint32_t)fd & sp->hash_mask;
}

uint32_t sp_lookup(const struct safepoll *sp, int fd, uint32_t *prev)
{
	uint32_t i = sp->regs[chain_of(sp, fd)].head;
	uint32_t steps = 0;

	*prev = SP_NIL;
	/* Bounded by the capacity, so that even a corrupt chain ends. */
	/*@
	  loop invariant link: Link(sp, i);
	  loop invariant prev: Link(sp, *prev);
	  loop invariant steps: 0 <= steps <= sp->capacity;
	  loop assigns i, steps, *prev;
	  loop variant sp->capacity - steps;
	*/
	while (i < sp->capacity && steps < sp->capacity) {
		if (sp->regs[i].fd == fd)
			return i;
		*prev = i;
		i = sp->regs[i].next;
		steps++;
	}
	return SP_NIL;
}

uint32_t sp_take(struct safepoll *sp, int fd, uint32_t events, void *udata)
{
	uint32_t slot = sp->free_head;
	uint32_t chain = chain_of(sp, fd);
	struct safepoll_reg *r = &sp->regs[slot];

	sp->free_head = r->next;
	r->fd = fd;
	r->events = events;
	r->udata = udata;
	r->next = sp->regs[chain].head;
	sp->regs[chain].head = slot;
	sp->live++;
	return slot;
}

void sp_release(struct safepoll *sp, uint32_t slot, uint32_t prev)
{
	struct safepoll_reg *r = &sp->regs[slot];

	if (prev == SP_NIL)
		sp->regs[chain_of(sp, r->fd)].head = r->next;
	else
		sp->regs[prev].next = r->next;
	r->fd = -1;
	r->udata = 0;
	sp->live--;
	/* A generation that would wrap could make an old token live again:
	 * the slot is retired instead, and the table is one slot smaller. */
	if (r->gen == UINT32_MAX) {
		r->next = SP_NIL;
		return;
	}
	r->gen++;
	r->next = sp->free_head;
	sp->free_head = slot;
}
