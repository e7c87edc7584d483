/* The fdinfo paths a healthy kernel never takes, taken on purpose
 * through the fault build's scripted answers: malformed lines, a line
 * longer than the buffer, a read error in the middle, tokens and files
 * safepoll_check must tell apart. */
#include "edges.h"

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
		EDGE(test_fdinfo_oneshot_mask),
		EDGE(test_fdinfo_path_digits),
		EDGE(test_check_after_fini),
	};
	return cmocka_run_group_tests_name("fdinfo edges", tests, NULL, NULL);
}
