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
  assigns *ev, errno, spec_ctl_op, spec_ctl_fd, spec_ctl_data;
  ensures result: -4095 <= \result <= 0;
  ensures kernel: \result == 0 || \result == -errno;
  ensures fd: \result == 0 ==> fd >= 0;
  ensures self: fd == sp->epfd ==> \result == -EBADF || \result == -EINVAL;
  ensures token: ev->data.u64 == token;
  ensures told: spec_ctl_op == op && spec_ctl_fd == fd &&
    (op != EPOLL_CTL_DEL ==> spec_ctl_data == token);
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

/* A failed add or delete whose answer says the number no longer names the
 * file of fd's record (hardening defect 5: kept, the record would hand out
 * the old file's events with the old udata and the new file's fd). */
/*@
  requires valid: Instance(sp);
  assigns sp->free_head, sp->live, sp->regs[0 .. sp->capacity - 1];
  ensures kept: CtlKeeps{Pre, Post}(sp);
  ensures no_token: NoNewToken{Pre, Post}(sp);
*/
static void forget_if_stale(struct safepoll *sp, int fd, int rc)
{
	uint32_t prev, slot;

	if (rc != -EBADF && rc != -EPERM)
		return;
	slot = sp_lookup(sp, fd, &prev);
	if (slot != SP_NIL)
		sp_release(sp, slot, prev);
}

/* A full table (hardening defect 8).  The kernel's answer comes first: an
 * add it refuses gets its refusal, not -ENOSPC; one it accepts is undone,
 * and either way a record the answer shows stale is released, which may
 * free the slot the add needs.  The probe's token is dead, so an event it
 * queued in the meantime is dropped. */
/*@
  requires valid: Instance(sp);
  requires full: sp->free_head == Nil;
  assigns sp->free_head, sp->live, sp->regs[0 .. sp->capacity - 1], errno,
    spec_ctl_op, spec_ctl_fd, spec_ctl_data;
  ensures result: \result <= 0;
  ensures kernel: \result == 0 || \result == -errno;
  ensures kept: CtlKeeps{Pre, Post}(sp);
  ensures no_token: NoNewToken{Pre, Post}(sp);
  ensures room: \result == 0 && sp->free_head != Nil ==>
    Gen(sp, sp->free_head) > Gen{Pre}(sp, sp->free_head);
  ensures replaced: \result == 0 ==> \forall integer s;
    Live{Pre}(sp, s) && \old(sp->regs[s].fd) == fd ==>
    Released{Pre, Post}(sp, s);
*/
static int make_room(struct safepoll *sp, int fd, uint32_t events)
{
	struct epoll_event ev;
	uint32_t prev, slot;
	int rc = ctl(sp, EPOLL_CTL_ADD, fd, events, SP_DEAD_TOKEN, &ev);

	if (rc < 0) {
		forget_if_stale(sp, fd, rc);
		return rc;
	}
	rc = ctl(sp, EPOLL_CTL_DEL, fd, 0, 0, &ev);
	if (rc < 0)
		return rc;
	/* The kernel took a new (file, fd) pair: a record for fd is of a
	 * file closed behind safepoll's back. */
	slot = sp_lookup(sp, fd, &prev);
	if (slot != SP_NIL)
		sp_release(sp, slot, prev);
	return 0;
}

/* The add itself, once the table has a free slot. */
/*@
  requires valid: Instance(sp);
  requires room: sp->free_head != Nil;
  assigns sp->free_head, sp->live, sp->regs[0 .. sp->capacity - 1], errno,
    spec_ctl_op, spec_ctl_fd, spec_ctl_data;
  ensures result: \result <= 0;
  ensures kernel: \result == 0 || \result == -errno;
  ensures kept: CtlKeeps{Pre, Post}(sp);
  ensures new_token: \result == 0 ==>
    OneNewToken{Pre, Post}(sp, \old(sp->free_head));
  ensures no_token: \result < 0 ==> NoNewToken{Pre, Post}(sp);
  ensures holds: \result == 0 ==>
    KernelHolds(sp, EPOLL_CTL_ADD, fd, events | EPOLLERR | EPOLLHUP, udata);
  ensures replaced: \result == 0 ==> \forall integer s;
    Live{Pre}(sp, s) && \old(sp->regs[s].fd) == fd ==>
    Released{Pre, Post}(sp, s);
*/
static int add_to_free_slot(struct safepoll *sp, int fd, uint32_t events,
			    void *udata)
{
	struct epoll_event ev;
	uint32_t old, prev, slot;
	int rc = ctl(sp, EPOLL_CTL_ADD, fd, events,
		     sp_token(sp, sp->free_head), &ev);

	if (rc < 0) {
		forget_if_stale(sp, fd, rc);
		return rc;
	}
	/* The kernel took a new (file, fd) pair, so a record still held for
	 * this number is of a file closed behind safepoll's back.  The
	 * kernel may still hold that registration (a dup keeps its file
	 * alive): releasing the record makes its events dead.  It is
	 * released after the take, which must get the slot whose token the
	 * kernel now holds; the take may put the new slot just before the
	 * old one in their chain, and then the old one is unlinked from it. */
	old = sp_lookup(sp, fd, &prev);
	/*@ assert old_apart: old != SP_NIL ==> old != sp->free_head &&
	      (prev != SP_NIL ==> prev != sp->free_head); */
	slot = sp_take(sp, fd, events | EPOLLERR | EPOLLHUP, udata);
	/*@ assert one_record: old != SP_NIL ? DupOnly(sp, old) :
	      UniqueFds(sp); */
	if (old != SP_NIL) {
		sp_release(sp, old, sp->regs[slot].next == old ? slot : prev);
	}
	return 0;
}

int safepoll_add(struct safepoll *sp, int fd, uint32_t events, void *udata)
{
	int rc;

	if (!sp)
		return -EFAULT;
	if (sp->epfd < 0)
		return -EBADF;
	if ((events & ~(uint32_t)SAFEPOLL_EVENTS) != 0)
		return -EINVAL;
	if (sp->free_head == SP_NIL) {
		rc = make_room(sp, fd, events);
		if (rc < 0)
			return rc;
		/* Checked here, not in make_room, so that Eva sees it. */
		if (sp->free_head == SP_NIL)
			return -ENOSPC;
	}
	/*@ assert room: CtlKeeps{Pre, Here}(sp) && NoNewToken{Pre, Here}(sp) &&
	      sp->capacity == \at(sp->capacity, Pre) &&
	      0 <= sp->free_head < sp->capacity &&
	      (\at(sp->free_head, Pre) == Nil ==>
	        Gen(sp, sp->free_head) > Gen{Pre}(sp, sp->free_head)); */
	/*@ ghost Room: ; */
	rc = add_to_free_slot(sp, fd, events, udata);
	/*@ assert history: GenerationsGrow{Pre, Here}(sp) &&
	      RetiredStay{Pre, Here}(sp); */
	/* After make_room released the record, this add may take its slot
	 * again, at a later generation: the old tokens stay dead. */
	/*@ assert replaced_dead: rc == 0 ==> \forall integer s;
	      Live{Pre}(sp, s) && \at(sp->regs[s].fd, Pre) == fd ==>
	      AllDead{Pre, Here}(sp, s); */
	/*@ assert new_gen: rc == 0 && \at(sp->free_head, Pre) == Nil ==>
	      \forall integer t; TokenLive(sp, t) ==> TokenLive{Pre}(sp, t) ||
	        TokenGen(t) > Gen{Pre}(sp, TokenSlot(t)); */
	return rc;
}

/* A slot at its last generation cannot move its generation on: the
 * registration moves to the free slot instead, whose token at its
 * generation no registration has had, and the old slot retires, so that
 * every token it gave out stays dead (hardening defect 1).  A full table
 * has no slot to move to: -ENOSPC, until a release frees one. */
/*@
  requires valid: Instance(sp);
  requires live: Live(sp, slot) && sp->regs[slot].fd == fd;
  requires last: Gen(sp, slot) == 0xffffffff;
  requires prev: prev == Nil ?
    sp->regs[ChainOf(fd, sp->hash_mask)].head == slot :
    Live(sp, prev) && sp->regs[prev].next == slot && prev != slot;
  assigns sp->free_head, sp->live, sp->regs[0 .. sp->capacity - 1], errno,
    spec_ctl_op, spec_ctl_fd, spec_ctl_data;
  ensures result: \result <= 0;
  ensures kernel: \result == 0 || \result == -errno ||
    \result == -ENOSPC && \old(sp->free_head) == Nil;
  ensures kept: CtlKeeps{Pre, Post}(sp);
  ensures new_token: OneNewToken{Pre, Post}(sp, \old(sp->free_head)) ||
    NoNewToken{Pre, Post}(sp);
  ensures holds: \result == 0 ==>
    KernelHolds(sp, EPOLL_CTL_MOD, fd, events | EPOLLERR | EPOLLHUP, udata);
  ensures old_dead: \result == 0 ==> AllDead{Pre, Post}(sp, slot);
*/
static int mod_to_free_slot(struct safepoll *sp, uint32_t slot, uint32_t prev,
			    int fd, uint32_t events, void *udata)
{
	struct epoll_event ev;
	uint32_t moved;
	int rc;

	if (sp->free_head == SP_NIL)
		return -ENOSPC;
	rc = ctl(sp, EPOLL_CTL_MOD, fd, events, sp_token(sp, sp->free_head),
		 &ev);
	if (rc < 0) {
		if (record_is_stale(rc))
			sp_release(sp, slot, prev);
		return rc;
	}
	//@ assert apart: slot != sp->free_head && prev != sp->free_head;
	/*@ assert alone: \forall integer i; Live(sp, i) &&
	      sp->regs[i].fd == fd ==> i == slot; */
	moved = sp_take(sp, fd, events | EPOLLERR | EPOLLHUP, udata);
	//@ assert one_record: DupOnly(sp, slot);
	/*@ assert taken: TokenSlot(spec_ctl_data) == moved &&
	      KernelHolds(sp, EPOLL_CTL_MOD, fd, events | EPOLLERR | EPOLLHUP,
	                  udata); */
	sp_release(sp, slot, sp->regs[moved].next == slot ? moved : prev);
	return 0;
}

/* The mod of a slot below its last generation, in place. */
/*@
  requires valid: Instance(sp);
  requires live: Live(sp, slot) && sp->regs[slot].fd == fd;
  requires below: Gen(sp, slot) < 0xffffffff;
  requires prev: prev == Nil ?
    sp->regs[ChainOf(fd, sp->hash_mask)].head == slot :
    Live(sp, prev) && sp->regs[prev].next == slot && prev != slot;
  assigns sp->free_head, sp->live, sp->regs[0 .. sp->capacity - 1], errno,
    spec_ctl_op, spec_ctl_fd, spec_ctl_data;
  ensures result: \result <= 0;
  ensures kernel: \result == 0 || \result == -errno;
  ensures kept: CtlKeeps{Pre, Post}(sp);
  ensures new_gen: NewGenOnly{Pre, Post}(sp);
  ensures holds: \result == 0 ==>
    KernelHolds(sp, EPOLL_CTL_MOD, fd, events | EPOLLERR | EPOLLHUP, udata);
  ensures old_dead: \result == 0 ==> AllDead{Pre, Post}(sp, slot);
*/
static int mod_in_place(struct safepoll *sp, uint32_t slot, uint32_t prev,
			int fd, uint32_t events, void *udata)
{
	struct epoll_event ev;
	/* The mod may reach another registration than the record's (an older
	 * file back at the number): the token's generation moves on, so that
	 * only the registration the mod reached carries a live one (fuzz
	 * finding 2), and an event fetched before the mod is dropped. */
	uint64_t token = sp->regs[slot].token + 0x100000000u;
	int rc = ctl(sp, EPOLL_CTL_MOD, fd, events, token, &ev);

	if (rc == 0) {
		//@ assert handed_gen: ev.data.u64 == Token(slot, Gen(sp, slot) + 1);
		sp->regs[slot].token = token;
		sp->regs[slot].events = events | EPOLLERR | EPOLLHUP;
		sp->regs[slot].udata = udata;
		//@ assert same: TableSame{Pre, Here}(sp);
		//@ assert batch: sp->batch_len == \at(sp->batch_len, Pre);
		//@ assert kept: Instance(sp);
		/* The token the kernel now holds is the record's: without the
		 * generation's move (fuzz finding 2) this fails. */
		//@ assert handed: TokenLive(sp, ev.data.u64);
	} else if (record_is_stale(rc)) {
		sp_release(sp, slot, prev);
	}
	return rc;
}

int safepoll_mod(struct safepoll *sp, int fd, uint32_t events, void *udata)
{
	struct epoll_event ev;
	uint32_t slot, prev;

	if (!sp)
		return -EFAULT;
	if (sp->epfd < 0)
		return -EBADF;
	if ((events & ~(uint32_t)SAFEPOLL_EVENTS) != 0)
		return -EINVAL;
	//@ assert apart: \separated(sp, sp->regs + (0 .. sp->capacity - 1));
	slot = sp_lookup(sp, fd, &prev);
	/* Without a record the kernel can still hold a registration for fd
	 * (one whose record was released as stale, when the same file came
	 * back at that number): it gets a token that is never live. */
	if (slot == SP_NIL)
		return ctl(sp, EPOLL_CTL_MOD, fd, events, SP_DEAD_TOKEN, &ev);
	if (sp->regs[slot].token / 0x100000000u == UINT32_MAX)
		return mod_to_free_slot(sp, slot, prev, fd, events, udata);
	return mod_in_place(sp, slot, prev, fd, events, udata);
}

int safepoll_del(struct safepoll *sp, int fd)
{
	struct epoll_event ev;
	uint32_t slot, prev;
	int rc;

	if (!sp)
		return -EFAULT;
	/* After safepoll_fini: the kernel's EBADF would be the instance's,
	 * not a sign that fd's record is stale (hardening defect 11). */
	if (sp->epfd < 0)
		return -EBADF;
	slot = sp_lookup(sp, fd, &prev);
	/* Kernels before 2.6.9 wanted an event even for a delete; one is
	 * passed so that ev is never left uninitialised. */
	rc = ctl(sp, EPOLL_CTL_DEL, fd, 0, 0, &ev);
	if (slot != SP_NIL && (rc == 0 || record_is_stale(rc))) {
		sp_release(sp, slot, prev);
		//@ assert gone: NoRecord(sp, fd);
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
