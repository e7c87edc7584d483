/* Registration: add, modify, delete and close, each one epoll_ctl call
 * whose answer is the kernel's, with the table following what the kernel
 * did. */
#include <errno.h>
#include <unistd.h>

#include "table.h"

/*@
  requires valid: Instance(sp);
  requires op: op == EPOLL_CTL_ADD || op == EPOLL_CTL_MOD ||
    op == EPOLL_CTL_DEL;
  requires event: \valid(ev);
  requires apart: \separated(ev, sp, sp->regs + (0 .. sp->capacity - 1),
                             &errno);
  assigns *ev, errno;
  ensures result: -4095 <= \result <= 0;
  ensures fd: \result == 0 ==> fd >= 0;
  ensures token: ev->data.u64 == token;
*/
static int ctl(const struct safepoll *sp, int op, int fd, uint32_t events,
	       uint64_t token, struct epoll_event *ev)
{
	ev->events = events;
	ev->data.u64 = token;
	if (epoll_ctl(sp->epfd, op, fd, ev) < 0)
		return -errno;
	return 0;
}

/* These answers say that fd no longer names the file whose registration
 * the table holds for it: the number was closed, or reused by a file that
 * is not registered or cannot be. */
/*@
  assigns \nothing;
  ensures result: \result != 0 <==> rc == -ENOENT || rc == -EBADF ||
    rc == -EPERM;
*/
static int record_is_stale(int rc)
{
	return rc == -ENOENT || rc == -EBADF || rc == -EPERM;
}

int safepoll_add(struct safepoll *sp, int fd, uint32_t events, void *udata)
{
	struct epoll_event ev;
	uint32_t old, prev, slot;
	int rc;

	if (!sp)
		return -EFAULT;
	if ((events & ~(uint32_t)SAFEPOLL_EVENTS) != 0)
		return -EINVAL;
	if (sp->free_head == SP_NIL)
		return -ENOSPC;
	rc = ctl(sp, EPOLL_CTL_ADD, fd, events,
		 sp_token(sp, sp->free_head), &ev);
	if (rc < 0)
		return rc;
	/* The kernel took a new (file, fd) pair, so a record still held for
	 * this number is of a file closed behind safepoll's back.  The
	 * kernel may still hold that registration (a dup keeps its file
	 * alive): releasing the record makes its events dead.  It is
	 * released after the take, which must get the slot whose token the
	 * kernel now holds; the take puts the new slot at the head of the
	 * same chain, so it comes before the old one if nothing did. */
	old = sp_lookup(sp, fd, &prev);
	//@ assert same: TableSame{Pre, Here}(sp) && GensSame{Pre, Here}(sp);
	//@ assert kept: Instance(sp);
	/*@ assert old_apart: old != SP_NIL ==> old != sp->free_head &&
	      (prev != SP_NIL ==> prev != sp->free_head); */
	slot = sp_take(sp, fd, events | EPOLLERR | EPOLLHUP, udata);
	/*@ assert old_prev: old != SP_NIL && prev != SP_NIL ==>
	      Live(sp, prev) && sp->regs[prev].next == old && prev != old; */
	/*@ assert old_head: old != SP_NIL && prev == SP_NIL ==>
	      Live(sp, slot) && sp->regs[slot].next == old && slot != old; */
	//@ assert taken: Table(sp);
	//@ assert taken_storage: Storage(sp);
	//@ assert taken_history: GenerationsGrow{Pre, Here}(sp);
	//@ assert taken_retired: RetiredStay{Pre, Here}(sp);
	/*@ assert taken_fields: sp->regs == \at(sp->regs, Pre) &&
	      sp->capacity == \at(sp->capacity, Pre); */
	//@ assert taken_keeps: CtlKeeps{Pre, Here}(sp);
	if (old != SP_NIL) {
		sp_release(sp, old, prev == SP_NIL ? slot : prev);
		//@ assert released: Table(sp);
		//@ assert released_storage: Storage(sp);
		//@ assert released_history: GenerationsGrow{Pre, Here}(sp);
		//@ assert released_retired: RetiredStay{Pre, Here}(sp);
		//@ assert released_keeps: CtlKeeps{Pre, Here}(sp);
	}
	return 0;
}

int safepoll_mod(struct safepoll *sp, int fd, uint32_t events, void *udata)
{
	struct epoll_event ev;
	uint32_t slot, prev;
	uint64_t token;
	int rc;

	if (!sp)
		return -EFAULT;
	if ((events & ~(uint32_t)SAFEPOLL_EVENTS) != 0)
		return -EINVAL;
	//@ assert apart: \separated(sp, sp->regs + (0 .. sp->capacity - 1));
	slot = sp_lookup(sp, fd, &prev);
	/* Without a record the kernel can still hold a registration for fd
	 * (one whose record was released as stale, when the same file came
	 * back at that number): it gets a token that is never live.  With
	 * one, the mod may reach another registration than the record's (an
	 * older file back at the number): the token's generation moves on,
	 * so that only the registration the mod reached carries a live one
	 * (fuzz finding 2). */
	token = slot == SP_NIL ? SP_DEAD_TOKEN : sp->regs[slot].token;
	if (slot != SP_NIL && token / 0x100000000u != UINT32_MAX)
		token += 0x100000000u;
	rc = ctl(sp, EPOLL_CTL_MOD, fd, events, token, &ev);
	//@ assert same: TableSame{Pre, Here}(sp) && GensSame{Pre, Here}(sp);
	//@ assert kept: Instance(sp);
	if (slot == SP_NIL)
		return rc;
	if (rc == 0) {
		/*@ assert handed_gen: \let gen = Gen(sp, slot);
		      ev.data.u64 == Token(slot, gen == 0xffffffff ? gen : gen + 1); */
		sp->regs[slot].token = token;
		sp->regs[slot].events = events | EPOLLERR | EPOLLHUP;
		sp->regs[slot].udata = udata;
		//@ assert same: TableSame{Pre, Here}(sp);
		//@ assert updated: Instance(sp);
		/* The token the kernel now holds is the record's: without the
		 * generation's move (fuzz finding 2) this fails. */
		//@ assert handed: TokenLive(sp, ev.data.u64);
		//@ assert updated_batch: sp->batch_len == \at(sp->batch_len, Pre);
	} else if (record_is_stale(rc)) {
		sp_release(sp, slot, prev);
		//@ assert released: Table(sp);
		//@ assert released_storage: Storage(sp);
		//@ assert released_batch: sp->batch_len == \at(sp->batch_len, Pre);
	}
	return rc;
}

int safepoll_del(struct safepoll *sp, int fd)
{
	struct epoll_event ev;
	uint32_t slot, prev;
	int rc;

	if (!sp)
		return -EFAULT;
	slot = sp_lookup(sp, fd, &prev);
	/* Kernels before 2.6.9 wanted an event even for a delete; one is
	 * passed so that ev is never left uninitialised. */
	rc = ctl(sp, EPOLL_CTL_DEL, fd, 0, 0, &ev);
	//@ assert same: TableSame{Pre, Here}(sp) && GensSame{Pre, Here}(sp);
	//@ assert kept: Instance(sp);
	if (slot != SP_NIL && (rc == 0 || record_is_stale(rc))) {
		sp_release(sp, slot, prev);
		//@ assert released: Table(sp);
		//@ assert storage: Storage(sp);
	}
	return rc;
}

int safepoll_close(struct safepoll *sp, int fd)
{
	int rc = safepoll_del(sp, fd);

	if (rc < 0 && rc != -ENOENT && rc != -EPERM)
		return rc;
	/* Linux frees the number even when close reports an error. */
	if (close(fd) < 0)
		return -errno;
	return 0;
}
