/* The registration table: a slot array whose chains find a slot by fd in
 * O(1) on average, with the chain heads and the free list kept inside the
 * slots themselves, so that a registration costs 32 bytes in all. */
#include "table.h"

/* In arithmetic, not shifts and masks: the same machine code, and a
 * prover needs no bit-vector theory to follow it (safepoll.acsl: Token). */
uint64_t sp_token(const struct safepoll *sp, uint32_t slot)
{
	return sp->regs[slot].token / 0x100000000u * 0x100000000u + slot;
}

/* fds are small and dense (the kernel hands out the lowest free number),
 * so their low bits spread them over the chains as well as a hash would.
 * The count of chains is a power of two, so this is fd & hash_mask; the
 * remainder says the same in the arithmetic the provers know, and bounds
 * the index without a bit-vector theory. */
/*@
  requires valid: Storage(sp) && Table(sp);
  assigns \nothing;
  ensures chain: \result == ChainOf(fd, sp->hash_mask);
  ensures range: 0 <= \result <= sp->hash_mask;
*/
static uint32_t chain_of(const struct safepoll *sp, int fd)
{
	return (uint32_t)fd % (sp->hash_mask + 1);
}

/* The slot before is kept in a local and stored once, at the end: the
 * same result, and the loop never writes memory a prover must tell apart
 * from the table. */
uint32_t sp_lookup(const struct safepoll *sp, int fd, uint32_t *prev)
{
	uint32_t i = sp->regs[chain_of(sp, fd)].head;
	uint32_t before = SP_NIL;
	uint32_t steps = 0;

	/* Bounded by the capacity, so that even a corrupt chain ends. */
	/*@
	  loop invariant link: i == Nil || Live(sp, i);
	  loop invariant head: before == Nil ==>
	    i == sp->regs[ChainOf(fd, sp->hash_mask)].head;
	  loop invariant before: before != Nil ==>
	    Live(sp, before) && sp->regs[before].next == i &&
	    sp->regs[before].fd != fd;
	  loop invariant steps: 0 <= steps <= sp->capacity;
	  loop invariant down: i == Nil ||
	    ChainOf(sp->regs[i].fd, sp->hash_mask) == ChainOf(fd, sp->hash_mask) &&
	    i + steps < sp->capacity;
	  loop invariant rest: \forall integer j;
	    Live(sp, j) && sp->regs[j].fd == fd ==> i != Nil && j <= i;
	  loop assigns i, before, steps;
	  loop variant sp->capacity - steps;
	*/
	while (i < sp->capacity && steps < sp->capacity) {
		if (sp->regs[i].fd == fd) {
			*prev = before;
			return i;
		}
		before = i;
		i = sp->regs[i].next;
		steps++;
	}
	*prev = before;
	return SP_NIL;
}

/* Each chain runs down the slot indexes (safepoll.acsl: Chains), which is
 * what lets a lookup that finds nothing prove that no live slot has the
 * fd: the new slot goes after the last slot of its chain above it. */
uint32_t sp_take(struct safepoll *sp, int fd, uint32_t events, void *udata)
{
	uint32_t slot = sp->free_head;
	uint32_t chain = chain_of(sp, fd);
	struct safepoll_reg *r = &sp->regs[slot];
	uint32_t before = SP_NIL, i = sp->regs[chain].head, steps = 0;

	//@ assert apart: \separated(sp, sp->regs + (0 .. sp->capacity - 1));
	/* Bounded by the capacity, as sp_lookup is. */
	/*@
	  loop invariant place: before == Nil ?
	    i == sp->regs[chain].head :
	    Live(sp, before) && sp->regs[before].next == i && slot < before &&
	    ChainOf(sp->regs[before].fd, sp->hash_mask) == chain;
	  loop invariant link: i == Nil || Live(sp, i) &&
	    ChainOf(sp->regs[i].fd, sp->hash_mask) == chain &&
	    i + steps < sp->capacity;
	  loop assigns i, before, steps;
	  loop variant sp->capacity - steps;
	*/
	while (i < sp->capacity && i > slot && steps < sp->capacity) {
		before = i;
		i = sp->regs[i].next;
		steps++;
	}
	/* The link into the chain is the last store, so that the proof of
	 * what it leaves alone looks at it alone. */
	sp->free_head = r->next;
	sp->live++;
	r->token = r->token / 0x100000000u * 0x100000000u + slot;
	r->fd = fd;
	r->events = events;
	r->udata = udata;
	r->next = i;
	//@ assert heads_kept: TakeKeepsHeads{Pre, Here}(sp, Nil);
	//@ assert nexts_kept: TakeKeepsNexts{Pre, Here}(sp, slot, Nil);
	//@ assert stored: r->events == events && r->udata == udata;
	if (before == SP_NIL)
		sp->regs[chain].head = slot;
	else
		sp->regs[before].next = slot;
	//@ assert registration: r->events == events && r->udata == udata;
	//@ assert keeps: TakeKeeps{Pre, Here}(sp, slot, chain);
	//@ assert nexts: TakeKeepsNexts{Pre, Here}(sp, slot, before);
	//@ assert heads: TakeKeepsHeads{Pre, Here}(sp, chain);
	//@ assert slot: TakeSlot{Pre, Here}(sp, slot, chain);
	//@ assert at_head: TakeAtHead{Pre, Here}(sp, slot, chain, before);
	//@ assert after: TakeAfter{Pre, Here}(sp, slot, chain, before);
	//@ assert step: TakeStep{Pre, Here}(sp, slot, chain, before);
	return slot;
}

void sp_release(struct safepoll *sp, uint32_t slot, uint32_t prev)
{
	struct safepoll_reg *r = &sp->regs[slot];
	/* Read before the slot is rewritten: it is unlinked last, so that
	 * the unlink is one store the proof of its step looks at alone. */
	uint32_t next = r->next, chain = chain_of(sp, r->fd);
	uint64_t gen;

	r->fd = -1;
	r->udata = 0;
	sp->live--;
	/* A generation that would wrap could make an old token live again:
	 * the slot is retired instead, and the table is one slot smaller.  It
	 * links to itself, which no free slot does: that tells the two apart
	 * (safepoll.acsl: Retired, Free). */
	gen = r->token / 0x100000000u;
	if (gen == UINT32_MAX) {
		r->next = slot;
	} else {
		gen++;
		r->next = sp->free_head;
		sp->free_head = slot;
	}
	r->token = gen * 0x100000000u + SP_NIL;
	if (prev == SP_NIL)
		sp->regs[chain].head = next;
	else
		sp->regs[prev].next = next;
	//@ assert keeps: ReleaseKeeps{Pre, Here}(sp, slot);
	//@ assert nexts: ReleaseKeepsNexts{Pre, Here}(sp, slot, prev);
	//@ assert frame: ReleaseFrame{Pre, Here}(sp, slot, prev);
	/*@ assert unlink_head: ReleaseUnlinkHead{Pre, Here}(sp, slot, prev,
	      ChainOf(\at(sp->regs[slot].fd, Pre), sp->hash_mask)); */
	//@ assert unlink_prev: ReleaseUnlinkPrev{Pre, Here}(sp, slot, prev);
	/*@ assert unlink: ReleaseUnlink{Pre, Here}(sp, slot, prev,
	      ChainOf(\at(sp->regs[slot].fd, Pre), sp->hash_mask)); */
	/*@ assert step: ReleaseStep{Pre, Here}(sp, slot, prev,
	      ChainOf(\at(sp->regs[slot].fd, Pre), sp->hash_mask)); */
}

void sp_unretire(struct safepoll *sp, uint32_t slot)
{
	sp->regs[slot].token = SP_NIL; /* generation 0, and no index */
	sp->regs[slot].next = sp->free_head;
	sp->free_head = slot;
	//@ assert step: UnretireStep{Pre, Here}(sp, slot);
}
