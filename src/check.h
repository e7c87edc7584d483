/* safepoll_check's parts, shared by check.c (the table against itself)
 * and fdinfo.c (the table against the kernel's list).  They mark the
 * slots they have seen in a bit of each slot's mask (SP_MARK), which no
 * table predicate reads.  Internal to safepoll. */
#ifndef SAFEPOLL_CHECK_H
#define SAFEPOLL_CHECK_H

#include <errno.h>

#include "table.h"

#define SP_BAD (-EUCLEAN)

/* A second scratch bit, beside SP_MARK: the kernel holds the slot's token
 * on a file other than the one its fd names now (or on a closed fd). */
#define SP_STALE (1u << 26)
#ifndef __FRAMAC__ /* C11; the compilers check it, Frama-C reads C99 */
_Static_assert(((SP_MARK | SP_STALE) & SAFEPOLL_EVENTS) == 0 &&
		       SP_STALE != SP_MARK,
	       "the marks are no event bits");
#endif

/*@
  // A check writes the slots' marks and nothing else of the instance.
  predicate MarksOnly{L1, L2}(struct safepoll *sp) =
    TableSame{L1, L2}(sp) && GensSame{L1, L2}(sp) &&
    \at(sp->batch_len, L1) == \at(sp->batch_len, L2) &&
    \at(sp->epfd, L1) == \at(sp->epfd, L2) &&
    \at(sp->live, L1) == \at(sp->live, L2);
*/

/* Clears every slot's marks. */
/*@
  requires valid: Storage(sp) && Table(sp);
  assigns sp->regs[0 .. sp->capacity - 1].events;
  ensures same: MarksOnly{Pre, Post}(sp);
*/
void sp_clear_marks(struct safepoll *sp);

/* A mark is a bit of a slot's mask, which no table predicate reads. */
/*@
  requires valid: Storage(sp);
  requires slot: 0 <= i < sp->capacity;
  assigns sp->regs[i].events;
  ensures same: MarksOnly{Pre, Post}(sp);
*/
void sp_mark(struct safepoll *sp, uint32_t i);

/* The mark and the stale mark, the same way. */
/*@
  requires valid: Storage(sp);
  requires slot: 0 <= i < sp->capacity;
  assigns sp->regs[i].events;
  ensures same: MarksOnly{Pre, Post}(sp);
*/
void sp_mark_stale(struct safepoll *sp, uint32_t i);

/* Feeds fdinfo to check_line a line at a time, and counts in *dead the
 * registrations under a dead token.  A line longer than the buffer keeps
 * its first 160 bytes: a tfd line's fields all come within its first 116.
 * The read loop has no variant: it ends at the end of the file, which the
 * kernel writes for the registrations it holds. */
/*@
  requires valid: Instance(sp);
  requires dead: \valid(dead) &&
    \separated(dead, sp, sp->regs + (0 .. sp->capacity - 1), &errno);
  assigns sp->regs[0 .. sp->capacity - 1].events, errno, spec_closed,
    spec_opened, *dead;
  ensures result: -4095 <= \result <= 0;
  ensures same: MarksOnly{Pre, Post}(sp);
  ensures closes: spec_opened == \old(spec_opened) || spec_opened < 0 ||
    spec_closed == spec_opened;
*/
int sp_check_kernel(struct safepoll *sp, uint32_t *dead);

#endif
