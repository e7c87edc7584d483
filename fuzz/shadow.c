/* safepoll's contract, restated as a table of records: add makes fd's
 * record (and ends one the number had: its file was closed behind
 * safepoll's back), and an add's EBADF or EPERM ends it; mod changes what a record stands for, and ENOENT,
 * EBADF and EPERM from mod or del end it; del ends it.  Each record
 * holds a slot; a record that ends at its token's last generation
 * retires its slot, and a mod there moves the record to a free slot and
 * retires the old one (safepoll.h), so that the free slots are counted
 * without knowing which they are. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "shadow.h"

int shadow_init(struct shadow *s, const struct trace *t)
{
	memset(s, 0, sizeof(*s));
	for (size_t i = 0; i < t->nops; i++)
		s->cap += t->ops[i].kind == TRACE_EPOLL ||
			  t->ops[i].kind == TRACE_INSTANCE;
	s->recs_cap = t->nadds ? t->nadds : 1;
	if (s->cap == 0)
		return 0;
	s->v = calloc(s->cap, sizeof(*s->v));
	if (!s->v)
		return -1;
	for (size_t j = 0; j < s->cap; j++) {
		s->v[j].recs = malloc(s->recs_cap * sizeof(struct shadow_rec));
		if (!s->v[j].recs)
			return -1;
	}
	return 0;
}

void shadow_free(struct shadow *s)
{
	for (size_t j = 0; j < s->cap; j++)
		free(s->v[j].recs);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

void shadow_new_inst(struct shadow *s, struct safepoll *sp, int epfd,
		     uint32_t file, uint32_t room)
{
	struct shadow_inst *in = &s->v[s->n++];

	in->room = room;
	in->retired = 0;
	in->sp = sp;
	in->epfd = epfd;
	in->file = file;
	in->nrecs = 0;
	in->touched = false;
	in->next_ver = 0;
	in->raw_batch = false;
	memset(in->batch_ver, 0, sizeof(in->batch_ver));
}

struct shadow_inst *shadow_owner(struct shadow *s,
				 const struct replay_track *tk, int ep)
{
	uint32_t file = replay_file(tk, ep);

	for (size_t j = 0; file != 0 && j < s->n; j++)
		if (s->v[j].file == file &&
		    replay_file(tk, s->v[j].epfd) == file)
			return &s->v[j];
	return NULL;
}

static struct shadow_rec *find(struct shadow_inst *in, int fd)
{
	for (size_t j = 0; j < in->nrecs; j++)
		if (in->recs[j].fd == fd)
			return &in->recs[j];
	return NULL;
}

static bool ends_record(int64_t ret)
{
	return ret == -ENOENT || ret == -EBADF || ret == -EPERM;
}

static void drop(struct shadow_inst *in, struct shadow_rec *r)
{
	in->retired += r->gen == UINT32_MAX;
	*r = in->recs[--in->nrecs];
}

static uint32_t free_slots(const struct shadow_inst *in)
{
	return in->room - (uint32_t)in->nrecs - in->retired;
}

int shadow_own(struct shadow_inst *in, enum trace_kind kind, int fd,
	       uint32_t events, int64_t model_ret)
{
	struct shadow_rec *r = find(in, fd);

	if (kind != TRACE_ADD && kind != TRACE_MOD)
		return 0;
	if (events & ~(uint32_t)SAFEPOLL_EVENTS)
		return -EINVAL;
	if (kind == TRACE_MOD)
		return r && r->gen == UINT32_MAX && free_slots(in) == 0
			       ? -ENOSPC
			       : 0;
	/* The kernel refuses: safepoll says so, full or not. */
	if (model_ret != 0 || free_slots(in) > 0)
		return 0;
	if (r)
		drop(in, r);
	return free_slots(in) > 0 ? 0 : -ENOSPC;
}

void shadow_ctl(struct shadow_inst *in, enum trace_kind kind, int fd,
		int64_t ret, uint64_t id, uint64_t token)
{
	struct shadow_rec *r = find(in, fd);
	uint32_t gen = (uint32_t)(token >> 32);

	in->touched = in->touched || ret == 0;
	if (kind == TRACE_ADD && ret == 0) {
		/* At most one record per `add`: recs_cap is enough.  One the
		 * number had is released once the new one has its slot. */
		if (r)
			drop(in, r);
		r = &in->recs[in->nrecs++];
		*r = (struct shadow_rec){ fd, id, false, ++in->next_ver, gen };
	} else if (kind == TRACE_ADD && r &&
		   (ret == -EBADF || ret == -EPERM)) {
		/* The number no longer names the record's file: safepoll
		 * releases the record (its forget_if_stale). */
		drop(in, r);
	} else if (kind == TRACE_MOD && r && ret == 0) {
		in->retired += r->gen == UINT32_MAX; /* moved */
		r->id = id;
		r->detached = false;
		r->ver = ++in->next_ver;
		r->gen = gen;
	} else if ((kind == TRACE_MOD || kind == TRACE_DEL ||
		    kind == TRACE_DELCLOSE) && r &&
		   (ret == 0 || ends_record(ret))) {
		drop(in, r);
	}
}

struct shadow_inst *shadow_of_file(struct shadow *s, uint32_t file)
{
	for (size_t j = 0; file != 0 && j < s->n; j++)
		if (s->v[j].file == file)
			return &s->v[j];
	return NULL;
}

void shadow_raw_mod(struct shadow_inst *in, int fd, uint64_t id)
{
	struct shadow_rec *r = find(in, fd);

	/* Only when the mod reached the record's own registration: another
	 * one at the same number (an older file back there) keeps the
	 * record's token where it was. */
	if (r && r->id == id)
		r->detached = true;
}

bool shadow_live(const struct shadow_inst *in, uint64_t id)
{
	for (size_t j = 0; j < in->nrecs; j++)
		if (in->recs[j].id == id)
			return !in->recs[j].detached;
	return false;
}

static const struct shadow_rec *rec_of(const struct shadow_inst *in,
				       uint64_t id)
{
	for (size_t j = 0; j < in->nrecs; j++)
		if (in->recs[j].id == id)
			return &in->recs[j];
	return NULL;
}

void shadow_fetched(struct shadow_inst *in, const struct replay_event *ev,
		    size_t n)
{
	memset(in->batch_ver, 0, sizeof(in->batch_ver));
	in->raw_batch = false;
	for (size_t j = 0; j < n && j < TRACE_BATCH; j++) {
		const struct shadow_rec *r = rec_of(in, ev[j].data);

		in->batch_ver[j] = r && !r->detached ? r->ver : 0;
	}
}

bool shadow_handout_live(const struct shadow_inst *in, uint32_t i,
			 uint64_t id)
{
	const struct shadow_rec *r = rec_of(in, id);

	/* A raw mod since the fetch changed the kernel's data, not the
	 * token in safepoll's batch and slot: the event stays live. */
	return i < TRACE_BATCH && in->batch_ver[i] != 0 && r &&
	       r->ver == in->batch_ver[i];
}
