/* safepoll_event, the indexed accessor of the last wait's events, and the
 * batch inside the instance: what each index gives, what an earlier
 * handler in the same batch changes for a later event, and the clamp of
 * maxevents to SAFEPOLL_BATCH. */
#include <limits.h>
#include <string.h>

#include "helpers.h"

/* Pipes whose read ends are registered and ready, udata = &p[i][0]. */
static int (*ready_pipes(struct safepoll *sp, int n))[2]
{
	int(*p)[2] = calloc((size_t)n, sizeof *p);

	assert_non_null(p);
	for (int i = 0; i < n; i++) {
		make_pipe(p[i]);
		assert_int_equal(safepoll_add(sp, p[i][0], EPOLLIN, &p[i][0]),
				 0);
		write_byte(p[i][1]);
	}
	return p;
}

static void close_pipes(int (*p)[2], int n)
{
	for (int i = 0; i < n; i++) {
		if (p[i][0] >= 0)
			close(p[i][0]);
		close(p[i][1]);
	}
	free(p);
}

/* Every index from the count on ends the loop, and changes nothing: no
 * drop is counted, *ev is not written. */
static void test_event_past_the_count(void **state)
{
	struct safepoll *sp = make_instance(4);
	struct safepoll_event ev, poison;
	int(*p)[2];

	(void)state;
	memset(&poison, 0xa5, sizeof poison);
	/* No wait yet: nothing to hand out. */
	ev = poison;
	assert_int_equal(safepoll_event(sp, 0, &ev), -ENOENT);
	assert_memory_equal(&ev, &poison, sizeof ev);
	/* A wait that fetched nothing. */
	assert_int_equal(safepoll_wait(sp, 4, 0), 0);
	assert_int_equal(safepoll_event(sp, 0, &ev), -ENOENT);
	p = ready_pipes(sp, 2);
	assert_int_equal(safepoll_wait(sp, 4, 0), 2);
	const uint32_t past[] = {2, 3, SAFEPOLL_BATCH, INT_MAX, UINT32_MAX};
	for (unsigned k = 0; k < sizeof past / sizeof past[0]; k++) {
		ev = poison;
		assert_int_equal(safepoll_event(sp, past[k], &ev), -ENOENT);
		assert_memory_equal(&ev, &poison, sizeof ev);
	}
	/* The events before the count are still there, in any order. */
	assert_int_equal(safepoll_event(sp, 1, &ev), 1);
	assert_int_equal(safepoll_event(sp, 0, &ev), 1);
	assert_int_equal(safepoll_dropped(sp), 0);
	close_pipes(p, 2);
	safepoll_free(sp);
}

/* NULL is refused before the index is looked at. */
static void test_event_null(void **state)
{
	struct safepoll *sp = make_instance(4);
	struct safepoll_event ev;
	int(*p)[2] = ready_pipes(sp, 1);

	(void)state;
	assert_int_equal(safepoll_wait(sp, 4, 0), 1);
	assert_int_equal(safepoll_event(NULL, 0, &ev), -EFAULT);
	assert_int_equal(safepoll_event(sp, 0, NULL), -EFAULT);
	assert_int_equal(safepoll_event(NULL, 0, NULL), -EFAULT);
	assert_int_equal(safepoll_event(sp, 5, NULL), -EFAULT);
	assert_int_equal(safepoll_event(NULL, 5, &ev), -EFAULT);
	assert_int_equal(safepoll_dropped(sp), 0);
	assert_int_equal(safepoll_event(sp, 0, &ev), 1);
	close_pipes(p, 1);
	safepoll_free(sp);
}

/* A live event gives its registration's udata and fd and the kernel's
 * bits, as often as it is read. */
static void test_event_live(void **state)
{
	struct safepoll *sp = make_instance(4);
	struct safepoll_event ev;
	int p[2], tag;

	(void)state;
	make_pipe(p);
	assert_int_equal(safepoll_add(sp, p[1], EPOLLOUT | EPOLLET, &tag), 0);
	assert_int_equal(safepoll_wait(sp, 4, 0), 1);
	for (int k = 0; k < 2; k++) {
		memset(&ev, 0, sizeof ev);
		assert_int_equal(safepoll_event(sp, 0, &ev), 1);
		assert_ptr_equal(ev.udata, &tag);
		assert_int_equal(ev.fd, p[1]);
		assert_int_equal(ev.events, EPOLLOUT);
	}
	assert_int_equal(safepoll_dropped(sp), 0);
	close(p[0]);
	close(p[1]);
	safepoll_free(sp);
}

/* Two ready registrations in one batch; the handler of the first ends the
 * other's in one of three ways.  The second event is dead: 0, counted
 * once per read, *ev left alone. */
enum end_by { BY_DEL, BY_CLOSE, BY_DEL_AND_ADD };

static void dead_in_batch(enum end_by how)
{
	struct safepoll *sp = make_instance(4);
	struct safepoll_event ev, poison;
	int(*p)[2] = ready_pipes(sp, 2);
	int q[2];

	assert_int_equal(safepoll_wait(sp, 4, 0), 2);
	assert_int_equal(safepoll_event(sp, 0, &ev), 1);
	int first = ev.fd == p[0][0] ? 0 : 1, other = 1 - first;
	assert_ptr_equal(ev.udata, &p[first][0]);
	switch (how) {
	case BY_DEL:
		assert_int_equal(safepoll_del(sp, p[other][0]), 0);
		break;
	case BY_CLOSE:
		assert_int_equal(safepoll_close(sp, p[other][0]), 0);
		p[other][0] = -1;
		break;
	case BY_DEL_AND_ADD:
		/* The slot is taken again at once, by another ready fd. */
		assert_int_equal(safepoll_del(sp, p[other][0]), 0);
		make_pipe(q);
		write_byte(q[1]);
		assert_int_equal(safepoll_add(sp, q[0], EPOLLIN, q), 0);
		/* The very slot the dead event names: only its generation
		 * tells the two apart. */
		uint32_t slot = (uint32_t)sp->batch[1].data.u64;
		assert_true(slot < sp->capacity);
		assert_int_equal(sp->regs[slot].fd, q[0]);
		assert_int_equal(sp->regs[slot].token >> 32,
				 (sp->batch[1].data.u64 >> 32) + 1);
		break;
	}
	memset(&poison, 0x5a, sizeof poison);
	ev = poison;
	assert_int_equal(safepoll_event(sp, 1, &ev), 0);
	assert_memory_equal(&ev, &poison, sizeof ev);
	assert_int_equal(safepoll_dropped(sp), 1);
	/* Each read of a dead event counts. */
	assert_int_equal(safepoll_event(sp, 1, &ev), 0);
	assert_int_equal(safepoll_dropped(sp), 2);
	assert_int_equal(safepoll_event(sp, 2, &ev), -ENOENT);
	assert_int_equal(safepoll_dropped(sp), 2);
	/* The first is still live. */
	assert_int_equal(safepoll_event(sp, 0, &ev), 1);
	assert_ptr_equal(ev.udata, &p[first][0]);
	assert_consistent(sp);
	if (how == BY_DEL_AND_ADD) {
		/* The next wait hands the newcomer out, under its own udata. */
		struct safepoll_event out[2];
		assert_int_equal(safepoll_wait(sp, 4, 0), 2);
		assert_int_equal(hand_out(sp, out, 2), 2);
		assert_true(out[0].udata == q || out[1].udata == q);
		close(q[0]);
		close(q[1]);
	}
	assert_int_equal(safepoll_dropped(sp), 2);
	close_pipes(p, 2);
	safepoll_free(sp);
}

static void test_event_deleted_by_earlier_handler(void **state)
{
	(void)state;
	dead_in_batch(BY_DEL);
}

static void test_event_closed_by_earlier_handler(void **state)
{
	(void)state;
	dead_in_batch(BY_CLOSE);
}

static void test_event_slot_reused_by_earlier_handler(void **state)
{
	(void)state;
	dead_in_batch(BY_DEL_AND_ADD);
}

/* A mod by an earlier handler moves the registration's generation: the
 * event fetched before it carries the old token and is dropped.  It is
 * not lost: the kernel re-queues an item a mod finds ready (ep_modify),
 * so the next wait reports it with the new token, udata and mask, even
 * edge-triggered with no new byte. */
static void test_event_modded_by_earlier_handler(void **state)
{
	struct safepoll *sp = make_instance(4);
	struct safepoll_event ev, out[2];
	int a[2], b[2], tag_a, tag_b, tag_b2;

	(void)state;
	make_pipe(a);
	make_pipe(b);
	assert_int_equal(safepoll_add(sp, a[0], EPOLLIN, &tag_a), 0);
	assert_int_equal(safepoll_add(sp, b[0], EPOLLIN | EPOLLET, &tag_b), 0);
	/* Ready in this order, reported in it (ep_poll_callback queues at
	 * the tail). */
	write_byte(a[1]);
	write_byte(b[1]);
	assert_int_equal(safepoll_wait(sp, 4, 0), 2);
	assert_int_equal(safepoll_event(sp, 0, &ev), 1);
	assert_ptr_equal(ev.udata, &tag_a);
	assert_int_equal(
		safepoll_mod(sp, b[0], EPOLLIN | EPOLLRDHUP | EPOLLET, &tag_b2),
		0);
	assert_int_equal(safepoll_event(sp, 1, &ev), 0);
	assert_int_equal(safepoll_dropped(sp), 1);
	assert_int_equal(safepoll_event(sp, 2, &ev), -ENOENT);
	/* The next wait: a again (level-triggered), and b with the mod's
	 * udata and no stale copy of its old one. */
	assert_int_equal(safepoll_wait(sp, 4, 0), 2);
	assert_int_equal(hand_out(sp, out, 2), 2);
	assert_ptr_equal(out[0].udata, &tag_a);
	assert_ptr_equal(out[1].udata, &tag_b2);
	assert_int_equal(out[1].fd, b[0]);
	assert_int_equal(out[1].events, EPOLLIN);
	assert_int_equal(safepoll_dropped(sp), 1);
	assert_consistent(sp);
	close(a[0]);
	close(a[1]);
	close(b[0]);
	close(b[1]);
	safepoll_free(sp);
}

/* A wait fetches at most SAFEPOLL_BATCH events, whatever maxevents says;
 * the rest come in the waits after. */
static void test_event_batch_clamp(void **state)
{
	/* ASK: a maxevents above the batch, below the kernel's bound. */
	enum { N = SAFEPOLL_BATCH + 6, ASK = N + 100 };
	static struct safepoll_event out[ASK];
	static char seen[N];
	struct safepoll *sp;
	struct safepoll_event ev = {0};
	int(*p)[2], rc;
	uint32_t i;

	(void)state;
	/* Two descriptors a pipe: more than the usual soft limit of 1024. */
	raise_fd_limit(2 * N + 64);
	sp = make_instance(N);
	p = ready_pipes(sp, N);
	memset(seen, 0, sizeof seen);
	assert_int_equal(safepoll_wait(sp, ASK, 0), SAFEPOLL_BATCH);
	assert_int_equal(sp->batch_len, SAFEPOLL_BATCH);
	for (i = 0; (rc = safepoll_event(sp, i, &ev)) >= 0; i++) {
		int *fd = ev.udata;
		assert_int_equal(rc, 1);
		assert_int_equal(*fd, ev.fd);
		int idx = (int)((int(*)[2])fd - p);
		assert_true(idx >= 0 && idx < N);
		assert_false(seen[idx]);
		seen[idx] = 1;
	}
	assert_int_equal(i, SAFEPOLL_BATCH);
	/* Read what was handed out: the next wait has the 6 left. */
	for (int j = 0; j < N; j++) {
		char c;
		if (seen[j])
			assert_int_equal(read(p[j][0], &c, 1), 1);
	}
	assert_int_equal(safepoll_wait(sp, ASK, 0), N - SAFEPOLL_BATCH);
	assert_int_equal(hand_out(sp, out, ASK), N - SAFEPOLL_BATCH);
	for (int j = 0; j < N - SAFEPOLL_BATCH; j++) {
		int idx = (int)((int(*)[2])out[j].udata - p);
		assert_false(seen[idx]);
	}
	/* The bound, around it, and in the array form. */
	for (int j = 0; j < N; j++)
		if (seen[j])
			write_byte(p[j][1]);
	assert_int_equal(safepoll_wait(sp, SAFEPOLL_BATCH + 1, 0),
			 SAFEPOLL_BATCH);
	assert_int_equal(safepoll_wait(sp, SAFEPOLL_BATCH, 0), SAFEPOLL_BATCH);
	assert_int_equal(safepoll_wait(sp, SAFEPOLL_BATCH - 1, 0),
			 SAFEPOLL_BATCH - 1);
	assert_int_equal(safepoll_wait(sp, SAFEPOLL_EP_MAX_EVENTS, 0),
			 SAFEPOLL_BATCH);
	assert_int_equal(safepoll_wait(sp, SAFEPOLL_EP_MAX_EVENTS + 1, 0),
			 -EINVAL);
	assert_int_equal(safepoll_wait(sp, ASK, 5), SAFEPOLL_BATCH);
	assert_int_equal(safepoll_wait_array(sp, out, ASK, 0),
			 SAFEPOLL_BATCH);
	assert_int_equal(safepoll_wait_array(sp, out, ASK, 5),
			 SAFEPOLL_BATCH);
	assert_int_equal(safepoll_dropped(sp), 0);
	close_pipes(p, N);
	safepoll_free(sp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_event_past_the_count),
		TEST(test_event_null),
		TEST(test_event_live),
		TEST(test_event_deleted_by_earlier_handler),
		TEST(test_event_closed_by_earlier_handler),
		TEST(test_event_slot_reused_by_earlier_handler),
		TEST(test_event_modded_by_earlier_handler),
		TEST(test_event_batch_clamp),
	};
	return cmocka_run_group_tests_name("event", tests, NULL, NULL);
}
