/* The contracts of the registration calls, safepoll_add, safepoll_mod,
 * safepoll_del and safepoll_close: what each leaves in the table and what
 * the kernel was asked.  Part of contracts.h, which includes it in place
 * (Frama-C only), after the instance's life and before the waits. */
#ifndef SAFEPOLL_REGISTRATION_H
#define SAFEPOLL_REGISTRATION_H

/*@
  requires valid: sp == \null || Instance(sp);
  assigns sp->free_head, sp->live, sp->regs[0 .. sp->capacity - 1], errno,
    spec_ctl_op, spec_ctl_fd, spec_ctl_data;
  behavior null:
    assumes sp == \null;
    assigns \nothing;
    ensures result: \result == -EFAULT;
  behavior register:
    assumes sp != \null;
    ensures result: \result <= 0;
    ensures kept: CtlKeeps{Old, Post}(sp);
    ensures instance: sp->epfd == \old(sp->epfd) && sp->flags == \old(sp->flags);
    ensures new_token: \result == 0 && \old(sp->free_head) != Nil ==>
      OneNewToken{Old, Post}(sp, \old(sp->free_head));
    ensures new_gen: \result == 0 && \old(sp->free_head) == Nil ==>
      NewGenOnly{Old, Post}(sp);
    ensures no_token: \result < 0 ==> NoNewToken{Old, Post}(sp);
    ensures holds: \result == 0 ==>
      KernelHolds(sp, EPOLL_CTL_ADD, fd, events | EPOLLERR | EPOLLHUP, udata);
    ensures one: \result == 0 ==> \forall integer i;
      Live(sp, i) && sp->regs[i].fd == fd ==> i == TokenSlot(spec_ctl_data);
    ensures replaced: \result == 0 ==> \forall integer s;
      Live{Old}(sp, s) && \old(sp->regs[s].fd) == fd ==>
      AllDead{Old, Post}(sp, s);
    ensures decided: \result == 0 || \result == -errno ||
      \result == -EBADF && \old(sp->epfd) < 0 ||
      \result == -EINVAL && (events & ~(uint32_t)SAFEPOLL_EVENTS) != 0 ||
      \result == -ENOSPC && \old(sp->free_head) == Nil;
  complete behaviors;
  disjoint behaviors;
*/
int safepoll_add(struct safepoll *sp, int fd, uint32_t events, void *udata);

/*@
  requires valid: sp == \null || Instance(sp);
  assigns sp->free_head, sp->live, sp->regs[0 .. sp->capacity - 1], errno,
    spec_ctl_op, spec_ctl_fd, spec_ctl_data;
  behavior null:
    assumes sp == \null;
    assigns \nothing;
    ensures result: \result == -EFAULT;
  behavior modify:
    assumes sp != \null;
    ensures result: \result <= 0;
    ensures kept: CtlKeeps{Old, Post}(sp);
    ensures instance: sp->epfd == \old(sp->epfd) && sp->flags == \old(sp->flags);
    ensures new_token: NewGenOnly{Old, Post}(sp) ||
      OneNewToken{Old, Post}(sp, \old(sp->free_head));
    ensures holds: \result == 0 ==>
      KernelHolds(sp, EPOLL_CTL_MOD, fd, events | EPOLLERR | EPOLLHUP, udata) ||
      KernelHoldsDead(sp, EPOLL_CTL_MOD, fd) && NoNewToken{Old, Post}(sp);
    ensures old_dead: \result == 0 && TokenLive(sp, spec_ctl_data) ==>
      \exists integer s; Live{Old}(sp, s) && \at(sp->regs[s].fd, Old) == fd &&
        AllDead{Old, Post}(sp, s);
    ensures decided: \result == 0 || \result == -errno ||
      \result == -EBADF && \old(sp->epfd) < 0 ||
      \result == -EINVAL && (events & ~(uint32_t)SAFEPOLL_EVENTS) != 0 ||
      \result == -ENOSPC && \old(sp->free_head) == Nil;
  complete behaviors;
  disjoint behaviors;
*/
int safepoll_mod(struct safepoll *sp, int fd, uint32_t events, void *udata);

/*@
  requires valid: sp == \null || Instance(sp);
  assigns sp->free_head, sp->live, sp->regs[0 .. sp->capacity - 1], errno,
    spec_ctl_op, spec_ctl_fd, spec_ctl_data;
  behavior null:
    assumes sp == \null;
    assigns \nothing;
    ensures result: \result == -EFAULT;
  behavior remove:
    assumes sp != \null;
    ensures result: \result <= 0;
    ensures kept: CtlKeeps{Old, Post}(sp);
    ensures instance: sp->epfd == \old(sp->epfd) && sp->flags == \old(sp->flags);
    ensures no_token: NoNewToken{Old, Post}(sp);
    ensures finished: \old(sp->epfd) < 0 ==> \result == -EBADF;
    ensures decided: \result == 0 || \result == -errno ||
      \result == -EBADF && \old(sp->epfd) < 0;
    ensures gone: \old(sp->epfd) >= 0 &&
      (\result == 0 || \result == -ENOENT || \result == -EBADF ||
       \result == -EPERM) ==> NoRecord(sp, fd);
    ensures own: fd == \old(sp->epfd) ==>
      \result == -EBADF || \result == -EINVAL;
  complete behaviors;
  disjoint behaviors;
*/
int safepoll_del(struct safepoll *sp, int fd);

/*@
  requires valid: sp == \null || Instance(sp);
  assigns sp->free_head, sp->live, sp->regs[0 .. sp->capacity - 1], errno,
    spec_closed, spec_ctl_op, spec_ctl_fd, spec_ctl_data;
  behavior null:
    assumes sp == \null;
    ensures result: \result == -EFAULT;
  behavior remove_and_close:
    assumes sp != \null;
    ensures result: \result <= 0;
    ensures kept: CtlKeeps{Old, Post}(sp);
    ensures instance: sp->epfd == \old(sp->epfd) && sp->flags == \old(sp->flags);
    ensures no_token: NoNewToken{Old, Post}(sp);
    ensures gone: \result == 0 ==> NoRecord(sp, fd);
    ensures decided: \result == 0 || \result == -errno ||
      \result == -EBADF && \old(sp->epfd) < 0;
    ensures closed: spec_closed == fd || spec_closed == \old(spec_closed);
    ensures own: fd == \old(sp->epfd) ==> spec_closed == \old(spec_closed);
  complete behaviors;
  disjoint behaviors;
*/
int safepoll_close(struct safepoll *sp, int fd);

#endif
