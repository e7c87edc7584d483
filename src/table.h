/* The registration table inside an instance: slots, tokens, the chains
 * that find a slot by fd, and the free list.  Internal to safepoll. */
#ifndef SAFEPOLL_TABLE_H
#define SAFEPOLL_TABLE_H

#include "safepoll.h"
#include "steps.acsl"

/* No slot: ends a chain and the free list; as a token's slot it makes a
 * token that is never live. */
#define SP_NIL UINT32_MAX
#define SP_DEAD_TOKEN UINT64_MAX

/* safepoll_check's scratch mark: a bit of a slot's mask that no event bit
 * uses (SAFEPOLL_EVENTS), cleared before the check returns. */
#define SP_MARK (1u << 27)
#ifndef __FRAMAC__ /* C11; the compilers check it, Frama-C reads C99 */
_Static_assert((SP_MARK & SAFEPOLL_EVENTS) == 0,
	       "the mark is no event bit");
#endif

/* A slot's token: its generation, then its index. */
/*@
  requires valid: Instance(sp);
  requires slot: 0 <= slot < sp->capacity;
  assigns \nothing;
  ensures token: \result == Token(slot, Gen(sp, slot));
*/
uint64_t sp_token(const struct safepoll *sp, uint32_t slot);

/* Finds fd's live slot, and the slot before it in its chain (Nil when it
 * heads the chain), which sp_release needs to unlink it. */
/*@
  requires valid: Storage(sp) && Table(sp);
  requires prev: \valid(prev);
  requires apart: \separated(prev, sp, sp->regs + (0 .. sp->capacity - 1));
  assigns *prev;
  ensures range: \result == Nil || 0 <= \result < sp->capacity;
  ensures found: \result != Nil ==> Live(sp, \result) &&
    sp->regs[\result].fd == fd;
  ensures none: \result == Nil ==> NoRecord(sp, fd);
  ensures head: \result != Nil && *prev == Nil ==>
    sp->regs[ChainOf(fd, sp->hash_mask)].head == \result;
  ensures before: \result != Nil && *prev != Nil ==>
    Live(sp, *prev) && sp->regs[*prev].next == \result && *prev != \result;
*/
uint32_t sp_lookup(const struct safepoll *sp, int fd, uint32_t *prev);

/* Takes the free slot at the head of the free list for fd, in fd's chain
 * after the last slot above it; the caller has checked that there is one
 * and that the kernel accepted its token.  A record fd had may stay: the
 * caller releases it next. */
/*@
  requires valid: Instance(sp);
  requires has_free: sp->free_head != Nil;
  requires fd: fd >= 0;
  assigns sp->free_head, sp->live, sp->regs[0 .. sp->capacity - 1];
  ensures storage: Storage(sp);
  ensures fields: sp->hash_mask == \old(sp->hash_mask) &&
    sp->batch_len == \old(sp->batch_len) &&
    sp->regs == \old(sp->regs) && sp->capacity == \old(sp->capacity);
  ensures frame: sp->epfd == \old(sp->epfd) && sp->flags == \old(sp->flags);
  ensures table: Table(sp);
  ensures slot: \result == \old(sp->free_head);
  ensures live: Live(sp, \result) && sp->regs[\result].fd == fd;
  ensures registration: sp->regs[\result].udata == udata &&
    sp->regs[\result].events == events;
  ensures same_gen: Gen(sp, \result) == \old(Gen(sp, sp->free_head));
  ensures others: \forall integer i; 0 <= i < sp->capacity && i != \result ==>
    sp->regs[i].fd == \old(sp->regs[i].fd);
  ensures spliced: \forall integer i; 0 <= i < sp->capacity && i != \result ==>
    sp->regs[i].next == \old(sp->regs[i].next) ||
    sp->regs[i].next == \result &&
      sp->regs[\result].next == \old(sp->regs[i].next);
  ensures heads: \forall integer d; 0 <= d < sp->capacity ==>
    sp->regs[d].head == \old(sp->regs[d].head) ||
    sp->regs[d].head == \result &&
      sp->regs[\result].next == \old(sp->regs[d].head);
  ensures new_token: OneNewToken{Old, Post}(sp, \result);
  ensures retired: RetiredStay{Old, Post}(sp);
  ensures generations: GenerationsGrow{Old, Post}(sp);
*/
uint32_t sp_take(struct safepoll *sp, int fd, uint32_t events, void *udata);

/* Ends a live slot's registration: unlinks it from its chain (prev is the
 * slot before it there, or Nil), bumps its generation so that every token
 * it gave out is dead, and frees it (or retires it for good when the
 * generation would wrap). */
/*@
  requires valid: Storage(sp) && Table(sp);
  requires dup: DupOnly(sp, slot);
  requires live: Live(sp, slot);
  requires prev: prev == Nil ?
    sp->regs[ChainOf(sp->regs[slot].fd, sp->hash_mask)].head == slot :
    Live(sp, prev) && sp->regs[prev].next == slot && prev != slot;
  assigns sp->free_head, sp->live, sp->regs[0 .. sp->capacity - 1];
  ensures storage: Storage(sp);
  ensures fields: sp->hash_mask == \old(sp->hash_mask) &&
    sp->batch_len == \old(sp->batch_len) &&
    sp->regs == \old(sp->regs) && sp->capacity == \old(sp->capacity);
  ensures frame: sp->epfd == \old(sp->epfd) && sp->flags == \old(sp->flags);
  ensures table: Table(sp);
  ensures unique: UniqueFds(sp);
  ensures dead: !Live(sp, slot);
  ensures others: \forall integer i; 0 <= i < sp->capacity && i != slot ==>
    sp->regs[i].fd == \old(sp->regs[i].fd) &&
    sp->regs[i].token == \old(sp->regs[i].token) &&
    sp->regs[i].udata == \old(sp->regs[i].udata) &&
    sp->regs[i].events == \old(sp->regs[i].events);
  ensures live_others: \forall integer t; TokenLive{Old}(sp, t) &&
    TokenSlot(t) != slot ==> TokenLive(sp, t);
  ensures freed: sp->free_head == slot &&
      Gen(sp, slot) > \old(Gen(sp, slot)) ||
    Retired(sp, slot) && sp->free_head == \old(sp->free_head);
  ensures no_new_token: NoNewToken{Old, Post}(sp);
  ensures retired: RetiredStay{Old, Post}(sp);
  ensures generations: GenerationsGrow{Old, Post}(sp);
*/
void sp_release(struct safepoll *sp, uint32_t slot, uint32_t prev);

/* Frees a retired slot at generation 0, at the head of the free list.
 * Only safepoll_rebuild may, once no token of the slot is held anywhere:
 * a generation moves back here and nowhere else. */
/*@
  requires valid: Instance(sp);
  requires retired: Retired(sp, slot);
  assigns sp->free_head, sp->regs[slot].token, sp->regs[slot].next;
  ensures kept: Instance(sp);
  ensures freed: Free(sp, slot) && sp->free_head == slot &&
    Gen(sp, slot) == 0;
  ensures others: \forall integer i; 0 <= i < sp->capacity && i != slot ==>
    sp->regs[i].token == \old(sp->regs[i].token) &&
    sp->regs[i].next == \old(sp->regs[i].next);
  ensures no_new_token: NoNewToken{Old, Post}(sp);
*/
void sp_unretire(struct safepoll *sp, uint32_t slot);

#endif
