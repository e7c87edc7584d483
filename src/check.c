/* safepoll_check: the table's invariant, checked against itself here
 * and against the registrations the kernel lists in /proc/self/fdinfo
 * (fdinfo.c). */
#include "check.h"

void sp_clear_marks(struct safepoll *sp)
{
	/*@
	  loop invariant range: 0 <= i <= sp->capacity;
	  loop invariant same: MarksOnly{Pre, Here}(sp);
	  loop assigns i, \at(sp->regs, Pre)[0 .. \at(sp->capacity, Pre) - 1].events;
	  loop variant sp->capacity - i;
	*/
	for (uint32_t i = 0; i < sp->capacity; i++) {
		//@ assert apart: \separated(&sp->regs[i].events, sp);
		sp->regs[i].events &= ~(SP_MARK | SP_STALE);
	}
}

void sp_mark(struct safepoll *sp, uint32_t i)
{
	sp->regs[i].events |= SP_MARK;
}

void sp_mark_stale(struct safepoll *sp, uint32_t i)
{
	sp->regs[i].events |= SP_MARK | SP_STALE;
}

/* Every free-list slot is free and the list ends; every other free slot is
 * retired (its generation used up); every live slot is the one its fd's
 * chain finds first, so no two live slots share an fd; the chains hold
 * the live slots and nothing else. */
/* It asks for less than the instance invariant: it looks at run time for
 * what UniqueFds rules out (a table written behind safepoll's back), and
 * under UniqueFds that look would be dead code. */
/*@
  requires valid: Storage(sp) && Table(sp);
  assigns sp->regs[0 .. sp->capacity - 1].events;
  ensures result: \result == 0 || \result == SP_BAD;
  ensures same: MarksOnly{Pre, Post}(sp);
*/
static int check_table(struct safepoll *sp)
{
	uint32_t i = sp->free_head, steps = 0, live = 0;

	sp_clear_marks(sp);
	/*@
	  loop invariant steps: 0 <= steps <= sp->capacity;
	  loop invariant same: MarksOnly{Pre, Here}(sp);
	  loop assigns i, steps,
	    \at(sp->regs, Pre)[0 .. \at(sp->capacity, Pre) - 1].events;
	  loop variant sp->capacity - steps;
	*/
	while (i != SP_NIL) {
		/* A cycle runs into the bound. */
		if (i >= sp->capacity || steps == sp->capacity ||
		    sp->regs[i].fd >= 0)
			return SP_BAD;
		sp_mark(sp, i);
		i = sp->regs[i].next;
		steps++;
	}
	//@ assert kept: Storage(sp) && Table(sp);
	/*@
	  loop invariant range: 0 <= s <= sp->capacity;
	  loop invariant live: live <= s;
	  loop assigns s, live;
	  loop variant sp->capacity - s;
	*/
	for (uint32_t s = 0; s < sp->capacity; s++) {
		const struct safepoll_reg *r = &sp->regs[s];

		if (r->fd < 0 && (r->events & SP_MARK) == 0 &&
		    r->token / 0x100000000u != UINT32_MAX)
			return SP_BAD;
		if (r->fd >= 0) {
			uint32_t prev;

			if (sp_lookup(sp, r->fd, &prev) != s)
				return SP_BAD;
			live++;
		}
	}
	/*@
	  loop invariant range: 0 <= c <= sp->hash_mask + 1;
	  loop assigns c, i, steps;
	  loop variant sp->hash_mask + 1 - c;
	*/
	for (uint32_t c = 0; c <= sp->hash_mask; c++) {
		/*@
		  loop invariant steps: 0 <= steps <= sp->capacity;
		  loop assigns i, steps;
		  loop variant sp->capacity - steps;
		*/
		for (i = sp->regs[c].head, steps = 0; i != SP_NIL; steps++) {
			if (i >= sp->capacity || steps == sp->capacity ||
			    sp->regs[i].fd < 0 ||
			    ((uint32_t)sp->regs[i].fd & sp->hash_mask) != c)
				return SP_BAD;
			i = sp->regs[i].next;
		}
	}
	/* Each live slot was found in its chain, and each chain holds only
	 * live slots of its own, once: so the chains hold exactly them. */
	return live == sp->live ? 0 : SP_BAD;
}

/* Counts the live slots the kernel's list did not mark or marked stale,
 * and the retired slots (safepoll_rebuild frees them). */
/*@
  requires valid: Instance(sp);
  requires out: \valid(out) &&
    \separated(out, sp, sp->regs + (0 .. sp->capacity - 1));
  assigns out->stale, out->retired;
  ensures result: \result == out->stale && 0 <= \result <= sp->capacity;
  ensures retired: out->retired <= sp->capacity;
*/
static int tally(const struct safepoll *sp, struct safepoll_report *out)
{
	uint32_t stale = 0, retired = 0;

	/*@
	  loop invariant range: 0 <= s <= sp->capacity;
	  loop invariant counts: stale + retired <= s;
	  loop assigns s, stale, retired;
	  loop variant sp->capacity - s;
	*/
	for (uint32_t s = 0; s < sp->capacity; s++) {
		const struct safepoll_reg *r = &sp->regs[s];

		if (r->fd >= 0) {
			if ((r->events & SP_MARK) == 0 ||
			    (r->events & SP_STALE) != 0)
				stale++;
		} else if (r->next == s) {
			retired++;
		}
	}
	out->stale = stale;
	out->retired = retired;
	return (int)stale;
}

/* The marks are cleared on the way out, so that every mask is the
 * kernel's again. */
int safepoll_check_report(struct safepoll *sp, struct safepoll_report *out)
{
	struct safepoll_report r = {0, 0, 0};
	int rc;

	if (!sp || !out)
		return -EFAULT;
	rc = check_table(sp);
	if (rc == 0)
		rc = sp_check_kernel(sp, &r.dead);
	if (rc == 0)
		rc = tally(sp, &r);
	sp_clear_marks(sp);
	//@ assert same: MarksOnly{Pre, Here}(sp);
	//@ assert kept: Instance(sp);
	if (rc >= 0) {
		/*@ ghost Cleared: ; */
		out->stale = r.stale;
		out->dead = r.dead;
		out->retired = r.retired;
		//@ assert apart: MarksOnly{Cleared, Here}(sp);
	}
	return rc;
}

int safepoll_check(struct safepoll *sp)
{
	struct safepoll_report r;

	if (!sp)
		return -EFAULT;
	return safepoll_check_report(sp, &r);
}
