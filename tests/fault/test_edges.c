/* The paths a healthy kernel never takes, taken on purpose through the
 * fault build's scripted answers: a malformed fdinfo, a read error in the
 * middle of it, a clock that fails or jumps, a corrupt table. */
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>

#include "../helpers.h"
#include "inject.h"

#define SP_NIL_VALUE UINT32_MAX

struct fix {
	struct safepoll *sp;
	int p[2];
	uint32_t slot;
	char line[256];
	char tail[64]; /* pos, ino and sdev of p[0], as fdinfo prints them */
};

static int setup(void **state)
{
	static struct fix f;

	fds_mark(state);
	f.sp = make_instance(4);
	make_pipe(f.p);
	assert_int_equal(safepoll_add(f.sp, f.p[0], EPOLLIN, NULL), 0);
	f.slot = f.sp->free_head == 1 ? 0 : f.sp->free_head - 1;
	assert_int_equal(f.sp->regs[f.slot].fd, f.p[0]);
	struct stat st;
	assert_int_equal(fstat(f.p[0], &st), 0);
	snprintf(f.tail, sizeof f.tail, "  pos:0 ino:%lx sdev:%x",
		 (unsigned long)st.st_ino,
		 major(st.st_dev) << 20 | minor(st.st_dev));
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	struct fix *f = *state;

	fault_disarm();
	close(f->p[0]);
	close(f->p[1]);
	safepoll_free(f->sp);
	return fds_unchanged(state);
}

/* safepoll_check over an fdinfo made of fmt with a and b, and p[0]'s pos,
 * ino and sdev at the end of its (first) line unless fmt has a pos. */
static int check_with(struct fix *f, const char *fmt, unsigned long long a,
		      unsigned long long b, unsigned chunk)
{
	char head[256];
	size_t n;

	snprintf(head, sizeof head, fmt, a, b);
	n = strcspn(head, "\n");
	if (strstr(fmt, "pos:"))
		snprintf(f->line, sizeof f->line, "%s", head);
	else
		snprintf(f->line, sizeof f->line, "%.*s%s%s", (int)n, head,
			 f->tail, head + n);
	fault_fake_fdinfo(f->line, chunk);
	int rc = safepoll_check(f->sp);
	fault_disarm();
	return rc;
}

static unsigned long long token(struct fix *f)
{
	return f->sp->regs[f->slot].token;
}

static void test_fdinfo_well_formed(void **state)
{
	struct fix *f = *state;
	snprintf(f->line, sizeof f->line,
		 "pos:\t0\ntfd: %8d events: %8x data: %16llx%s\n", f->p[0],
		 EPOLLIN | EPOLLERR | EPOLLHUP, token(f), f->tail);
	/* In chunks of 1, 7 and all: lines split across reads. */
	for (unsigned chunk = 1; chunk < 300; chunk += 149) {
		fault_fake_fdinfo(f->line, chunk);
		assert_int_equal(safepoll_check(f->sp), 0);
		fault_disarm();
	}
}

static void test_fdinfo_last_line_unterminated(void **state)
{
	struct fix *f = *state;

	assert_int_equal(check_with(f, "tfd: %llu events: 19 data: %llx",
				    (unsigned long long)f->p[0], token(f), 64),
			 0);
	/* Without it the record would be an orphan: it was read. */
	assert_int_equal(check_with(f, "tfd: %llu events: 18 data: %llx",
				    (unsigned long long)f->p[0], token(f), 64),
			 -EUCLEAN);
}

static void test_fdinfo_malformed(void **state)
{
	struct fix *f = *state;
	unsigned long long fd = (unsigned long long)f->p[0], t = token(f);
	static const char *const bad[] = {
		"tfd: x%llu events: 19 data: %llx\n",
		"tfd: %llu evnts: 19 data: %llx\n",
		"tfd: %llu events: 1g data: %llx\n",
		"tfd: %llu events: 19 data: %llxz\n",
		"tfd: %llu events: 19 dat: %llx\n",
		"tfd: %llu events: 19 data: 11111111111111111%llx\n",
		"tfd: %llu events:",
		"tfd:%llu%llx",
		/* pos, ino and sdev (hardening defect 10: the file's
		 * identity), each missing or malformed */
		"tfd: %llu events: 19 data: %llx  pso:0 ino:1 sdev:1\n",
		"tfd: %llu events: 19 data: %llx  pos:0 ini:1 sdev:1\n",
		"tfd: %llu events: 19 data: %llx  pos:0 ino:x1 sdev:1\n",
		"tfd: %llu events: 19 data: %llx  pos:0 ino:1 sdv:1\n",
		"tfd: %llu events: 19 data: %llx  pos:0 ino:1 sdev:\n",
		"tfd: %llu events: 19 data: %llx  pos:",
	};

	for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(check_with(f, bad[i], fd, t, 4096), -EUCLEAN);
}

static void test_fdinfo_long_line_kept_prefix(void **state)
{
	struct fix *f = *state;
	char fmt[256];

	snprintf(fmt, sizeof fmt, "tfd: %%llu events: 19 data: %%llx%s %0150d\n",
		 f->tail, 0);
	assert_int_equal(
		check_with(f, fmt, (unsigned long long)f->p[0], token(f), 4096),
		0);
}

/* Entries safepoll must pass over (dead tokens) and those it must not
 * accept (a live token on the wrong fd, twice, with the wrong mask). */
static void test_fdinfo_tokens(void **state)
{
	struct fix *f = *state;
	unsigned long long fd = (unsigned long long)f->p[0], t = token(f);

	/* A slot beyond the table, and an old generation: dead, so the
	 * live record is an orphan. */
	assert_int_equal(check_with(f, "tfd: %llu events: 19 data: %llx\n", fd,
				    0xffffffffULL, 4096),
			 1);
	assert_int_equal(check_with(f, "tfd: %llu events: 19 data: %llx\n", fd,
				    t + (1ULL << 32), 4096),
			 1);
	assert_int_equal(check_with(f, "tfd: %llu events: 19 data: %llx\n",
				    fd + 1, t, 4096),
			 -EUCLEAN);
	snprintf(f->line, sizeof f->line,
		 "tfd: %llu events: 19 data: %llx%s\ntfd: %llu events: 19 "
		 "data: %llx%s\n",
		 fd, t, f->tail, fd, t, f->tail);
	fault_fake_fdinfo(f->line, 4096);
	assert_int_equal(safepoll_check(f->sp), -EUCLEAN);
	fault_disarm();
	/* A free slot's token is dead too. */
	assert_int_equal(check_with(f, "tfd: %llu events: 19 data: %llx\n", fd,
				    f->sp->free_head, 4096),
			 1);
}

/* A live token on another file than its fd names (hardening defect 10):
 * the record is stale, as if the kernel did not list it; a negative pos
 * is passed over. */
static void test_fdinfo_other_file(void **state)
{
	struct fix *f = *state;
	unsigned long long fd = (unsigned long long)f->p[0], t = token(f);

	assert_int_equal(check_with(f, "tfd: %llu events: 19 data: %llx  "
				       "pos:-1 ino:1 sdev:1\n",
				    fd, t, 4096),
			 1);
	assert_int_equal(check_with(f, "tfd: %llu events: 19 data: %llx\n",
				    fd, t, 4096),
			 0);
	/* The same inode on another device. */
	snprintf(f->line, sizeof f->line, "%s", f->tail);
	char *sdev = strstr(f->line, "sdev:");
	assert_non_null(sdev);
	char fmt[128];
	snprintf(fmt, sizeof fmt, "tfd: %%llu events: 19 data: %%llx%.*s"
		 "sdev:fff00fff\n", (int)(sdev - f->line), f->line);
	assert_int_equal(check_with(f, fmt, fd, t, 4096), 1);
}

static void test_fdinfo_read_error(void **state)
{
	struct fix *f = *state;

	fault_arm(SITE_READ, 1, EIO);
	assert_int_equal(safepoll_check(f->sp), -EIO);
	fault_disarm();
	fault_arm(SITE_OPEN, 1, EMFILE);
	assert_int_equal(safepoll_check(f->sp), -EMFILE);
	fault_disarm();
}

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

/* A mask the kernel shows for a oneshot item must be its mask, or its
 * flags alone once it fired: nothing else. */
static void test_fdinfo_oneshot_mask(void **state)
{
	struct fix *f = *state;
	unsigned long long fd = (unsigned long long)f->p[0];

	assert_int_equal(
		safepoll_mod(f->sp, f->p[0], EPOLLIN | EPOLLONESHOT, NULL), 0);
	assert_int_equal(check_with(f,
				    "tfd: %llu events: 40000019 data: %llx\n",
				    fd, token(f), 4096),
			 0);
	assert_int_equal(check_with(f,
				    "tfd: %llu events: 40000000 data: %llx\n",
				    fd, token(f), 4096),
			 0);
	assert_int_equal(check_with(f,
				    "tfd: %llu events: 40000001 data: %llx\n",
				    fd, token(f), 4096),
			 -EUCLEAN);
}

/* An epoll fd of two digits or more in the fdinfo path. */
static void test_fdinfo_path_digits(void **state)
{
	struct fix *f = *state;
	int spare[12];
	struct safepoll *sp;

	(void)f;
	for (int i = 0; i < 12; i++)
		spare[i] = dup(0);
	assert_int_equal(safepoll_new(&sp, 2, 0), 0);
	assert_true(safepoll_fd(sp) >= 10);
	assert_int_equal(safepoll_check(sp), 0);
	safepoll_free(sp);
	for (int i = 0; i < 12; i++)
		close(spare[i]);
}

static void test_check_after_fini(void **state)
{
	struct fix *f = *state;
	struct safepoll_reg regs[2];
	struct safepoll sp;

	(void)f;
	assert_int_equal(safepoll_init(&sp, regs, 2, 0), 0);
	assert_int_equal(safepoll_fini(&sp), 0);
	assert_int_equal(check_keeping_masks(&sp), -EBADF);
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

#define EDGE(t) cmocka_unit_test_setup_teardown(t, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		EDGE(test_fdinfo_well_formed),
		EDGE(test_fdinfo_last_line_unterminated),
		EDGE(test_fdinfo_malformed),
		EDGE(test_fdinfo_long_line_kept_prefix),
		EDGE(test_fdinfo_tokens),
		EDGE(test_fdinfo_other_file),
		EDGE(test_fdinfo_read_error),
		EDGE(test_clock_time_up_after_eintr),
		EDGE(test_clock_fails_after_eintr),
		EDGE(test_corrupt_chain_bounded),
		EDGE(test_corrupt_lists),
		EDGE(test_corrupt_duplicate_fd),
		EDGE(test_generation_exhausted),
		EDGE(test_fdinfo_oneshot_mask),
		EDGE(test_fdinfo_path_digits),
		EDGE(test_check_after_fini),
		EDGE(test_full_table_undo_fails),
		EDGE(test_mod_move_refused),
		EDGE(test_mod_move_behind_in_chain),
	};
	return cmocka_run_group_tests_name("edges", tests, NULL, NULL);
}
