/* Making and ending instances, and every bad argument of those calls. */
#include <stdlib.h>
#include <sys/resource.h>

#include "helpers.h"

static struct safepoll_reg regs[8];

static void test_init_and_fini(void **state)
{
	struct safepoll sp;
	struct safepoll_event ev;
	int p[2];

	(void)state;
	assert_int_equal(safepoll_init(&sp, regs, 8, 0), 0);
	assert_true(safepoll_fd(&sp) > 2);
	assert_int_equal(safepoll_dropped(&sp), 0);
	assert_int_equal(safepoll_event(&sp, 0, &ev), -ENOENT);
	assert_consistent(&sp);
	make_pipe(p);
	assert_int_equal(safepoll_add(&sp, p[1], EPOLLOUT, NULL), 0);
	assert_int_equal(safepoll_wait(&sp, 4, 0), 1);
	assert_int_equal(safepoll_fini(&sp), 0);
	assert_int_equal(safepoll_fd(&sp), -1);
	/* The last wait's events went with the epoll fd. */
	assert_int_equal(safepoll_event(&sp, 0, &ev), -ENOENT);
	assert_int_equal(safepoll_wait(&sp, 4, 0), -EBADF);
	close(p[0]);
	close(p[1]);
}

static void test_init_null_pointers(void **state)
{
	struct safepoll sp;

	(void)state;
	assert_int_equal(safepoll_init(NULL, regs, 8, 0), -EFAULT);
	assert_int_equal(safepoll_init(&sp, NULL, 8, 0), -EFAULT);
	assert_int_equal(safepoll_init(NULL, NULL, 8, 0), -EFAULT);
	assert_int_equal(safepoll_new(NULL, 8, 0), -EFAULT);
}

static void test_init_capacity_zero(void **state)
{
	struct safepoll sp;
	struct safepoll *p = (struct safepoll *)1;

	(void)state;
	assert_int_equal(safepoll_init(&sp, regs, 0, 0), -EINVAL);
	assert_int_equal(safepoll_new(&p, 0, 0), -EINVAL);
	assert_null(p);
}

/* A negative int passed as the capacity arrives as a huge unsigned. */
static void test_init_capacity_negative(void **state)
{
	struct safepoll sp;
	struct safepoll *p;
	int negative = -1;

	(void)state;
	assert_int_equal(safepoll_init(&sp, regs, (uint32_t)negative, 0),
			 -EINVAL);
	assert_int_equal(safepoll_new(&p, (uint32_t)negative, 0), -EINVAL);
}

static void test_init_capacity_huge(void **state)
{
	struct safepoll *p, sp;

	(void)state;
	assert_int_equal(safepoll_new(&p, SAFEPOLL_CAPACITY_MAX + 1, 0),
			 -EINVAL);
	assert_int_equal(safepoll_init(&sp, regs, SAFEPOLL_CAPACITY_MAX + 1, 0),
			 -EINVAL);
	/* The largest capacity is accepted: 512 MiB, allocated lazily. */
	assert_int_equal(safepoll_new(&p, SAFEPOLL_CAPACITY_MAX, 0), 0);
	assert_int_equal(safepoll_free(p), 0);
}

static void test_init_unknown_flag(void **state)
{
	struct safepoll sp;
	struct safepoll *p;

	(void)state;
	assert_int_equal(safepoll_init(&sp, regs, 8, 2), -EINVAL);
	p = (struct safepoll *)1;
	assert_int_equal(safepoll_new(&p, 8, 0x80000000u), -EINVAL);
	assert_null(p);
}

/* epoll_create1's own error comes back when no descriptor is left. */
static void test_init_emfile(void **state)
{
	struct rlimit old, low;
	struct safepoll sp;

	(void)state;
	assert_int_equal(getrlimit(RLIMIT_NOFILE, &old), 0);
	low = old;
	low.rlim_cur = 3;
	assert_int_equal(setrlimit(RLIMIT_NOFILE, &low), 0);
	int rc = safepoll_init(&sp, regs, 8, 0);
	assert_int_equal(setrlimit(RLIMIT_NOFILE, &old), 0);
	assert_int_equal(rc, -EMFILE);
}

/* The layouts are ABI (safepoll_loop.h reads them inline): a slot is 32
 * bytes, the batch lives inside the instance, and the slots safepoll_new
 * puts right after the instance are aligned for their type. */
static void test_layout(void **state)
{
	struct safepoll *p;

	(void)state;
	assert_int_equal(sizeof(struct safepoll_reg), 32);
	assert_int_equal(sizeof(struct epoll_event), 12);
	assert_int_equal(sizeof(((struct safepoll *)0)->batch),
			 SAFEPOLL_BATCH * sizeof(struct epoll_event));
	assert_int_equal(SAFEPOLL_BATCH, 1024);
	assert_int_equal(sizeof(struct safepoll) % _Alignof(struct safepoll_reg),
			 0);
	assert_int_equal(SAFEPOLL_EP_MAX_EVENTS,
			 0x7fffffff / sizeof(struct epoll_event));
	assert_int_equal(safepoll_new(&p, 3, 0), 0);
	assert_ptr_equal(p->regs, (struct safepoll_reg *)(p + 1));
	assert_int_equal((uintptr_t)p->regs % _Alignof(struct safepoll_reg), 0);
	assert_int_equal(p->batch_len, 0);
	assert_int_equal(safepoll_free(p), 0);
}

static void test_free_null_and_static(void **state)
{
	struct safepoll sp;

	(void)state;
	assert_int_equal(safepoll_free(NULL), 0);
	assert_int_equal(safepoll_fini(NULL), -EFAULT);
	assert_int_equal(safepoll_init(&sp, regs, 8, 0), 0);
	/* Storage that safepoll did not allocate is not freed. */
	assert_int_equal(safepoll_free(&sp), -EINVAL);
	assert_int_equal(safepoll_fini(&sp), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_init_and_fini),
		TEST(test_init_null_pointers),
		TEST(test_init_capacity_zero),
		TEST(test_init_capacity_negative),
		TEST(test_init_capacity_huge),
		TEST(test_init_unknown_flag),
		TEST(test_init_emfile),
		TEST(test_layout),
		TEST(test_free_null_and_static),
	};
	return cmocka_run_group_tests_name("instance", tests, NULL, NULL);
}
