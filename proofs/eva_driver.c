/* The Eva driver of make prove-eva (mk/eva.mk): calls the whole API with
 * every kind of argument, the bad ones included, over caller-provided
 * storage (safepoll_init) and over safepoll_new's own allocation (which WP
 * skips: Eva is its proof).  Arguments are ranges (Frama_C_interval and
 * friends), not single values, so that one analysis covers every value of
 * a range; the kernel's answers are whatever its contracts in
 * specs/kernel allow.  Read by Frama-C only: never compiled. */
#include <__fc_builtin.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "safepoll.h"

/* Small tables keep Eva exact over every slot; the code does not depend
 * on the size beyond the bounds it checks.  The batch is the instance's
 * own (SAFEPOLL_BATCH events). */
#define CAP 6
#define OUT 3

static struct safepoll_reg regs[CAP];
static struct safepoll_reg first[CAP], more[2 * CAP];
static struct safepoll grown_inst;
static struct safepoll inst;

static int any_fd(void)
{
	/* Negative, the standard streams, ordinary, and above FD_SETSIZE and
	 * Frama-C's own 1024 limit. */
	switch (Frama_C_interval(0, 2)) {
	case 0:
		return Frama_C_interval(INT32_MIN, -1);
	case 1:
		return Frama_C_interval(0, 64);
	default:
		return Frama_C_interval(65, INT32_MAX);
	}
}

static uint32_t any_events(void)
{
	/* Known bits only, or anything (unknown bits included). */
	if (Frama_C_nondet(0, 1))
		return Frama_C_unsigned_int_interval(0, UINT32_MAX) &
		       (uint32_t)SAFEPOLL_EVENTS;
	return Frama_C_unsigned_int_interval(0, UINT32_MAX);
}

static void *any_udata(void)
{
	static int cookie[2];

	return Frama_C_nondet(0, 1) ? (void *)0 : (void *)&cookie[1];
}

static int any_maxevents(void)
{
	switch (Frama_C_interval(0, 3)) {
	case 0:
		return Frama_C_interval(INT32_MIN, 0);
	case 1: /* up to the batch and just past it: clamped */
		return Frama_C_interval(1, SAFEPOLL_BATCH + 2);
	case 2:
		return Frama_C_interval(SAFEPOLL_BATCH + 3, INT32_MAX / 12);
	default: /* above the kernel's EP_MAX_EVENTS */
		return Frama_C_interval(INT32_MAX / 12 + 1, INT32_MAX);
	}
}

static int any_timeout(void)
{
	switch (Frama_C_interval(0, 2)) {
	case 0:
		return Frama_C_interval(INT32_MIN, -1);
	case 1:
		return 0;
	default:
		return Frama_C_interval(1, INT32_MAX);
	}
}

/* An index of the batch: below, at and past the count of the last wait,
 * and up to the largest. */
static uint32_t any_index(void)
{
	if (Frama_C_nondet(0, 1))
		return Frama_C_unsigned_int_interval(0, SAFEPOLL_BATCH + 1);
	return Frama_C_unsigned_int_interval(0, UINT32_MAX);
}

/* The event loop as a caller writes it (safepoll_loop.h), with handlers
 * that change the table between two events. */
static void event_loop(struct safepoll *sp)
{
	/* Filled first: Eva keeps no relation between rc and *ev across the
	 * loop's join, and that a 1 comes with *ev filled is WP's to prove
	 * (safepoll_event's `handed`). */
	struct safepoll_event ev = { NULL, -1, 0 };
	int rc;

	for (uint32_t i = 0; (rc = safepoll_event(sp, i, &ev)) >= 0; i++) {
		if (rc != 1)
			continue;
		switch (Frama_C_interval(0, 3)) {
		case 0:
			safepoll_del(sp, ev.fd);
			break;
		case 1:
			safepoll_close(sp, any_fd());
			break;
		case 2:
			safepoll_add(sp, any_fd(), any_events(), any_udata());
			break;
		default:
			safepoll_mod(sp, ev.fd, any_events(), ev.udata);
			break;
		}
	}
}

/* A timeout for safepoll_pwait2: none (for ever), zero, any valid one,
 * or one the kernel refuses (each field out of its range). */
static const struct timespec *any_timespec(struct timespec *t)
{
	switch (Frama_C_interval(0, 3)) {
	case 0:
		return NULL;
	case 1:
		t->tv_sec = Frama_C_long_interval(0, INT64_MAX);
		t->tv_nsec = Frama_C_long_interval(0, 999999999);
		break;
	case 2:
		t->tv_sec = Frama_C_long_interval(INT64_MIN, -1);
		t->tv_nsec = Frama_C_long_interval(INT64_MIN, INT64_MAX);
		break;
	default:
		t->tv_sec = Frama_C_long_interval(INT64_MIN, INT64_MAX);
		t->tv_nsec = Frama_C_nondet(0, 1) ?
			Frama_C_long_interval(INT64_MIN, -1) :
			Frama_C_long_interval(1000000000, INT64_MAX);
		break;
	}
	return t;
}

/* The masked waits, with a mask or none. */
static void masked_waits(struct safepoll *sp)
{
	struct timespec t = {0, 0};
	sigset_t mask;
	const sigset_t *m = Frama_C_nondet(0, 1) ? &mask : NULL;

	sigemptyset(&mask);
	if (Frama_C_nondet(0, 1))
		safepoll_pwait(sp, any_maxevents(), any_timeout(), m);
	else
		safepoll_pwait2(sp, any_maxevents(), any_timespec(&t), m);
}

/* One operation of any kind with any arguments; sp may be NULL. */
static void step(struct safepoll *sp)
{
	struct safepoll_event ev, out[OUT];

	switch (Frama_C_interval(0, 14)) {
	case 0:
		safepoll_add(sp, any_fd(), any_events(), any_udata());
		break;
	case 1:
		safepoll_mod(sp, any_fd(), any_events(), any_udata());
		break;
	case 2:
		safepoll_del(sp, any_fd());
		break;
	case 3:
		safepoll_close(sp, any_fd());
		break;
	case 4:
		safepoll_wait(sp, any_maxevents(), any_timeout());
		break;
	case 5:
		/* any index after any operation: below the count, at it,
		 * past it, twice the same (a dead one counts twice) */
		{
			uint32_t i = any_index();

			safepoll_event(sp, i, &ev);
			safepoll_event(sp, i, &ev);
		}
		break;
	case 6:
		safepoll_event(sp, any_index(), Frama_C_nondet(0, 1) ? &ev : NULL);
		break;
	case 7:
		/* out holds OUT events.  A count beyond it is the caller's bug
		 * (the contract's valid_out) unless out is NULL: the count is
		 * refused first, as the kernel refuses it. */
		switch (Frama_C_interval(0, 2)) {
		case 0:
			safepoll_wait_array(sp, Frama_C_nondet(0, 1) ? out : NULL,
					    Frama_C_interval(1, OUT),
					    any_timeout());
			break;
		case 1:
			safepoll_wait_array(sp, Frama_C_nondet(0, 1) ? out : NULL,
					    Frama_C_interval(INT32_MIN, 0),
					    any_timeout());
			break;
		default:
			safepoll_wait_array(sp, NULL, any_maxevents(),
					    any_timeout());
			break;
		}
		break;
	case 8:
		if (Frama_C_nondet(0, 1)) {
			safepoll_check(sp);
		} else {
			struct safepoll_report report;

			safepoll_check_report(sp, Frama_C_nondet(0, 1) ?
						      &report : NULL);
		}
		break;
	case 9:
		if (sp) {
			safepoll_dropped(sp);
			safepoll_fd(sp);
		}
		break;
	case 10:
		/* mod and del of what add registered, as an event loop does */
		{
			int fd = Frama_C_interval(0, 64);

			if (safepoll_add(sp, fd, EPOLLIN, any_udata()) == 0) {
				safepoll_mod(sp, fd, any_events(), any_udata());
				safepoll_del(sp, fd);
			}
		}
		break;
	case 11:
		event_loop(sp);
		break;
	case 13:
		masked_waits(sp);
		break;
	default:
		break;
	}
}

/* A life of a few operations of any kind: straight-line, so that Eva
 * keeps every value a table field can take without widening. */
static void life(struct safepoll *sp)
{
	step(sp);
	step(sp);
	step(sp);
	step(sp);
	step(sp);
	step(sp);
	step(sp);
	step(sp);
}

static void caller_storage(void)
{
	uint32_t capacity = Frama_C_unsigned_int_interval(1, CAP);
	uint32_t flags = Frama_C_unsigned_int_interval(0, SAFEPOLL_EINTR);

	/* Every refusal first: nothing may be written. */
	safepoll_init(NULL, regs, capacity, 0);
	safepoll_init(&inst, NULL, capacity, 0);
	safepoll_init(NULL, NULL, 0, Frama_C_unsigned_int_interval(0, UINT32_MAX));
	safepoll_init(&inst, regs, 0, 0);
	safepoll_init(&inst, regs,
		      Frama_C_unsigned_int_interval(SAFEPOLL_CAPACITY_MAX + 1,
						    UINT32_MAX), 0);
	safepoll_init(&inst, regs, capacity,
		      Frama_C_unsigned_int_interval(SAFEPOLL_EINTR + 1,
						    UINT32_MAX));
	if (safepoll_init(&inst, regs, capacity, flags) != 0)
		return;
	life(&inst);
	safepoll_fini(&inst);
	/* fini twice, and every call on the ended instance */
	safepoll_fini(&inst);
	step(&inst);
	step(&inst);
	/* an instance of safepoll_init is not safepoll_free's */
	safepoll_free(&inst);
}

/* Growth: its refusals, then a table of CAP slots, used, moved into one
 * of 2 * CAP and used there.  Exact sizes: Eva keeps the table's address
 * and its capacity together only where each has one value. */
static void grown(void)
{
	struct safepoll *sp = &grown_inst;

	if (safepoll_init(sp, first, CAP, 0) != 0)
		return;
	life(sp);
	safepoll_grow(NULL, more, 2 * CAP);
	safepoll_grow(sp, NULL, 2 * CAP);
	safepoll_grow(sp, more, Frama_C_unsigned_int_interval(0, CAP));
	safepoll_grow(sp, more,
		      Frama_C_unsigned_int_interval(SAFEPOLL_CAPACITY_MAX + 1,
						    UINT32_MAX));
	if (safepoll_grow(sp, more, 2 * CAP) != 0)
		return;
	life(sp);
	safepoll_fini(sp);
}

static void own_storage(uint32_t capacity)
{
	struct safepoll *sp = NULL;

	if (safepoll_new(&sp, capacity,
			 Frama_C_unsigned_int_interval(0, UINT32_MAX)) != 0)
		return;
	/* malloc leaves the batch's bytes unspecified, and safepoll reads
	 * only the entries the last wait fetched (below batch_len).  Eva
	 * loses that relation where the states of different operations
	 * join, so the batch starts with any bytes, as the static one of
	 * caller_storage starts with zeros. */
	Frama_C_make_unknown((char *)sp->batch, sizeof sp->batch);
	life(sp);
	safepoll_free(sp);
}

static void allocated(void)
{
	struct safepoll *sp = NULL;

	safepoll_new(NULL, 1, 0);
	safepoll_new(NULL, 0, Frama_C_unsigned_int_interval(0, UINT32_MAX));
	safepoll_new(&sp, 0, 0);
	safepoll_new(&sp,
		     Frama_C_unsigned_int_interval(SAFEPOLL_CAPACITY_MAX + 1,
						   UINT32_MAX), 0);
	safepoll_new(&sp, 1,
		     Frama_C_unsigned_int_interval(SAFEPOLL_EINTR + 1,
						   UINT32_MAX));
	/* A few exact sizes: malloc of a range of sizes would leave Eva
	 * unsure of the block's end, not of the code. */
	own_storage(1);
	own_storage(2);
	own_storage(CAP);
	/* The largest instance: the size arithmetic at its bound.  Only
	 * made and freed: a table of 2^24 slots is too big to follow. */
	if (safepoll_new(&sp, SAFEPOLL_CAPACITY_MAX, 0) == 0)
		safepoll_free(sp);
	safepoll_free(NULL);
}

int main(void)
{
	/* NULL for every function that takes an instance */
	step(NULL);
	step(NULL);
	safepoll_fini(NULL);
	caller_storage();
	grown();
	allocated();
	return 0;
}
