/* The paths a healthy kernel never takes, taken on purpose through the
 * fault build's scripted answers: a clock that fails or jumps, a corrupt
 * table, a generation used up, a full table's undo or a last-generation
 * mod that the kernel refuses.  The fdinfo ones: test_fdinfo_edges.c. */
#include <time.h>

#include "edges.h"

/* A signal, then a clock that says the time is up: no second wait. */
static void test_clock_time_up_after_eintr(void **state)
{
	struct fix *f = *state;
	static const struct timespec t[] = {{100, 0}, {100, 500000000}};

	(void)f;
	fault_arm(SITE_EPOLL_WAIT, 1, EINTR);
	fault_fake_clock(t, 2);
	assert_int_equal(safepoll_wait(f->sp, 4, 500), 0);
	assert_int_equal(fault_calls(SITE_EPOLL_WAIT), 1);
	fault_disarm();
}

static void test_clock_fails_after_eintr(void **state)
{
	struct fix *f = *state;

	fault_arm(SITE_EPOLL_WAIT, 1, EINTR);
	fault_arm_also(SITE_CLOCK_GETTIME, 2, EINVAL);
	assert_int_equal(safepoll_wait(f->sp, 4, 500), -EINVAL);
	fault_disarm();
}

/* A chain that loops, and a record missing from its chain: lookups and
 * releases end all the same, and the check says the table is corrupt. */
static void test_corrupt_chain_bounded(void **state)
{
	struct fix *f = *state;
	struct safepoll_reg *r = &f->sp->regs[f->slot];
	uint32_t saved = r->next;

	r->next = f->slot; /* a chain that loops on itself */
	assert_int_equal(safepoll_check(f->sp), -EUCLEAN);
	/* A lookup of another fd of the same chain walks it and stops. */
	assert_int_equal(safepoll_mod(f->sp, f->p[0] + 4, EPOLLIN, NULL),
			 -EBADF);
	r->next = saved;
	assert_int_equal(safepoll_check(f->sp), 0);
}

/* A chain that loops above the free slot: an add's walk to the new
 * slot's place in the chain stops at the bound too, and the add is done
 * (the check then finds the table corrupt). */
static void test_corrupt_chain_take_bounded(void **state)
{
	struct fix *f = *state;
	struct safepoll *sp = f->sp;
	uint32_t s = sp->free_head, top = sp->capacity - 1, chain, head;
	int q[2];

	make_pipe(q);
	chain = (uint32_t)q[0] & sp->hash_mask;
	head = sp->regs[chain].head;
	assert_true(s < top && sp->regs[top].fd < 0);
	sp->regs[chain].head = top;
	sp->regs[top].next = top;
	assert_int_equal(safepoll_add(sp, q[0], EPOLLIN, NULL), 0);
	assert_int_equal(sp->regs[s].fd, q[0]);
	assert_int_equal(safepoll_check(sp), -EUCLEAN);
	/* The table as an add to a sound chain leaves it. */
	sp->regs[top].next = SP_NIL_VALUE;
	sp->regs[s].next = head;
	sp->regs[chain].head = s;
	assert_int_equal(safepoll_check(sp), 0);
	assert_int_equal(safepoll_close(sp, q[0]), 0);
	close(q[1]);
}

/* Corruptions of the free list and the chains, each caught. */
static void test_corrupt_lists(void **state)
{
	struct fix *f = *state;
	struct safepoll *sp = f->sp;
	uint32_t head = sp->free_head, next = sp->regs[head].next;
	uint32_t chain = (uint32_t)f->p[0] & sp->hash_mask;

	sp->free_head = f->slot; /* a live slot on the free list */
	assert_int_equal(safepoll_check(sp), -EUCLEAN);
	sp->free_head = head;
	sp->regs[head].next = sp->capacity + 7; /* a link out of the table */
	assert_int_equal(safepoll_check(sp), -EUCLEAN);
	sp->regs[head].next = head; /* a free list that loops */
	assert_int_equal(safepoll_check(sp), -EUCLEAN);
	sp->regs[head].next = next;
	/* The live slot's own chain out of the table, then through a free
	 * slot: its lookup fails. */
	sp->regs[chain].head = sp->capacity;
	assert_int_equal(safepoll_check(sp), -EUCLEAN);
	sp->regs[chain].head = head;
	assert_int_equal(safepoll_check(sp), -EUCLEAN);
	sp->regs[chain].head = f->slot;
	/* An empty chain out of the table, through a free slot, through a
	 * slot of another chain: only the chain walk can tell. */
	sp->regs[chain ^ 1].head = sp->capacity;
	assert_int_equal(safepoll_check(sp), -EUCLEAN);
	sp->regs[chain ^ 1].head = head;
	assert_int_equal(safepoll_check(sp), -EUCLEAN);
	sp->regs[chain ^ 1].head = f->slot;
	assert_int_equal(safepoll_check(sp), -EUCLEAN);
	sp->regs[chain ^ 1].head = SP_NIL_VALUE;
	assert_int_equal(safepoll_check(sp), 0);
}

/* Two live slots for one fd: the second is not the one its chain finds. */
static void test_corrupt_duplicate_fd(void **state)
{
	struct fix *f = *state;
	struct safepoll *sp = f->sp;
	int q[2];

	make_pipe(q);
	assert_int_equal(safepoll_add(sp, q[0], EPOLLIN, NULL), 0);
	uint32_t s;

	for (s = 0; s < sp->capacity; s++)
		if (sp->regs[s].fd == q[0])
			break;
	sp->regs[s].fd = f->p[0];
	assert_int_equal(safepoll_check(sp), -EUCLEAN);
	sp->regs[s].fd = q[0];
	assert_int_equal(safepoll_check(sp), 0);
	assert_int_equal(safepoll_close(sp, q[0]), 0);
	close(q[1]);
}

/* A slot whose generation is used up is retired, not reused: no token of
 * it can ever come back to life.  A mod there moves the registration to a
 * free slot (hardening defect 1: it used to keep the last token). */
static void test_generation_exhausted(void **state)
{
	struct fix *f = *state;
	struct safepoll *sp = f->sp;
	uint32_t s = sp->free_head, t;
	int q[2];

	/* A free slot's token: its generation, and no slot. */
	sp->regs[s].token = 0xffffffffull << 32 | SP_NIL_VALUE;
	make_pipe(q);
	assert_int_equal(safepoll_add(sp, q[0], EPOLLIN, NULL), 0);
	assert_int_equal(sp->regs[s].fd, q[0]);
	assert_int_equal(sp->regs[s].token, 0xffffffffull << 32 | s);
	t = sp->free_head;
	uint64_t t_gen = sp->regs[t].token >> 32;
	assert_int_equal(safepoll_mod(sp, q[0], EPOLLIN | EPOLLOUT, NULL), 0);
	/* Moved to the free slot at its generation; s retired. */
	assert_int_equal(sp->regs[t].fd, q[0]);
	assert_int_equal(sp->regs[t].token, t_gen << 32 | t);
	assert_int_equal(sp->regs[s].token, 0xffffffffull << 32 | SP_NIL_VALUE);
	assert_int_equal(sp->regs[s].next, s);
	assert_int_equal(safepoll_check(sp), 0);
	assert_int_equal(safepoll_del(sp, q[0]), 0);
	assert_int_equal(sp->free_head, t);
	assert_true(sp->free_head != s);
	assert_int_equal(safepoll_check(sp), 0);
	/* The table is one slot smaller: 4 slots, 1 retired, 1 used. */
	assert_int_equal(safepoll_add(sp, q[0], EPOLLIN, NULL), 0);
	assert_int_equal(safepoll_add(sp, q[1], EPOLLOUT, NULL), 0);
	int d = dup(q[0]);
	assert_int_equal(safepoll_add(sp, d, EPOLLIN, NULL), -ENOSPC);
	close(d);
	close(q[0]);
	close(q[1]);
}

/* A full table's add whose probe the kernel took but whose undo failed:
 * the add answers the undo's error; the probe's registration carries a
 * dead token, which safepoll_check accepts, and the table is as it was. */
static void test_full_table_undo_fails(void **state)
{
	struct fix *f = *state;
	int q[4][2];

	for (int i = 0; i < 4; i++)
		make_pipe(q[i]);
	for (int i = 0; i < 3; i++)
		assert_int_equal(safepoll_add(f->sp, q[i][0], EPOLLIN, NULL), 0);
	fault_arm(SITE_EPOLL_CTL, 2, ENOMEM);
	assert_int_equal(safepoll_add(f->sp, q[3][0], EPOLLIN, NULL), -ENOMEM);
	assert_true(fault_fired());
	fault_disarm();
	assert_int_equal(f->sp->live, 4);
	assert_int_equal(safepoll_check(f->sp), 0);
	for (int i = 0; i < 4; i++) {
		close(q[i][0]);
		close(q[i][1]);
	}
}

/* A mod at the last generation that the kernel refuses: a refusal that
 * says nothing of the record keeps it; one that says the number is stale
 * (EBADF) releases it, and the slot retires. */
static void test_mod_move_refused(void **state)
{
	struct fix *f = *state;
	struct safepoll *sp = f->sp;

	for (uint32_t i = 0; i < sp->capacity; i++)
		sp->regs[i].token = 0xffffffffull << 32 |
			(i == f->slot ? i : SP_NIL_VALUE);
	assert_int_equal(safepoll_mod(sp, f->p[0], EPOLLIN | EPOLLEXCLUSIVE,
				      NULL), -EINVAL);
	assert_int_equal(sp->regs[f->slot].fd, f->p[0]);
	fault_arm(SITE_EPOLL_CTL, 1, EBADF);
	assert_int_equal(safepoll_mod(sp, f->p[0], EPOLLIN, NULL), -EBADF);
	fault_disarm();
	assert_int_equal(sp->regs[f->slot].fd, -1);
	assert_int_equal(sp->regs[f->slot].next, f->slot);
	assert_int_equal(sp->live, 0);
	assert_int_equal(safepoll_check(sp), 0);
}

/* A mod at the last generation of a registration behind another in its
 * chain: the move unlinks it through the slot before it. */
static void test_mod_move_behind_in_chain(void **state)
{
	struct fix *f = *state;
	struct safepoll *sp = f->sp;
	int a = f->p[0], b = -1, q[2];

	make_pipe(q);
	/* b in a's chain: the same fd modulo the 4 chains. */
	for (int at = a + 4; b < 0 || b % 4 != a % 4; at += 4) {
		if (b >= 0)
			close(b);
		b = fcntl(q[0], F_DUPFD_CLOEXEC, at);
		assert_true(b >= 0);
	}
	for (uint32_t i = 0; i < sp->capacity; i++)
		sp->regs[i].token = 0xffffffffull << 32 |
			(i == f->slot ? i : SP_NIL_VALUE);
	assert_int_equal(safepoll_add(sp, b, EPOLLIN, NULL), 0);
	assert_int_equal(safepoll_mod(sp, a, EPOLLIN | EPOLLOUT, NULL), 0);
	assert_int_equal(sp->regs[f->slot].next, f->slot);
	assert_int_equal(safepoll_check(sp), 0);
	assert_int_equal(safepoll_close(sp, b), 0);
	close(q[0]);
	close(q[1]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		EDGE(test_clock_time_up_after_eintr),
		EDGE(test_clock_fails_after_eintr),
		EDGE(test_corrupt_chain_bounded),
		EDGE(test_corrupt_chain_take_bounded),
		EDGE(test_corrupt_lists),
		EDGE(test_corrupt_duplicate_fd),
		EDGE(test_generation_exhausted),
		EDGE(test_full_table_undo_fails),
		EDGE(test_mod_move_refused),
		EDGE(test_mod_move_behind_in_chain),
	};
	return cmocka_run_group_tests_name("edges", tests, NULL, NULL);
}
