/* The wrapper engine: `epoll`, `add`, `mod`, `del` and `wait` through
 * safepoll, everything else as raw system calls.  An operation on an
 * epoll number goes where the kernel would send it: to the safepoll
 * instance that owns the epoll file the number holds at that moment
 * (through a dup too: the same file is the same epoll), or raw to the
 * kernel when none can take it (the trace closed the instance's own fd
 * behind its back, so safepoll can no longer reach its epoll). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/epoll.h>

#include "replay.h"
#include "safepoll.h"

struct instance {
	struct safepoll *sp;
	int epfd;
	uint32_t file; /* the epoll file it made, in the engine's track */
	/* The batch of that file was last fetched raw (through a dup, while
	 * the instance's own number was gone): an `event` reads that batch,
	 * which safepoll never saw, once the number holds the file again. */
	bool raw_batch;
};

struct wrapper {
	struct instance *inst;
	size_t ninst, cap;
	struct replay_tokens tokens;
	uint64_t last_token; /* see replay_wrapper_token */
};

_Static_assert(TRACE_ROOM_MAX == SAFEPOLL_CAPACITY_MAX,
	       "instance's ROOM is safepoll_new's capacity");

/* A kernel datum of a safepoll epoll back to its label id: one of the
 * tokens learnt, or a raw add's or mod's; anything else stays as it is
 * (it prints as no label). */
static uint64_t label_of(const struct wrapper *w, uint32_t file, uint64_t d)
{
	uint64_t id;

	if (replay_tokens_find(&w->tokens, file, d, &id))
		return id;
	return REPLAY_IS_RAW(d) ? REPLAY_RAW_ID(d) : d;
}

static struct instance *owner(const struct replay_engine *e, int fd)
{
	const struct wrapper *w = e->state;
	uint32_t file = replay_file(&e->track, fd);

	for (size_t j = 0; file != 0 && j < w->ninst; j++)
		if (w->inst[j].file == file &&
		    replay_file(&e->track, w->inst[j].epfd) == file)
			return &w->inst[j];
	return NULL;
}

/* After a raw wait or fetch on number ep: the instance of that epoll
 * file, if any, no longer has the file's batch. */
static void raw_fetched(const struct replay_engine *e, int ep)
{
	const struct wrapper *w = e->state;
	uint32_t file = replay_file(&e->track, ep);

	for (size_t j = 0; file != 0 && j < w->ninst; j++)
		if (w->inst[j].file == file)
			w->inst[j].raw_batch = true;
}

/* A raw wait's data back to label ids. */
static void raw_labels(struct replay_engine *e, int ep,
		       const struct replay_outcome *o)
{
	const struct wrapper *w = e->state;
	uint32_t file = replay_file(&e->track, ep);

	/* Tokens first: safepoll's dead token (UINT64_MAX, for a mod of a
	 * number it has no record of) has a raw datum's form too. */
	for (size_t j = 0; j < o->nev; j++)
		e->ev[j].data = label_of(w, file, e->ev[j].data);
}

/* udata carries the label id; + 1 so that no registration has NULL. */
static void *udata_of(uint64_t id)
{
	return (void *)(uintptr_t)(id + 1);
}

struct sp_wait {
	struct safepoll *sp;
	int max, timeout, ret;
};

static void do_wait(void *arg)
{
	struct sp_wait *w = arg;

	w->ret = safepoll_wait(w->sp, w->max, w->timeout);
}

static void wrapper_wait(struct replay_engine *e, struct safepoll *sp,
			 const struct trace_op *op, struct replay_outcome *o)
{
	struct sp_wait w = {sp, op->max, op->timeout, 0};
	uint64_t before = safepoll_dropped(sp);
	struct safepoll_event ev;
	size_t n = 0;
	int r;

	if (op->timeout < 0 && replay_deadline(e->block_seconds, do_wait, &w)) {
		o->blocked = true;
		return;
	} else if (op->timeout >= 0) {
		do_wait(&w);
	}
	o->ret = w.ret;
	if (w.ret < 0)
		return;
	/* Each event read once, as an event loop reads them: each dead one
	 * is counted once.  No more than evcap (at least the trace's add
	 * count) can be live, so the bound never cuts the list short. */
	for (uint32_t i = 0; (r = safepoll_event(sp, i, &ev)) >= 0; i++) {
		if (r == 0 || n == e->evcap)
			continue;
		e->ev[n].data = (uint64_t)(uintptr_t)ev.udata - 1;
		e->ev[n].events = ev.events;
		n++;
	}
	o->nev = n;
	o->ret = (int64_t)n;
	o->dropped = safepoll_dropped(sp) - before;
}

/* safepoll's batch as label ids, kept for a later raw `event` on its
 * epoll file (through a dup, once the instance's own number is gone). */
static int keep_sp_batch(struct replay_engine *e, struct instance *in,
			 const struct replay_outcome *o)
{
	const struct wrapper *w = e->state;
	struct replay_event ev[TRACE_BATCH];
	/* A failed wait leaves the batch empty (safepoll_wait's contract). */
	uint32_t n = o->ret >= 0 ? in->sp->batch_len : 0;

	for (uint32_t j = 0; j < n && j < TRACE_BATCH; j++) {
		ev[j].data = label_of(w, in->file, in->sp->batch[j].data.u64);
		ev[j].events = in->sp->batch[j].events;
	}
	in->raw_batch = false;
	return replay_batch_keep(e, in->epfd, ev, n);
}

/* `event EP I` through safepoll: safepoll_event, a dead one as none. */
static void wrapper_event(struct replay_engine *e, struct safepoll *sp,
			  uint32_t i, struct replay_outcome *o)
{
	uint64_t before = safepoll_dropped(sp);
	struct safepoll_event ev;
	int r = safepoll_event(sp, i, &ev);

	o->ret = r;
	o->dropped = safepoll_dropped(sp) - before;
	if (r != 1)
		return;
	e->ev[0].data = (uint64_t)(uintptr_t)ev.udata - 1;
	e->ev[0].events = ev.events;
	o->nev = 1;
}

/* `waitarray EP MAX`: safepoll_wait_array into a buffer of as many as it
 * can store (a count the kernel refuses goes as it is: the buffer is not
 * looked at). */
static void wrapper_wait_array(struct replay_engine *e, struct safepoll *sp,
			       int max, struct replay_outcome *o)
{
	struct safepoll_event out[TRACE_BATCH];
	uint64_t before = safepoll_dropped(sp);
	int r = safepoll_wait_array(sp, out, replay_fetch_max(max), 0);

	o->ret = r;
	o->dropped = safepoll_dropped(sp) - before;
	for (int j = 0; j < r && (size_t)j < e->evcap; j++) {
		e->ev[j].data = (uint64_t)(uintptr_t)out[j].udata - 1;
		e->ev[j].events = out[j].events;
	}
	o->nev = r > 0 ? (size_t)r : 0;
}

/* `instance`'s start: every slot free at generation gen, as a table
 * whose slots were each released gen times would be (test-only: the
 * table is private). */
static void start_at(struct safepoll *sp, uint32_t gen)
{
	for (uint32_t j = 0; j < sp->capacity; j++)
		sp->regs[j].token = (uint64_t)gen << 32 | UINT32_MAX;
}

static int new_instance(struct replay_engine *e, size_t i,
			struct replay_outcome *o)
{
	struct wrapper *w = e->state;
	const struct trace_op *op = &e->track.t->ops[i];
	struct safepoll *sp = NULL;
	struct instance *in;
	int r = safepoll_new(&sp, replay_wrapper_room(e->track.t, op), 0);

	o->ret = r < 0 ? r : 0;
	o->fds[0] = r < 0 ? -1 : safepoll_fd(sp);
	if (r == 0 && op->kind == TRACE_INSTANCE)
		start_at(sp, op->gen);
	if (replay_track_apply(&e->track, i, o) < 0 || r < 0) {
		safepoll_free(sp);
		return r < 0 ? 0 : -1;
	}
	if (w->ninst == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 8;

		in = realloc(w->inst, cap * sizeof(*in));
		if (!in) {
			safepoll_free(sp);
			return -1;
		}
		w->inst = in;
		w->cap = cap;
	}
	w->inst[w->ninst++] = (struct instance){
		sp, o->fds[0], replay_file(&e->track, o->fds[0]), false};
	return 0;
}

/* safepoll refused an add or mod on its own (a bit it does not know, or
 * no slot): the engine makes the call raw, so that the epoll holds what
 * the kernel's and the model's do and the trace goes on as theirs.
 * safepoll never learnt of the registration: it must drop its events.
 * The line keeps safepoll's answer; the track follows the kernel's. */
static int complete_raw(struct replay_engine *e, size_t i)
{
	struct replay_outcome raw = {.fds = {-1, -1}};

	replay_kernel_raw(e, i, &raw);
	return replay_track_apply(&e->track, i, &raw);
}

static int wrapper_op(struct replay_engine *e, size_t i,
		      struct replay_outcome *o)
{
	struct wrapper *w = e->state;
	const struct trace_op *op = &e->track.t->ops[i];
	int fd = replay_fd(&e->track, op->fd),
	    ep = replay_fd(&e->track, op->ep);
	struct instance *in = NULL;
	uint64_t id = i;

	if (op->kind == TRACE_EPOLL || op->kind == TRACE_INSTANCE)
		return new_instance(e, i, o);
	if (op->kind == TRACE_ADD || op->kind == TRACE_MOD ||
	    op->kind == TRACE_DEL || op->kind == TRACE_WAIT ||
	    op->kind == TRACE_FETCH || op->kind == TRACE_EVENT ||
	    op->kind == TRACE_DELCLOSE || op->kind == TRACE_WAITARRAY)
		in = owner(e, ep);
	if (op->kind == TRACE_MOD)
		id = replay_mod_data(&e->track, i);
	if (!in) {
		replay_kernel_raw(e, i, o);
		if (op->kind == TRACE_WAIT || op->kind == TRACE_FETCH ||
		    op->kind == TRACE_WAITARRAY)
			raw_labels(e, ep, o);
		if ((op->kind == TRACE_WAIT || op->kind == TRACE_FETCH ||
		     op->kind == TRACE_WAITARRAY) &&
		    !o->blocked) {
			raw_fetched(e, ep);
			if (replay_batch_keep(e, ep, e->ev,
					      replay_batch_len(o)) < 0)
				return -1;
		}
	} else if (op->kind == TRACE_FETCH) {
		o->ret = safepoll_wait(in->sp, replay_fetch_max(op->max), 0);
		if (keep_sp_batch(e, in, o) < 0)
			return -1;
	} else if (op->kind == TRACE_WAITARRAY) {
		wrapper_wait_array(e, in->sp, op->max, o);
		if (keep_sp_batch(e, in, o) < 0)
			return -1;
	} else if (op->kind == TRACE_EVENT && in->raw_batch) {
		replay_batch_event(e, ep, (uint32_t)op->max, o);
	} else if (op->kind == TRACE_EVENT) {
		wrapper_event(e, in->sp, (uint32_t)op->max, o);
	} else if (op->kind == TRACE_ADD) {
		o->ret = safepoll_add(in->sp, fd, op->events, udata_of(id));
	} else if (op->kind == TRACE_MOD) {
		o->ret = safepoll_mod(in->sp, fd, op->events, udata_of(id));
	} else if (op->kind == TRACE_DEL) {
		o->ret = safepoll_del(in->sp, fd);
	} else if (op->kind == TRACE_DELCLOSE) {
		o->ret = safepoll_close(in->sp, fd);
	} else {
		wrapper_wait(e, in->sp, op, o);
		if (!o->blocked && keep_sp_batch(e, in, o) < 0)
			return -1;
	}
	if (o->blocked)
		return 0;
	if (in && replay_wrapper_own(op, o->ret))
		return complete_raw(e, i);
	if (in && (op->kind == TRACE_ADD || op->kind == TRACE_MOD) &&
	    o->ret == 0 &&
	    replay_tokens_learn(&w->tokens, in->file, in->epfd, fd, id,
				&w->last_token) < 0)
		return -1;
	return replay_track_apply(&e->track, i, o);
}

uint64_t replay_wrapper_token(const struct replay_engine *e)
{
	const struct wrapper *w = e->state;

	return w->last_token;
}

bool replay_wrapper_dead_label(const struct replay_engine *e, int ep,
			       uint64_t id)
{
	const struct wrapper *w = e->state;

	return replay_tokens_dead(&w->tokens, replay_file(&e->track, ep), id);
}

bool replay_wrapper_raw(const struct replay_engine *e, size_t i)
{
	const struct trace_op *op = &e->track.t->ops[i];
	const struct instance *in = owner(e, replay_fd(&e->track, op->ep));

	return !in || (op->kind == TRACE_EVENT && in->raw_batch);
}

bool replay_wrapper_same_event(const struct replay_engine *e, int ep,
			       bool raw, const struct replay_event *a,
			       const struct replay_event *b)
{
	if (a->events != b->events)
		return false;
	if (a->data == b->data)
		return true;
	return raw && replay_wrapper_dead_label(e, ep, a->data) &&
	       replay_wrapper_dead_label(e, ep, b->data);
}

int replay_wrapper_check(struct replay_engine *e, struct trace_buf *notes)
{
	const struct wrapper *w = e->state;
	int failed = 0;

	for (size_t j = 0; j < w->ninst; j++) {
		const struct instance *in = &w->inst[j];
		int r;

		/* An instance whose number the trace closed cannot be
		 * checked: its epoll is gone or is another's. */
		if (owner(e, in->epfd) != in)
			continue;
		r = safepoll_check(in->sp);
		if (r >= 0)
			continue;
		trace_buf_printf(notes,
				 "! wrapper: safepoll_check of epoll fd %d => "
				 "%s\n",
				 in->epfd, trace_errno_name(-r));
		failed++;
	}
	return failed;
}

static void wrapper_fini(struct replay_engine *e)
{
	struct wrapper *w = e->state;

	replay_kernel_free(e->raw);
	e->raw = NULL;
	if (!w)
		return;
	/* An orphan's close may hit a number the trace reused: harmless
	 * once the run is over. */
	for (size_t j = 0; j < w->ninst; j++)
		safepoll_free(w->inst[j].sp);
	free(w->inst);
	replay_tokens_free(&w->tokens);
	free(w);
	e->state = NULL;
}

int replay_wrapper_init(struct replay_engine *e, const struct trace *t)
{
	struct wrapper *w;

	/* The trace's 0x words must be exactly what safepoll refuses. */
	if (trace_word_bits() != SAFEPOLL_EVENTS ||
	    replay_engine_setup(e, t, "wrapper") < 0)
		return -1;
	e->op = wrapper_op;
	e->fini = wrapper_fini;
	e->raw_data = true;
	e->raw = replay_kernel_new(e->evcap);
	w = calloc(1, sizeof(*w));
	e->state = w;
	if (!w || !e->raw)
		return -1;
	return 0;
}

uint32_t replay_wrapper_room(const struct trace *t, const struct trace_op *op)
{
	if (op->kind == TRACE_INSTANCE)
		return op->room;
	/* Room for every registration the trace can make, so that safepoll
	 * never refuses for want of it (the kernel would not). */
	return t->nadds == 0			   ? 1
	       : t->nadds < SAFEPOLL_CAPACITY_MAX ? (uint32_t)t->nadds
						   : SAFEPOLL_CAPACITY_MAX;
}
