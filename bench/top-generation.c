/* The real top generation (issue 13): 2^32 - 1 real safepoll_mod calls on
 * one registration bring its slot to the last generation; then the
 * promise is checked there, on the kernel, with no test-only shortcut:
 *  - at the top the registration still works (an event handed out with
 *    its udata);
 *  - an event fetched before the next mod is dropped after it (the mod
 *    moves the registration to a free slot, mod_to_free_slot in ctl.c);
 *  - the registration keeps working: events come with the new udata, a
 *    further mod and a delete succeed;
 *  - the table agrees with the kernel (safepoll_check == 0) after each;
 *  - the retired slot is not lost for good: with the table full, an add
 *    is refused, and after safepoll_rebuild it succeeds.
 * Prints key=value lines (mods, seconds); exits 1 at the first broken
 * promise, naming it.
 *
 * It takes 2^32 system calls: 22 minutes at the reviewer's 0.3 us a mod,
 * hours where a system call costs microseconds; so it is in neither make
 * test nor make check:
 * make bench-top-generation.  `-s GEN` starts at generation GEN instead of
 * 0 by aging the free slots before the add (the slot layout is public), as
 * tests/test_defects.c does: for trying the program itself in seconds,
 * never for the figure of record. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "safepoll.h"

/* Two slots: the registration's, and one free for it to move to. */
#define CAPACITY 2u
/* Progress and a generation check this often (a few minutes apart). */
#define REPORT_EVERY (1u << 26)

static int failed;

static void fail(const char *what, long got)
{
	fprintf(stderr, "top-generation: %s (got %ld)\n", what, got);
	failed = 1;
}

static void expect(int ok, const char *what, long got)
{
	if (!ok)
		fail(what, got);
}

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static uint32_t gen_of(const struct safepoll *sp, uint32_t slot)
{
	return (uint32_t)(sp->regs[slot].token >> 32);
}

/* The slot that holds fd's registration, or CAPACITY. */
static uint32_t slot_of(const struct safepoll *sp, int fd)
{
	for (uint32_t i = 0; i < sp->capacity; i++)
		if (sp->regs[i].fd == fd)
			return i;
	return CAPACITY;
}

/* One wait that must fetch exactly one event, handed out with udata and
 * fd. */
static void expect_one_event(struct safepoll *sp, void *udata, int fd,
			     const char *when)
{
	struct safepoll_event ev = {0};
	char what[160];
	int rc = safepoll_wait(sp, 8, 0);

	snprintf(what, sizeof what, "%s: one event fetched", when);
	expect(rc == 1, what, rc);
	rc = safepoll_event(sp, 0, &ev);
	snprintf(what, sizeof what, "%s: the event handed out", when);
	expect(rc == 1, what, rc);
	snprintf(what, sizeof what, "%s: with the registration's udata", when);
	expect(ev.udata == udata, what, (long)(ev.udata != udata));
	snprintf(what, sizeof what, "%s: and its fd", when);
	expect(ev.fd == fd, what, ev.fd);
}

static void expect_consistent(struct safepoll *sp, const char *when)
{
	char what[160];
	int rc = safepoll_check(sp);

	snprintf(what, sizeof what, "%s: safepoll_check == 0", when);
	expect(rc == 0, what, rc);
}

static uint32_t start_gen(int argc, char **argv)
{
	char *end;
	unsigned long long g;

	if (argc == 1)
		return 0;
	errno = 0;
	if (argc == 3 && strcmp(argv[1], "-s") == 0) {
		g = strtoull(argv[2], &end, 0);
		if (errno == 0 && end != argv[2] && *end == '\0' &&
		    argv[2][0] != '-' && g < UINT32_MAX)
			return (uint32_t)g;
	}
	fprintf(stderr, "usage: top-generation [-s GEN]  (GEN below %" PRIu32
		"; test-only: the figure of record starts at 0)\n",
		UINT32_MAX);
	exit(2);
}

int main(int argc, char **argv)
{
	uint32_t from = start_gen(argc, argv), slot, moved, mods;
	struct safepoll *sp = NULL;
	struct safepoll_event ev = {0};
	int p[2], q[2], before, after, later, other, rc;
	double t0, secs;

	if (pipe2(p, O_NONBLOCK | O_CLOEXEC) < 0 ||
	    pipe2(q, O_NONBLOCK | O_CLOEXEC) < 0) {
		perror("top-generation: pipe2");
		return 1;
	}
	if ((rc = safepoll_new(&sp, CAPACITY, 0)) < 0) {
		fprintf(stderr, "top-generation: safepoll_new: %s\n",
			strerror(-rc));
		return 1;
	}
	if (from > 0)
		for (uint32_t i = 0; i < sp->capacity; i++)
			if (sp->regs[i].fd < 0)
				sp->regs[i].token =
					(uint64_t)from << 32 | 0xffffffffu;
	if ((rc = safepoll_add(sp, p[0], EPOLLIN, &before)) < 0) {
		fprintf(stderr, "top-generation: safepoll_add: %s\n",
			strerror(-rc));
		return 1;
	}
	slot = slot_of(sp, p[0]);
	expect(slot < CAPACITY && gen_of(sp, slot) == from,
	       "the add took a slot at the starting generation", slot);
	if (failed)
		return 1;

	/* The pipe stays empty: each mod is the kernel's EPOLL_CTL_MOD of an
	 * idle item, the cheapest a mod can be. */
	mods = UINT32_MAX - from;
	printf("start gen=%" PRIu32 " slot=%" PRIu32 " mods=%" PRIu32 "\n",
	       from, slot, mods);
	fflush(stdout);
	t0 = now();
	/* A 64-bit count: from generation 0, mods is UINT32_MAX, and a 32-bit
	 * i <= mods never fails (the first real run wrapped i to 0 and made one
	 * mod too many). */
	for (uint64_t i = 1; i <= mods; i++) {
		if ((rc = safepoll_mod(sp, p[0], EPOLLIN, &before)) != 0) {
			fprintf(stderr,
				"top-generation: mod %" PRIu64 " of %" PRIu32
				" failed: %s\n",
				i, mods, strerror(-rc));
			return 1;
		}
		if (i % REPORT_EVERY == 0) {
			if (gen_of(sp, slot) != (uint32_t)(from + i)) {
				fprintf(stderr,
					"top-generation: after %" PRIu64
					" mods the generation is %" PRIu32
					", not %" PRIu64 "\n",
					i, gen_of(sp, slot), from + i);
				return 1;
			}
			fprintf(stderr,
				"top-generation: %" PRIu64 " mods, %.0f s\n",
				i, now() - t0);
		}
	}
	secs = now() - t0;
	printf("mods=%" PRIu32 " seconds=%.1f ns_per_mod=%.1f\n", mods, secs,
	       secs * 1e9 / mods);
	fflush(stdout);

	/* At the top: the same slot, its last generation, still working. */
	expect(slot_of(sp, p[0]) == slot, "the registration kept its slot",
	       slot_of(sp, p[0]));
	expect(gen_of(sp, slot) == UINT32_MAX,
	       "the slot is at its last generation", gen_of(sp, slot));
	expect_consistent(sp, "at the top");
	expect(write(p[1], "x", 1) == 1, "a byte written", 0);
	expect_one_event(sp, &before, p[0], "at the top");

	/* The promise: fetched before the mod, dropped after it. */
	expect(safepoll_wait(sp, 8, 0) == 1,
	       "the top generation's event fetched again", 0);
	rc = safepoll_mod(sp, p[0], EPOLLIN, &after);
	expect(rc == 0, "the mod at the top succeeds", rc);
	moved = slot_of(sp, p[0]);
	expect(moved < CAPACITY && moved != slot,
	       "the mod at the top moved the registration to another slot",
	       moved);
	rc = safepoll_event(sp, 0, &ev);
	expect(rc == 0, "the event fetched before the mod is dropped", rc);
	expect(safepoll_dropped(sp) == 1, "and counted",
	       (long)safepoll_dropped(sp));
	expect_consistent(sp, "after the mod at the top");
	/* The kernel queues the still-readable pipe again after the mod. */
	expect_one_event(sp, &after, p[0], "after the mod at the top");

	/* The moved registration goes on: a mod, an event, a delete. */
	rc = safepoll_mod(sp, p[0], EPOLLIN, &later);
	expect(rc == 0, "a mod after the move", rc);
	expect_one_event(sp, &later, p[0], "after a further mod");
	expect_consistent(sp, "after a further mod");

	/* The old slot is retired: the table is full (one live, one
	 * retired), so another add is refused until a rebuild revives it. */
	rc = safepoll_add(sp, q[0], EPOLLIN, &other);
	expect(rc == -ENOSPC, "the retired slot is not handed out", rc);
	rc = safepoll_rebuild(sp);
	expect(rc == 0, "safepoll_rebuild", rc);
	rc = safepoll_add(sp, q[0], EPOLLIN, &other);
	expect(rc == 0, "after the rebuild the slot serves an add", rc);
	expect(slot_of(sp, q[0]) == slot, "the revived slot is the old one",
	       slot_of(sp, q[0]));
	expect_consistent(sp, "after the rebuild and the add");
	expect_one_event(sp, &later, p[0], "after the rebuild");

	rc = safepoll_del(sp, p[0]);
	expect(rc == 0, "the delete", rc);
	expect_consistent(sp, "after the delete");
	rc = safepoll_wait(sp, 8, 0);
	expect(rc == 0, "no event after the delete", rc);

	safepoll_free(sp);
	close(p[0]);
	close(p[1]);
	close(q[0]);
	close(q[1]);
	if (failed)
		return 1;
	printf("top-generation: passed: %" PRIu32 " mods from generation %"
	       PRIu32 " in %.1f s; at the top: event handed out, the event "
	       "fetched before the next mod dropped after it (dropped=1), the "
	       "registration moved from slot %" PRIu32 " to %" PRIu32
	       " and handed out with the new udata, a further mod and a "
	       "delete work, the retired slot refused an add until "
	       "safepoll_rebuild, safepoll_check == 0 at each step\n",
	       mods, from, secs, slot, moved);
	return 0;
}
