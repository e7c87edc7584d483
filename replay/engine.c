/* What every engine shares: its bookkeeping, its event buffer, and how
 * what it did becomes a LANGUAGE.md result line. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "replay.h"

int replay_engine_setup(struct replay_engine *e, const struct trace *t,
			const char *name)
{
	memset(e, 0, sizeof(*e));
	e->name = name;
	e->block_seconds = REPLAY_BLOCK_SECONDS;
	/* Each registration is at most once on a ready list, and each came
	 * from an `add`: that many events is the most a wait can return,
	 * whatever MAX says.  Room for the trace's largest MAX too (within
	 * reason) only spares valgrind's check of the whole range. */
	e->evcap = t->nadds ? t->nadds : 1;
	for (size_t i = 0; i < t->nops; i++)
		if (t->ops[i].kind == TRACE_WAIT && t->ops[i].max > 0 &&
		    (size_t)t->ops[i].max > e->evcap &&
		    t->ops[i].max <= REPLAY_EVENTS_SPARE)
			e->evcap = (size_t)t->ops[i].max;
	e->ev = calloc(e->evcap, sizeof(*e->ev));
	e->tev = calloc(e->evcap, sizeof(*e->tev));
	e->scratch = calloc(e->evcap, sizeof(*e->scratch));
	if (replay_track_init(&e->track, t) < 0 || !e->ev || !e->tev ||
	    !e->scratch)
		return -1;
	return 0;
}

void replay_engine_fini(struct replay_engine *e)
{
	/* Each engine frees what it made, e->raw included. */
	if (e->fini)
		e->fini(e);
	replay_track_free(&e->track);
	free(e->ev);
	free(e->tev);
	free(e->scratch);
	free(e->batches);
	memset(e, 0, sizeof(*e));
}

static void to_result(const struct replay_engine *e, const struct trace_op *op,
		      const struct replay_outcome *o, struct trace_result *r)
{
	memset(r, 0, sizeof(*r));
	if (o->ret < 0) {
		r->kind = TRACE_R_ERRNO;
		r->err = (int)-o->ret;
		return;
	}
	switch (op->kind) {
	case TRACE_WRITE:
	case TRACE_PIPESIZE:
		r->kind = TRACE_R_COUNT;
		r->count = o->ret;
		break;
	case TRACE_READ:
		/* Only a full 8-byte read has a counter to show; a shorter
		 * one (the number now holds another file) is a count. */
		r->kind = op->eventfd && o->ret == 8 ? TRACE_R_VALUE
						     : TRACE_R_COUNT;
		r->count = o->ret;
		r->value = o->value;
		break;
	case TRACE_POLL:
		r->kind = TRACE_R_POLL;
		r->revents = o->revents;
		break;
	case TRACE_FETCH:
		r->kind = TRACE_R_COUNT;
		r->count = o->ret;
		break;
	case TRACE_WAIT:
	case TRACE_EVENT:
	case TRACE_WAITARRAY:
		r->kind = TRACE_R_WAIT;
		for (size_t j = 0; j < o->nev; j++) {
			e->tev[j].label = replay_label(
				e->track.t, e->ev[j].data, e->scratch[j]);
			e->tev[j].events = e->ev[j].events;
		}
		r->ev = e->tev;
		r->nev = o->nev;
		break;
	default: r->kind = TRACE_R_OK; break;
	}
}

void replay_line(struct trace_buf *b, const struct replay_engine *e, size_t i,
		 const struct replay_outcome *o)
{
	struct trace_result r;

	to_result(e, &e->track.t->ops[i], o, &r);
	trace_print_line(b, &e->track.t->ops[i], &r);
}

/* The batch of the last wait or fetch on each epoll file, for `event`:
 * label ids, as the engine's waits give them. */
struct replay_batch {
	uint32_t file;
	uint32_t n;
	struct replay_event ev[TRACE_BATCH];
};

static struct replay_batch *batch_of(struct replay_engine *e, uint32_t file,
				     bool make)
{
	struct replay_batch *b;

	for (size_t j = 0; j < e->nbatches; j++)
		if (e->batches[j].file == file)
			return &e->batches[j];
	if (!make)
		return NULL;
	b = realloc(e->batches, (e->nbatches + 1) * sizeof(*b));
	if (!b)
		return NULL;
	e->batches = b;
	b = &b[e->nbatches++];
	b->file = file;
	b->n = 0;
	return b;
}

int replay_batch_keep(struct replay_engine *e, int ep,
		      const struct replay_event *ev, size_t n)
{
	uint32_t file = replay_file(&e->track, ep);
	struct replay_batch *b;

	if (file == 0)
		return 0;
	b = batch_of(e, file, true);
	if (!b)
		return -1;
	b->n = (uint32_t)(n < TRACE_BATCH ? n : TRACE_BATCH);
	memcpy(b->ev, ev, b->n * sizeof(b->ev[0]));
	return 0;
}

void replay_batch_event(struct replay_engine *e, int ep, uint32_t i,
			struct replay_outcome *o)
{
	const struct replay_batch *b =
		batch_of(e, replay_file(&e->track, ep), false);

	if (!b || i >= b->n) {
		o->ret = -ENOENT;
		return;
	}
	e->ev[0] = b->ev[i];
	o->nev = 1;
	o->ret = 1;
}

int replay_fetch_max(int max)
{
	/* A count the kernel refuses goes to it as it is (safepoll_wait
	 * passes it on for the kernel's answer): found by make fuzz-smoke,
	 * `fetch E 2147483647` got EINVAL from safepoll, 0 from the model. */
	if (max <= 0 || max > REPLAY_EP_MAX_EVENTS)
		return max;
	return max > (int)TRACE_BATCH ? (int)TRACE_BATCH : max;
}

size_t replay_batch_len(const struct replay_outcome *o)
{
	return o->ret > 0 ? o->nev : 0;
}

bool replay_delclose_closes(int64_t del_ret)
{
	return del_ret == 0 || del_ret == -ENOENT || del_ret == -EPERM;
}
