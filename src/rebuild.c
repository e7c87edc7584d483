/* Rebuilding an instance's epoll from its table: for a forked child, for
 * a registration the kernel keeps under a dead token (the dup trap), and
 * to bring back the slots retired at their last generation. */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "table.h"

/* Releases live slot i, whose number no longer names its file. */
/*@
  requires valid: Instance(sp);
  requires live: Live(sp, slot);
  assigns sp->free_head, sp->live, sp->regs[0 .. sp->capacity - 1];
  ensures kept: CtlKeeps{Pre, Post}(sp);
  ensures no_token: NoNewToken{Pre, Post}(sp);
  ensures fields: sp->capacity == \old(sp->capacity) &&
    sp->regs == \old(sp->regs);
*/
static void forget(struct safepoll *sp, uint32_t slot)
{
	uint32_t prev;

	/* The lookup finds the slot: no two live slots share an fd
	 * (safepoll_check checks it). */
	if (sp_lookup(sp, sp->regs[slot].fd, &prev) == slot)
		sp_release(sp, slot, prev);
}

/* Registers every live record with newfd under its own token.  A record
 * whose number no longer names a file epoll takes (EBADF, EPERM, or the
 * new epoll itself took the freed number) is released, as an add would;
 * any other refusal ends the fill, and the caller drops newfd. */
/*@
  requires valid: Instance(sp);
  requires open: newfd >= 0;
  assigns sp->free_head, sp->live, sp->regs[0 .. sp->capacity - 1], errno,
    spec_ctl_op, spec_ctl_fd, spec_ctl_data;
  ensures result: \result <= 0;
  ensures kept: CtlKeeps{Pre, Post}(sp);
  ensures no_token: NoNewToken{Pre, Post}(sp);
*/
static int fill(struct safepoll *sp, int newfd)
{
	struct epoll_event ev;

	/*@
	  loop invariant range: 0 <= i <= sp->capacity;
	  loop invariant kept: Instance(sp);
	  loop invariant batch: sp->batch_len == \at(sp->batch_len, Pre);
	  loop invariant grow: GenerationsGrow{Pre, Here}(sp);
	  loop invariant stay: RetiredStay{Pre, Here}(sp);
	  loop invariant no_token: NoNewToken{Pre, Here}(sp);
	  loop invariant fields: sp->capacity == \at(sp->capacity, Pre) &&
	    sp->regs == \at(sp->regs, Pre);
	  loop assigns i, ev, errno, spec_ctl_op, spec_ctl_fd, spec_ctl_data,
	    sp->free_head, sp->live,
	    \at(sp->regs, Pre)[0 .. \at(sp->capacity, Pre) - 1];
	  loop variant sp->capacity - i;
	*/
	for (uint32_t i = 0; i < sp->capacity; i++) {
		int fd = sp->regs[i].fd;
		int rc = -EBADF;

		if (fd < 0)
			continue;
		if (fd != newfd) {
			ev.events = sp->regs[i].events;
			ev.data.u64 = sp->regs[i].token;
			rc = epoll_ctl(newfd, EPOLL_CTL_ADD, fd, &ev) < 0 ?
				-errno : 0;
		}
		if (rc == -EBADF || rc == -EPERM) {
			forget(sp, i);
			/*@ assert step: GenerationsGrow{Pre, Here}(sp) &&
			      RetiredStay{Pre, Here}(sp) &&
			      NoNewToken{Pre, Here}(sp); */
		} else if (rc < 0) {
			return rc;
		}
	}
	return 0;
}

/* After a rebuild no token of a retired slot is held anywhere: the new
 * epoll holds live tokens only, and the batch's are dropped here.  So
 * each retired slot starts again, free, at generation 0. */
/*@
  requires valid: Instance(sp);
  assigns sp->free_head, sp->regs[0 .. sp->capacity - 1],
    sp->batch[0 .. SAFEPOLL_BATCH - 1].data.u64;
  ensures kept: Instance(sp);
  ensures no_token: NoNewToken{Pre, Post}(sp);
  ensures revived: Revived{Pre, Post}(sp);
*/
static void revive(struct safepoll *sp)
{
	/*@
	  loop invariant range: 0 <= k <= sp->batch_len;
	  loop invariant done: \forall integer j; 0 <= j < k ==>
	    (Retired{Pre}(sp, TokenSlot(\at(sp->batch[j].data.u64, Pre))) ==>
	      TokenSlot(sp->batch[j].data.u64) == Nil) &&
	    (!Retired{Pre}(sp, TokenSlot(\at(sp->batch[j].data.u64, Pre))) ==>
	      sp->batch[j].data.u64 == \at(sp->batch[j].data.u64, Pre));
	  loop invariant rest: \forall integer j; k <= j < SAFEPOLL_BATCH ==>
	    sp->batch[j].data.u64 == \at(sp->batch[j].data.u64, Pre);
	  loop assigns k, sp->batch[0 .. SAFEPOLL_BATCH - 1].data.u64;
	  loop variant sp->batch_len - k;
	*/
	for (uint32_t k = 0; k < sp->batch_len; k++) {
		uint64_t slot = sp->batch[k].data.u64 % 0x100000000u;

		if (slot < sp->capacity && sp->regs[slot].fd < 0 &&
		    sp->regs[slot].next == slot)
			sp->batch[k].data.u64 = SP_DEAD_TOKEN;
	}
	/*@
	  loop invariant range: 0 <= i <= sp->capacity;
	  loop invariant kept: Instance(sp);
	  loop invariant fields: sp->capacity == \at(sp->capacity, Pre) &&
	    sp->regs == \at(sp->regs, Pre);
	  loop invariant storage: StorageOf(sp, sp->regs, sp->capacity);
	  loop invariant no_token: NoNewToken{Pre, Here}(sp);
	  loop invariant gens: \forall integer j; 0 <= j < sp->capacity ==>
	    (Retired{Pre}(sp, j) && j < i ==> Gen(sp, j) == 0) &&
	    (!(Retired{Pre}(sp, j) && j < i) ==> Gen(sp, j) == Gen{Pre}(sp, j));
	  loop invariant retired: \forall integer j; 0 <= j < sp->capacity ==>
	    (Retired(sp, j) <==> Retired{Pre}(sp, j) && j >= i);
	  loop assigns i, sp->free_head,
	    \at(sp->regs, Pre)[0 .. \at(sp->capacity, Pre) - 1];
	  loop variant sp->capacity - i;
	*/
	for (uint32_t i = 0; i < sp->capacity; i++)
		if (sp->regs[i].fd < 0 && sp->regs[i].next == i)
			sp_unretire(sp, i);
	/*@ assert batch: \forall integer k; 0 <= k < sp->batch_len ==>
	      BatchEntryRevived{Pre, Here}(sp, k); */
}

int safepoll_rebuild(struct safepoll *sp)
{
	int newfd, rc;

	if (!sp)
		return -EFAULT;
	if (sp->epfd < 0)
		return -EBADF;
	newfd = epoll_create1(EPOLL_CLOEXEC);
	if (newfd < 0)
		return -errno;
	rc = fill(sp, newfd);
	/*@ assert filled: sp->epfd == \at(sp->epfd, Pre) &&
	      sp->batch_len == \at(sp->batch_len, Pre) &&
	      sp->capacity == \at(sp->capacity, Pre) &&
	      sp->regs == \at(sp->regs, Pre) &&
	      \forall integer k; 0 <= k < SAFEPOLL_BATCH ==>
	        sp->batch[k].data.u64 == \at(sp->batch[k].data.u64, Pre); */
	/*@ ghost Filled: ; */
	/* Over the old number: safepoll_fd() stays the same, and in a forked
	 * child only the child's reference to the shared epoll goes. */
	if (rc == 0 && dup3(newfd, sp->epfd, O_CLOEXEC) < 0)
		rc = -errno;
	/* Its file lives on at sp->epfd (or is dropped with it); close frees
	 * the number even when it reports an error. */
	(void)close(newfd);
	/*@ assert fill_live: \forall integer i; Live(sp, i) ==>
	      TokenLive(sp, Token(i, Gen(sp, i))); */
	if (rc < 0)
		return rc;
	revive(sp);
	/*@ assert revived: \forall integer k; 0 <= k < sp->batch_len ==>
	      BatchEntryRevived{Filled, Here}(sp, k) ==>
	      BatchEntryRevived{Pre, Here}(sp, k); */
	return 0;
}
