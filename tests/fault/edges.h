/* The fixture of the fault build's edge tests: one instance of 4 slots
 * with p[0] registered, and safepoll_check run over a scripted fdinfo. */
#ifndef SAFEPOLL_TESTS_FAULT_EDGES_H
#define SAFEPOLL_TESTS_FAULT_EDGES_H

#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

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

static inline int setup(void **state)
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

static inline int teardown(void **state)
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
static inline int check_with(struct fix *f, const char *fmt, unsigned long long a,
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

static inline unsigned long long token(struct fix *f)
{
	return f->sp->regs[f->slot].token;
}

#define EDGE(t) cmocka_unit_test_setup_teardown(t, setup, teardown)

#endif
