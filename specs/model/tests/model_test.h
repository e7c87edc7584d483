/* Shared helpers of the model's unit tests.  Every expected value in these
 * tests was measured on the reference kernel (Linux 6.18 x86_64) with the
 * same sequence of system calls; where an older kernel answers otherwise,
 * the test expects what the switch of kernel() (model_kernel.h) says, and
 * inside each kernel of make kernels the -kernel build checks that the
 * switch is right for it. */
#ifndef SPMODEL_MODEL_TEST_H
#define SPMODEL_MODEL_TEST_H

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "../model.h"
#include "../model_kernel.h"

#define IN 0x001u
#define PRI 0x002u
#define OUT 0x004u
#define ERR 0x008u
#define HUP 0x010u
#define NVAL 0x020u
#define RDNORM 0x040u
#define RDBAND 0x080u
#define WRNORM 0x100u
#define WRBAND 0x200u
#define RDHUP 0x2000u
#define EXCLUSIVE (1u << 28)
#define WAKEUP (1u << 29)
#define ONESHOT (1u << 30)
#define ET (1u << 31)

#define ADD 1
#define DEL 2
#define MOD 3

/* The kernel whose answers the test expects: the running one, or on the
 * model build the release in SPMODEL_TEST_LINUX (make test-kernels-model
 * runs the model's tests so for each checked kernel).  The -kernel build
 * (MODEL_TEST_ON_KERNEL) asks the running kernel, which no variable can
 * change. */
static inline const struct model_kernel *kernel(void)
{
#ifndef MODEL_TEST_ON_KERNEL
	static int set;
	const char *v = getenv("SPMODEL_TEST_LINUX");

	if (!set && v && *v) {
		set = 1;
		if (model_set_linux(v) < 0)
			fail_msg("SPMODEL_TEST_LINUX=%s: not a release X.Y the "
				 "model knows (5.10 or later)", v);
	}
#endif
	return model_kernel_current();
}

static inline struct model *new_model(void)
{
	struct model *m;

	(void)kernel(); /* SPMODEL_TEST_LINUX before the first model */
	m = model_new(20000);

	assert_non_null(m);
	return m;
}

static inline int new_epoll(struct model *m)
{
	int ep = model_epoll_create1(m);

	assert_true(ep >= 3);
	return ep;
}

static inline void new_pipe(struct model *m, int p[2])
{
	assert_int_equal(model_pipe2(m, p), 0);
}

static inline void new_socketpair(struct model *m, int s[2])
{
	assert_int_equal(model_socketpair(m, s), 0);
}

/* epoll_ctl(ADD) with data = the fd, which must succeed */
static inline void add_ok(struct model *m, int ep, int fd, uint32_t events)
{
	assert_int_equal(model_epoll_ctl(m, ep, ADD, fd, events, (uint64_t)fd),
			 0);
}

/* A wait that must return exactly the n (data, events) pairs given. */
static inline void expect_wait(struct model *m, int ep, int max, int n, ...)
{
	struct model_event ev[64];
	va_list ap;
	int got = model_epoll_wait(m, ep, ev, max, 0);

	assert_int_equal(got, n);
	va_start(ap, n);
	for (int i = 0; i < n; i++) {
		uint64_t data = (uint64_t)va_arg(ap, int);
		uint32_t events = va_arg(ap, uint32_t);

		assert_int_equal(ev[i].data, data);
		assert_int_equal(ev[i].events, events);
	}
	va_end(ap);
}

#endif
