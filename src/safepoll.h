/* safepoll: Linux epoll that an event loop cannot misuse.
 *
 * An instance owns one epoll descriptor and a registration table of fixed
 * capacity.  Every registration carries a token in epoll_data.u64: its
 * slot and the slot's generation.  A slot's generation grows each time the
 * slot is released or its registration modified, so an event fetched
 * before a delete or a mod, or whose registration was replaced after its
 * fd was closed behind safepoll's back, carries a dead token: it is
 * dropped and counted, never handed out.  (After a mod the kernel queues
 * a registration that is still ready again: the next wait reports it.)
 *
 * The kernel decides.  safepoll refuses on its own only what the kernel
 * would accept but safepoll cannot honour (event bits it does not know,
 * a full table); everything else goes to the kernel, and its answer comes
 * back unchanged, so an operation through safepoll gives the result the
 * raw call gives.  Errors are negative errno values; nothing here reads or
 * leaves errno for the caller, allocates after creation, aborts or prints.
 *
 * Threads: an instance belongs to one thread at a time.
 *
 * The dup/fork trap: the kernel keeps a registration for as long as its
 * open file lives, not its fd number.  If a registered fd is closed while a
 * dup of it (or a forked child's copy) stays open, the registration stays
 * and keeps reporting events under the closed number.  Close registered
 * fds with safepoll_close(), which deletes the registration first.  When a
 * number closed behind safepoll's back is reused and registered again, the
 * old registration's events are dropped from then on.
 *
 * This header is plain C (C89 and later, and C++).  Each function's
 * contract, in ACSL, is in safepoll/contracts.h (add, mod, del and
 * close in safepoll/registration.h, which it includes), which `make
 * prove` proves and which only Frama-C reads.
 *
 * ABI: the soname's number changes whenever a struct below changes its
 * size or layout, or an exported function its meaning: the inline
 * functions of safepoll_loop.h are compiled into the caller and read the
 * structs' fields.  A new function alone keeps the soname.
 */
#ifndef SAFEPOLL_H
#define SAFEPOLL_H

#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <time.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Registrations an instance can hold, and events one wait can fetch: the
 * caller chooses up to SAFEPOLL_BATCH with each wait's maxevents (libuv
 * asks 1024).  The batch is inside the instance (12 KiB of it), so that
 * the per-event path loads no pointer to reach it. */
#define SAFEPOLL_CAPACITY_MAX (1u << 24)
#define SAFEPOLL_BATCH 1024

/* epoll_wait's own bound on maxevents (fs/eventpoll.c: EP_MAX_EVENTS). */
#define SAFEPOLL_EP_MAX_EVENTS                                                \
	((int)(0x7fffffff / sizeof(struct epoll_event)))

/* Instance flag: return -EINTR when a signal interrupts a wait, instead of
 * waiting again for the time left. */
#define SAFEPOLL_EINTR 1u

/* The event bits safepoll knows; any other bit is refused with -EINVAL. */
#define SAFEPOLL_EVENTS                                                       \
	(EPOLLIN | EPOLLPRI | EPOLLOUT | EPOLLERR | EPOLLHUP | EPOLLRDNORM |   \
	 EPOLLRDBAND | EPOLLWRNORM | EPOLLWRBAND | EPOLLMSG | EPOLLRDHUP |     \
	 EPOLLEXCLUSIVE | EPOLLWAKEUP | EPOLLONESHOT | EPOLLET)

/* One slot of the registration table (32 bytes).  Private: read it only
 * through the functions below. */
struct safepoll_reg {
	void *udata;
	/* The slot's generation in the upper half, which grows at every
	 * release; in the lower half the slot's index while it holds a
	 * registration (then this is the registration's token), or
	 * 0xffffffff, which no token has.  So one compare tells a live
	 * token. */
	uint64_t token;
	int32_t fd;      /* -1 while the slot holds no registration */
	uint32_t events; /* the mask the kernel holds, EPOLLERR|EPOLLHUP added;
			  * one unused bit is safepoll_check's scratch */
	uint32_t next;   /* next slot in this fd's chain, or in the free list */
	uint32_t head;   /* first slot of chain number <this slot's index> */
};

/* An instance.  Private fields; its size is public so that it can live in
 * caller-provided storage. */
struct safepoll {
	int epfd;
	uint32_t flags;
	uint32_t capacity;
	uint32_t hash_mask; /* chains: hash_mask + 1, a power of two */
	uint32_t free_head;
	uint32_t live;
	uint32_t batch_len; /* events the last wait fetched */
	uint32_t allocated;
	uint64_t dropped;
	struct safepoll_reg *regs;
	/* Inside the instance, not behind a pointer: safepoll_event finds an
	 * event at a fixed offset from sp, one load fewer per event. */
	struct epoll_event batch[SAFEPOLL_BATCH];
};

/* What the caller is handed for one event. */
struct safepoll_event {
	void *udata;
	int fd;
	uint32_t events;
};

/* What safepoll_check_report finds besides its answer. */
struct safepoll_report {
	uint32_t stale;   /* what safepoll_check returns */
	uint32_t dead;    /* kernel registrations under a dead token: the
			   * dup trap's, which a wait drops each time they
			   * fire; safepoll_rebuild ends them */
	uint32_t retired; /* slots whose generations are used up: the table
			   * is that much smaller until safepoll_rebuild */
};

/* Frama-C reads the contracts here; a compiler never does. */
#ifdef __FRAMAC__
#include "safepoll/contracts.h"
#endif

/* safepoll_init: creates an instance over caller-provided storage: regs
 * for `capacity` registrations.  No allocation.  Errors: -EFAULT for a
 * NULL pointer; -EINVAL for a capacity of 0 or above SAFEPOLL_CAPACITY_MAX,
 * or an unknown flag; epoll_create1's -EMFILE, -ENFILE, -ENOMEM. */
int safepoll_init(struct safepoll *sp, struct safepoll_reg *regs,
		  uint32_t capacity, uint32_t flags);

/* safepoll_new: the same over one allocation of its own, freed by
 * safepoll_free.  Errors: those of safepoll_init, and -ENOMEM. */
int safepoll_new(struct safepoll **out, uint32_t capacity, uint32_t flags);

/* safepoll_fini: closes the epoll descriptor of an instance made by
 * safepoll_init; its storage is the caller's again.  Returns close's
 * result.  Registered fds stay open: they are the caller's. */
int safepoll_fini(struct safepoll *sp);

/* safepoll_free: safepoll_fini, then frees what safepoll_new allocated.
 * Does nothing with NULL or with an instance from safepoll_init. */
int safepoll_free(struct safepoll *sp);

/* safepoll_grow: moves the table into larger caller-provided storage,
 * regs for `capacity` registrations, when the old one is full (-ENOSPC).
 * Every registration keeps its slot, token and udata; the events of the
 * last wait keep theirs; the epoll descriptor stays: no system call, no
 * spare descriptor.  The next adds take the new slots.  The old storage is
 * the caller's again; the new one must outlive the instance (safepoll_new's
 * own block is left alone, freed by safepoll_free).  Lookups keep the chain
 * count of the first capacity: longer chains, never a rehash.  Errors:
 * -EFAULT for a NULL pointer; -EINVAL for a capacity not above the present
 * one or above SAFEPOLL_CAPACITY_MAX. */
int safepoll_grow(struct safepoll *sp, struct safepoll_reg *regs,
		  uint32_t capacity);

/* Every registration call below keeps the instance whole, its epoll fd,
 * its flags and the batch as they are, moves no generation back and brings
 * no retired slot back. */

/* safepoll_add: registers fd for `events`; udata comes back with each of
 * its events.  EPOLLERR and EPOLLHUP are always reported, as the kernel
 * adds them.  Errors: -EFAULT for sp NULL; -EBADF after safepoll_fini;
 * -EINVAL for an unknown event bit; then the kernel's own answer (-EBADF,
 * -EPERM, -EINVAL, -EEXIST, -ELOOP, -ENOMEM, -ENOSPC); -ENOSPC when the
 * table is full and the kernel would have taken fd.  -EBADF and -EPERM
 * also end the table's record of fd: its number no longer names the
 * registered file.  On a full table the kernel is asked first (an add it
 * takes is undone at once, so the add costs three calls there): its
 * refusal comes back as raw epoll gives it, and a record it shows stale
 * is released, so that its slot serves this add. */
int safepoll_add(struct safepoll *sp, int fd, uint32_t events, void *udata);

/* safepoll_mod: sets fd's mask and udata (NULL too: the udata is always
 * replaced).  Always goes to the kernel, even with the same mask: there it
 * re-arms a disabled EPOLLONESHOT item and re-queues one that is ready.
 * Every token the registration had is dead after a successful mod, so an
 * event fetched before it is dropped; at a slot's last generation (after
 * 2^32 - 1 releases or mods of it) the registration moves to a free slot,
 * or, with none free, the mod is refused with -ENOSPC (a del of another
 * registration makes room).  Errors: -EFAULT; -EBADF after safepoll_fini; -EINVAL for
 * an unknown bit; then the kernel's (-EBADF, -EPERM, -EINVAL, -ENOENT).
 * -ENOENT, -EBADF and -EPERM also end the table's record of fd: its fd
 * number no longer names the registered file. */
int safepoll_mod(struct safepoll *sp, int fd, uint32_t events, void *udata);

/* safepoll_del: removes fd's registration.  Events of it still in the
 * current batch are dropped.  Errors: -EFAULT; -EBADF after safepoll_fini
 * (the table is left as it is); then the kernel's (-EBADF,
 * -EPERM, -EINVAL, -ENOENT); as for mod, -ENOENT, -EBADF and -EPERM end
 * the table's record of fd. */
int safepoll_del(struct safepoll *sp, int fd);

/* safepoll_close: the safe way to close a registered fd: deletes its
 * registration, then closes it.  An fd that is not registered (-ENOENT) or
 * cannot be (-EPERM) is closed all the same.  Any other error of the delete
 * is returned and fd is left open (this keeps the instance's own epoll fd
 * from being closed); otherwise close's result. */
int safepoll_close(struct safepoll *sp, int fd);

/* safepoll_rebuild: replaces the instance's epoll with a new one holding
 * the table's live registrations, each under its own token, at the same
 * number (dup3), so that safepoll_fd() does not change.  For:
 *  - a forked child, before it uses the instance: parent and child share
 *    the kernel's epoll but not the table (only the child's reference to
 *    the shared epoll goes);
 *  - a registration the kernel keeps for a file closed behind safepoll's
 *    back (the dup trap): its events are dropped and counted
 *    (safepoll_dropped) but keep waking the loop; the new epoll has none;
 *  - slots retired at their last generation: each starts again, free.
 * Events still in the batch are handed out as before, but those of a
 * retired slot are dropped.  What the kernel holds and the table does not
 * know is not carried over: a disabled EPOLLONESHOT registration is armed
 * again, and one added by a raw epoll_ctl on safepoll_fd() is gone.  A
 * record whose number no longer names a file epoll takes is released, as
 * safepoll_add does.  Needs one spare descriptor, for a moment.  Errors:
 * -EFAULT; -EBADF after safepoll_fini; epoll_create1's (-EMFILE ...); the
 * kernel's refusal of an add (-ENOMEM, -ENOSPC at max_user_watches ...);
 * dup3's.  On an error the instance keeps its epoll and its records. */
int safepoll_rebuild(struct safepoll *sp);

/* safepoll_wait_array: safepoll_wait, then the live events into
 * out[0 .. maxevents - 1].  Returns how many it stored: at most
 * SAFEPOLL_BATCH a call, as safepoll_wait fetches; may be 0 before the
 * timeout when every event fetched was dead.  A NULL out is -EFAULT when
 * the wait fetched events (they stay in the batch), as the raw call's
 * answer is for an array it cannot write; otherwise the wait's answer. */
int safepoll_wait_array(struct safepoll *sp, struct safepoll_event *out,
			int maxevents, int timeout_ms);

/* safepoll_pwait: safepoll_wait with *sigmask as the thread's signal mask
 * while it waits, installed and restored by the kernel atomically
 * (epoll_pwait), so that a signal it unblocks interrupts only the wait.
 * NULL: the mask as it is (safepoll_wait).  A signal that interrupts it is
 * handled (its handler runs as the wait returns), then, as for
 * safepoll_wait, the wait goes on for the time left with the same mask,
 * unless the instance was made with SAFEPOLL_EINTR: -EINTR.  Errors: those
 * of safepoll_wait; -EFAULT for a mask the kernel cannot read. */
int safepoll_pwait(struct safepoll *sp, int maxevents, int timeout_ms,
		   const sigset_t *sigmask);

/* safepoll_pwait2: safepoll_pwait with a timeout in nanoseconds (NULL:
 * for ever).  A timed wait is epoll_pwait2's; on a kernel without it
 * (before Linux 5.11: ENOSYS, asked again at each wait) epoll_pwait's,
 * for the timeout rounded up to milliseconds: a wait never ends early.
 * A wait that fetched nothing ends only once CLOCK_MONOTONIC says the
 * time is up.  Errors: -EFAULT for sp NULL; -EINVAL for a timeout the
 * kernel refuses (a negative tv_sec, a tv_nsec outside [0, 999999999]),
 * checked first as epoll_pwait2 does; then those of safepoll_pwait. */
int safepoll_pwait2(struct safepoll *sp, int maxevents,
		    const struct timespec *timeout, const sigset_t *sigmask);

/* safepoll_dropped: how many times an event was dropped as dead; 0 for
 * NULL.  The count a wait's events added tells a spinning registration
 * that safepoll no longer holds (README: "What it does not do"). */
uint64_t safepoll_dropped(const struct safepoll *sp);

/* safepoll_fd: the instance's epoll descriptor, to nest it in another
 * loop; -EFAULT for NULL.  Closing it is the caller's mistake to avoid; so
 * is an epoll_ctl on it with an epoll_data of the caller's own, which may
 * equal a live token and so be handed out as that registration's. */
int safepoll_fd(const struct safepoll *sp);

/* safepoll_check: checks the table and compares it with the kernel's
 * registrations (/proc/self/fdinfo/<epfd>).  Each kernel registration must
 * carry either a dead token or the live token of a record with the same fd
 * and mask (EPOLLWAKEUP aside: a kernel without CAP_BLOCK_SUSPEND drops
 * it), no live token twice; the chains, the free list and the live count
 * must agree.  Returns how many live records are stale: the kernel no
 * longer holds them, or holds them on a file other than the one their fd
 * names now (fstat's inode and device against fdinfo's ino and sdev; an
 * fd fstat cannot read counts too): their fds were closed behind
 * safepoll's back.  Files on one inode look the same: every epoll,
 * eventfd, timerfd and signalfd is on the kernel's one anonymous inode,
 * and a pipe's two ends on the pipe's, so a number taken over by another
 * file on its inode is not counted.  Or
 * -EUCLEAN when the table or the kernel disagree, or
 * the errno of reading fdinfo. */
int safepoll_check(struct safepoll *sp);

/* safepoll_check_report: safepoll_check, and the counts of *out, filled
 * only when it returns 0 or more.  -EFAULT for a NULL sp or out. */
int safepoll_check_report(struct safepoll *sp, struct safepoll_report *out);

/* The fast path, inline: safepoll_wait and safepoll_event. */
#include "safepoll_loop.h"

#ifdef __cplusplus
}
#endif

#endif
