/* The contracts of safepoll.h: what each function promises, in ACSL,
 * proved by `make prove` (proofs/README.md).  safepoll.h includes this
 * file for Frama-C only (__FRAMAC__), so that a program that uses
 * safepoll can be checked against them; a compiler never reads it.  Each
 * contract is on a declaration of its own, which Frama-C merges with the
 * plain one in safepoll.h; the logic they use is in safepoll.acsl.  The
 * registration calls' contracts are in registration.h, included below. */
#ifndef SAFEPOLL_CONTRACTS_H
#define SAFEPOLL_CONTRACTS_H

/* The number the last close(2) freed: ghost state of the kernel's contract
 * (safepoll's specs/kernel/close.h defines it), by which safepoll_close and
 * safepoll_fini say which descriptor they close. */
//@ ghost extern int spec_closed;
/* The number the last open(2) returned: ghost state of the kernel's
 * contract (specs/kernel/open.h), by which safepoll_check says it closes
 * the fdinfo file it opens. */
//@ ghost extern int spec_opened;
/* What the last epoll_ctl(2) was asked: ghost state of the kernel's
 * contract (specs/kernel/epoll_ctl.h), by which safepoll_add and
 * safepoll_mod say which token the kernel holds for the registration. */
//@ ghost extern int spec_ctl_op;
//@ ghost extern int spec_ctl_fd;
//@ ghost extern uint64_t spec_ctl_data;

#include "safepoll.acsl"

/*@
  assigns *sp, regs[0 .. capacity - 1], errno;
  behavior null:
    assumes sp == \null || regs == \null;
    assigns \nothing;
    ensures result: \result == -EFAULT;
  behavior bad_size:
    assumes sp != \null && regs != \null;
    assumes capacity == 0 || capacity > SAFEPOLL_CAPACITY_MAX ||
      (flags & ~SAFEPOLL_EINTR) != 0;
    assigns \nothing;
    ensures result: \result == -EINVAL;
  behavior make:
    assumes sp != \null && regs != \null;
    assumes 1 <= capacity <= SAFEPOLL_CAPACITY_MAX &&
      (flags & ~SAFEPOLL_EINTR) == 0;
    requires storage: StorageOf(sp, regs, capacity);
    ensures result: \result <= 0;
    ensures made: \result == 0 ==> Instance(sp) && sp->live == 0 &&
      sp->regs == regs && sp->capacity == capacity && sp->batch_len == 0;
    ensures empty: \result == 0 ==> \forall integer i; !Live(sp, i);
  complete behaviors;
  disjoint behaviors;
*/
int safepoll_init(struct safepoll *sp, struct safepoll_reg *regs,
		  uint32_t capacity, uint32_t flags);

/*@
  requires valid_out: out == \null || \valid(out);
  assigns *out;
  behavior null:
    assumes out == \null;
    assigns \nothing;
    ensures result: \result == -EFAULT;
  behavior make:
    assumes out != \null;
    ensures result: \result <= 0;
    ensures made: \result == 0 ==> Instance(*out);
    ensures none: \result < 0 ==> *out == \null;
  complete behaviors;
  disjoint behaviors;
*/
int safepoll_new(struct safepoll **out, uint32_t capacity, uint32_t flags);

/*@
  requires valid: sp == \null || Instance(sp);
  assigns sp->epfd, sp->batch_len, errno, spec_closed;
  behavior null:
    assumes sp == \null;
    assigns \nothing;
    ensures result: \result == -EFAULT;
  behavior close:
    assumes sp != \null;
    ensures result: \result <= 0;
    ensures kept: Instance(sp);
    ensures closed: sp->epfd == -1 && sp->batch_len == 0 &&
      spec_closed == \old(sp->epfd);
  complete behaviors;
  disjoint behaviors;
*/
int safepoll_fini(struct safepoll *sp);

/*@
  requires valid: sp == \null || Instance(sp);
  behavior null:
    assumes sp == \null;
    assigns \nothing;
    ensures result: \result == 0;
  behavior free:
    assumes sp != \null;
    ensures result: \result <= 0;
  complete behaviors;
  disjoint behaviors;
*/
int safepoll_free(struct safepoll *sp);

/*@
  requires valid: sp == \null || Instance(sp);
  assigns sp->regs, sp->capacity, sp->free_head, regs[0 .. capacity - 1];
  behavior null:
    assumes sp == \null || regs == \null;
    assigns \nothing;
    ensures result: \result == -EFAULT;
  behavior bad_size:
    assumes sp != \null && regs != \null;
    assumes capacity <= sp->capacity || capacity > SAFEPOLL_CAPACITY_MAX;
    assigns \nothing;
    ensures result: \result == -EINVAL;
  behavior grow:
    assumes sp != \null && regs != \null;
    assumes sp->capacity < capacity <= SAFEPOLL_CAPACITY_MAX;
    requires storage: StorageOf(sp, regs, capacity);
    requires apart: \separated(regs + (0 .. capacity - 1),
                                sp->regs + (0 .. sp->capacity - 1));
    ensures result: \result == 0;
    ensures kept: Instance(sp);
    ensures moved: sp->regs == regs && sp->capacity == capacity;
    ensures same: \forall integer i; 0 <= i < \old(sp->capacity) ==>
      GrownSlot{Old, Post}(sp, i);
    ensures tokens: \forall integer t; TokenLive(sp, t) <==>
      TokenLive{Old}(sp, t);
    ensures first_free: sp->free_head == \old(sp->capacity);
  complete behaviors;
  disjoint behaviors;
*/
int safepoll_grow(struct safepoll *sp, struct safepoll_reg *regs,
		  uint32_t capacity);

#include "registration.h"

/*@
  requires valid: sp == \null || Instance(sp);
  assigns *sp, sp->regs[0 .. sp->capacity - 1], errno, spec_closed,
    spec_ctl_op, spec_ctl_fd, spec_ctl_data;
  behavior null:
    assumes sp == \null;
    assigns \nothing;
    ensures result: \result == -EFAULT;
  behavior rebuild:
    assumes sp != \null;
    ensures result: \result <= 0;
    ensures kept: Instance(sp);
    ensures same: sp->epfd == \old(sp->epfd) &&
      sp->batch_len == \old(sp->batch_len);
    ensures no_token: NoNewToken{Old, Post}(sp);
    ensures live_kept: \forall integer i; Live(sp, i) ==>
      TokenLive{Old}(sp, Token(i, Gen(sp, i)));
    ensures revived: \result == 0 ==> Revived{Old, Post}(sp);
    ensures failed: \result < 0 ==> CtlKeeps{Old, Post}(sp);
  complete behaviors;
  disjoint behaviors;
*/
int safepoll_rebuild(struct safepoll *sp);

/*@
  requires valid: sp == \null || Instance(sp);
  requires valid_out: out == \null || maxevents <= 0 ||
    \valid(out + (0 .. maxevents - 1));
  requires apart: sp == \null || out == \null || maxevents <= 0 ||
    \separated(out + (0 .. maxevents - 1), sp,
               sp->regs + (0 .. sp->capacity - 1), &errno);
  assigns sp->batch_len, sp->dropped, sp->batch[0 .. SAFEPOLL_BATCH - 1],
    out[0 .. maxevents - 1], errno;
  behavior null:
    assumes sp == \null;
    assigns \nothing;
    ensures result: \result == -EFAULT;
  behavior bad_count:
    assumes sp != \null;
    assumes maxevents <= 0 || maxevents > SAFEPOLL_EP_MAX_EVENTS;
    assigns sp->batch_len, sp->batch[0 .. SAFEPOLL_BATCH - 1], errno;
    ensures result: \result == -EBADF || \result == -EINVAL;
    ensures kept: Instance(sp);
  behavior null_out:
    assumes sp != \null && out == \null;
    assumes 0 < maxevents <= SAFEPOLL_EP_MAX_EVENTS;
    assigns sp->batch_len, sp->batch[0 .. SAFEPOLL_BATCH - 1], errno;
    ensures result: \result <= 0;
    ensures kept: Instance(sp);
  behavior wait:
    assumes sp != \null && out != \null;
    assumes 0 < maxevents <= SAFEPOLL_EP_MAX_EVENTS;
    ensures result: \result <= maxevents;
    ensures kept: Instance(sp);
    ensures live_only: \forall integer k; 0 <= k < \result ==>
      Delivered(sp, &out[k]);
  complete behaviors;
  disjoint behaviors;
*/
int safepoll_wait_array(struct safepoll *sp, struct safepoll_event *out,
			int maxevents, int timeout_ms);

/*@
  requires valid: sp == \null || Instance(sp);
  requires valid_mask: sigmask == \null || \valid_read(sigmask);
  assigns sp->batch_len, sp->batch[0 .. SAFEPOLL_BATCH - 1], errno;
  behavior null:
    assumes sp == \null;
    assigns \nothing;
    ensures result: \result == -EFAULT;
  behavior bad_count:
    assumes sp != \null;
    assumes maxevents <= 0 || maxevents > SAFEPOLL_EP_MAX_EVENTS;
    ensures result: \result == -EBADF || \result == -EINVAL;
    ensures kept: Instance(sp);
    ensures failed: sp->batch_len == 0;
  behavior wait:
    assumes sp != \null;
    assumes 0 < maxevents <= SAFEPOLL_EP_MAX_EVENTS;
    ensures result: \result <= maxevents && \result <= SAFEPOLL_BATCH;
    ensures kept: Instance(sp);
    ensures fetched: \result >= 0 ==> sp->batch_len == \result;
    ensures failed: \result < 0 ==> sp->batch_len == 0;
  complete behaviors;
  disjoint behaviors;
*/
int safepoll_pwait(struct safepoll *sp, int maxevents, int timeout_ms,
		   const sigset_t *sigmask);

/*@
  requires valid: sp == \null || Instance(sp);
  requires valid_timeout: timeout == \null || \valid_read(timeout);
  requires valid_mask: sigmask == \null || \valid_read(sigmask);
  assigns sp->batch_len, sp->batch[0 .. SAFEPOLL_BATCH - 1], errno;
  behavior null:
    assumes sp == \null;
    assigns \nothing;
    ensures result: \result == -EFAULT;
  behavior bad_timeout:
    assumes sp != \null && timeout != \null;
    assumes timeout->tv_sec < 0 || timeout->tv_nsec < 0 ||
      timeout->tv_nsec >= 1000000000;
    assigns sp->batch_len;
    ensures result: \result == -EINVAL;
    ensures kept: Instance(sp);
    ensures failed: sp->batch_len == 0;
  behavior bad_count:
    assumes sp != \null;
    assumes timeout == \null || (timeout->tv_sec >= 0 &&
      0 <= timeout->tv_nsec < 1000000000);
    assumes maxevents <= 0 || maxevents > SAFEPOLL_EP_MAX_EVENTS;
    ensures result: \result == -EBADF || \result == -EINVAL;
    ensures kept: Instance(sp);
    ensures failed: sp->batch_len == 0;
  behavior wait:
    assumes sp != \null;
    assumes timeout == \null || (timeout->tv_sec >= 0 &&
      0 <= timeout->tv_nsec < 1000000000);
    assumes 0 < maxevents <= SAFEPOLL_EP_MAX_EVENTS;
    ensures result: \result <= maxevents && \result <= SAFEPOLL_BATCH;
    ensures kept: Instance(sp);
    ensures fetched: \result >= 0 ==> sp->batch_len == \result;
    ensures failed: \result < 0 ==> sp->batch_len == 0;
  complete behaviors;
  disjoint behaviors;
*/
int safepoll_pwait2(struct safepoll *sp, int maxevents,
		    const struct timespec *timeout, const sigset_t *sigmask);

/*@
  requires valid: sp == \null || \valid_read(sp);
  assigns \nothing;
  ensures result: \result == (sp == \null ? 0 : sp->dropped);
*/
uint64_t safepoll_dropped(const struct safepoll *sp);

/*@
  requires valid: sp == \null || \valid_read(sp);
  assigns \nothing;
  ensures result: \result == (sp == \null ? -EFAULT : sp->epfd);
*/
int safepoll_fd(const struct safepoll *sp);

/*@
  requires valid: sp == \null || Instance(sp);
  assigns sp->regs[0 .. sp->capacity - 1].events, errno, spec_closed,
    spec_opened;
  behavior null:
    assumes sp == \null;
    assigns \nothing;
    ensures result: \result == -EFAULT;
  behavior check:
    assumes sp != \null;
    ensures result: \result <= sp->capacity;
    ensures kept: Instance(sp);
  complete behaviors;
  disjoint behaviors;
*/
int safepoll_check(struct safepoll *sp);

/*@
  requires valid: sp == \null || Instance(sp);
  requires out: out == \null || \valid(out);
  requires apart: sp == \null || out == \null ||
    \separated(out, sp, sp->regs + (0 .. sp->capacity - 1), &errno);
  assigns sp->regs[0 .. sp->capacity - 1].events, errno, spec_closed,
    spec_opened, *out;
  behavior null:
    assumes sp == \null || out == \null;
    assigns \nothing;
    ensures result: \result == -EFAULT;
  behavior check:
    assumes sp != \null && out != \null;
    ensures result: \result <= sp->capacity;
    ensures report: \result >= 0 ==> out->stale == \result &&
      out->retired <= sp->capacity;
    ensures failed: \result < 0 ==> out->stale == \old(out->stale) &&
      out->dead == \old(out->dead) && out->retired == \old(out->retired);
    ensures kept: Instance(sp);
  complete behaviors;
  disjoint behaviors;
*/
int safepoll_check_report(struct safepoll *sp, struct safepoll_report *out);

/*@
  requires valid: sp == \null || Instance(sp);
  assigns sp->batch_len, sp->batch[0 .. SAFEPOLL_BATCH - 1], errno;
  behavior null:
    assumes sp == \null;
    assigns \nothing;
    ensures result: \result == -EFAULT;
  behavior bad_count:
    assumes sp != \null;
    assumes maxevents <= 0 || maxevents > SAFEPOLL_EP_MAX_EVENTS;
    ensures result: \result == -EBADF || \result == -EINVAL;
    ensures kept: Instance(sp);
    ensures failed: sp->batch_len == 0;
  behavior wait:
    assumes sp != \null;
    assumes 0 < maxevents <= SAFEPOLL_EP_MAX_EVENTS;
    ensures result: \result <= maxevents && \result <= SAFEPOLL_BATCH;
    ensures kept: Instance(sp);
    ensures fetched: \result >= 0 ==> sp->batch_len == \result;
    ensures failed: \result < 0 ==> sp->batch_len == 0;
  complete behaviors;
  disjoint behaviors;
*/
static inline int safepoll_wait(struct safepoll *sp, int maxevents,
				int timeout_ms);

/*@
  requires valid: sp == \null || Instance(sp);
  requires valid_ev: ev == \null || \valid(ev);
  requires apart: sp == \null || ev == \null ||
    \separated(ev, sp, sp->regs + (0 .. sp->capacity - 1));
  assigns sp->dropped, *ev;
  behavior null:
    assumes sp == \null || ev == \null;
    assigns \nothing;
    ensures result: \result == -EFAULT;
  behavior past:
    assumes sp != \null && ev != \null && i >= sp->batch_len;
    assigns \nothing;
    ensures result: \result == -ENOENT;
  behavior event:
    assumes sp != \null && ev != \null && i < sp->batch_len;
    ensures result: \result == 0 || \result == 1;
    ensures kept: Instance(sp);
    ensures live_only: \result == 1 <==>
      TokenLive(sp, sp->batch[i].data.u64);
    ensures handed: \result == 1 ==>
      HandedOut(sp, ev, TokenSlot(sp->batch[i].data.u64)) &&
      ev->events == sp->batch[i].events;
    ensures counted: sp->dropped ==
      (\result == 0 ? (uint64_t)(\old(sp->dropped) + 1) : \old(sp->dropped));
  complete behaviors;
  disjoint behaviors;
*/
static inline int safepoll_event(struct safepoll *sp, uint32_t i,
				 struct safepoll_event *ev);

#endif
