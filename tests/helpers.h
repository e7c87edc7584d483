/* What the tests share: cmocka, and small steps that assert as they go. */
#ifndef SAFEPOLL_TEST_HELPERS_H
#define SAFEPOLL_TEST_HELPERS_H

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cmocka.h>

#include "safepoll.h"

static inline void make_pipe(int p[2])
{
	assert_int_equal(pipe2(p, O_NONBLOCK | O_CLOEXEC), 0);
}

/* Raises the soft fd limit to at least n (up to the hard limit), or fails
 * the test: a test that needs n descriptors must not pass on fewer. */
static inline void raise_fd_limit(rlim_t n)
{
	struct rlimit rl;

	assert_int_equal(getrlimit(RLIMIT_NOFILE, &rl), 0);
	if (rl.rlim_cur >= n)
		return;
	assert_true(rl.rlim_max >= n);
	rl.rlim_cur = n;
	assert_int_equal(setrlimit(RLIMIT_NOFILE, &rl), 0);
}

static inline struct safepoll *make_instance(uint32_t capacity)
{
	struct safepoll *sp = NULL;

	assert_int_equal(safepoll_new(&sp, capacity, 0), 0);
	assert_non_null(sp);
	return sp;
}

/* safepoll_check, which must leave every slot's mask as it found it
 * whatever it answers: its scratch mark is a bit of the mask. */
static inline int check_keeping_masks(struct safepoll *sp)
{
	uint32_t *before = calloc(sp->capacity, sizeof *before);
	int rc;

	assert_non_null(before);
	for (uint32_t i = 0; i < sp->capacity; i++)
		before[i] = sp->regs[i].events;
	rc = safepoll_check(sp);
	for (uint32_t i = 0; i < sp->capacity; i++)
		if (sp->regs[i].events != before[i]) {
			fprintf(stderr, "check (%d) left slot %u's mask %#x, "
				"was %#x\n", rc, i, sp->regs[i].events,
				before[i]);
			free(before);
			fail();
		}
	free(before);
	return rc;
}

/* The table agrees with the kernel and no record is orphaned. */
static inline void assert_consistent(struct safepoll *sp)
{
	assert_int_equal(check_keeping_masks(sp), 0);
}

static inline void write_byte(int fd)
{
	assert_int_equal(write(fd, "x", 1), 1);
}

/* The one event a wait hands out. */
static inline struct safepoll_event wait_one(struct safepoll *sp)
{
	struct safepoll_event ev;

	assert_int_equal(safepoll_wait(sp, 16, 0), 1);
	assert_int_equal(safepoll_event(sp, 0, &ev), 1);
	assert_int_equal(safepoll_event(sp, 1, &ev), -ENOENT);
	return ev;
}

/* The idiomatic loop over the last wait's events: the live ones into
 * out[0 .. max - 1]; returns how many, having checked that the loop ended
 * at -ENOENT exactly at the count the wait returned. */
static inline int hand_out(struct safepoll *sp, struct safepoll_event *out,
			   int max)
{
	struct safepoll_event ev;
	uint32_t i;
	int rc, n = 0;

	for (i = 0; (rc = safepoll_event(sp, i, &ev)) >= 0; i++)
		if (rc == 1) {
			assert_true(n < max);
			out[n++] = ev;
		}
	assert_int_equal(rc, -ENOENT);
	assert_int_equal(i, sp->batch_len);
	return n;
}

/* Every test closes what it opened: its teardown counts the process's
 * open descriptors against the count its setup saw. */
static int open_fds_at_setup;

static inline int count_open_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	int n = 0;

	if (!d)
		return -1;
	while (readdir(d))
		n++;
	closedir(d);
	return n;
}

static inline int fds_mark(void **state)
{
	(void)state;
	open_fds_at_setup = count_open_fds();
	return 0;
}

static inline int fds_unchanged(void **state)
{
	int now = count_open_fds();

	(void)state;
	if (now == open_fds_at_setup && now > 0)
		return 0;
	fprintf(stderr, "descriptors: %d open before the test, %d after\n",
		open_fds_at_setup, now);
	return -1;
}

#define TEST(f) cmocka_unit_test_setup_teardown(f, fds_mark, fds_unchanged)

#endif
