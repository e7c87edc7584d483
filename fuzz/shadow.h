/* What safepoll's table must hold, followed from its contract
 * (safepoll.h) and the results safepoll returned, never from its private
 * table: per instance, which registration each fd's live record stands
 * for (as a label id of the replay: the `add` that made it).  From this,
 * the events a wait may hand out (those of live records) and the orphans
 * safepoll_check must count. */
#ifndef SAFEPOLL_FUZZ_SHADOW_H
#define SAFEPOLL_FUZZ_SHADOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "replay.h"
#include "safepoll.h"

struct shadow_rec {
	int fd;
	uint64_t id;
	/* A raw mod (through a dup of the epoll fd, while the instance's own
	 * number was closed) gave its registration other data: the kernel
	 * no longer holds the record's token, so its events are dropped and
	 * safepoll_check counts it as an orphan, until a mod through safepoll
	 * gives it a token again. */
	bool detached;
	/* Which add or mod through safepoll gave the record its token: an
	 * event fetched before a later one is dead at hand-out. */
	uint64_t ver;
	/* The generation of that token, as the kernel holds it: at the last
	 * one, a release retires the slot and a mod moves the record. */
	uint32_t gen;
};

struct shadow_inst {
	struct safepoll *sp;
	int epfd;
	uint32_t file; /* the epoll file, in the wrapper engine's track */
	struct shadow_rec *recs;
	size_t nrecs;
	bool touched; /* a ctl through it succeeded: it has a table to check */
	/* The table's slots (`instance`'s ROOM; `epoll`: one per add of the
	 * trace), and how many retired at their last generation: a slot is
	 * free when neither a record nor retired holds it. */
	uint32_t room, retired;
	uint64_t next_ver;
	/* Per event of the last wait or fetch: the ver of the record it was
	 * live for then, or 0 if it was dead already. */
	uint64_t batch_ver[TRACE_BATCH];
	/* The epoll file's batch was last fetched raw, through a dup while
	 * the instance's own number was gone: an `event` then reads that
	 * batch raw (the wrapper engine's raw_batch), not safepoll's. */
	bool raw_batch;
};

struct shadow {
	struct shadow_inst *v;
	size_t n, cap;
	size_t recs_cap; /* per instance: the trace's `add` count */
};

int shadow_init(struct shadow *s, const struct trace *t);
void shadow_free(struct shadow *s);

/* An instance made by the `epoll` or `instance` that got epfd, with a
 * table of room slots. */
void shadow_new_inst(struct shadow *s, struct safepoll *sp, int epfd,
		     uint32_t file, uint32_t room);

/* The instance the wrapper engine sends an operation on number ep to:
 * the one whose epoll file ep holds, while its own fd still holds it. */
struct shadow_inst *shadow_owner(struct shadow *s,
				 const struct replay_track *tk, int ep);

/* Before add or mod on fd through in, with the mask events, once the
 * model answered model_ret: safepoll's own refusal the records call for
 * (-EINVAL for a bit outside SAFEPOLL_EVENTS, -ENOSPC when no slot is
 * free, or none free to move to at the last generation), or 0.  A full
 * table's add releases a record the kernel's answer shows stale first,
 * as safepoll does (make_room). */
int shadow_own(struct shadow_inst *in, enum trace_kind kind, int fd,
	       uint32_t events, int64_t model_ret);

/* After add, mod or del through instance in on fd (ret: what safepoll
 * returned; id: the label id the operation gave, i.e. the add's index
 * or, for a mod, replay_mod_data; token: after an add or mod that
 * succeeded, the token the kernel now holds for it). */
void shadow_ctl(struct shadow_inst *in, enum trace_kind kind, int fd,
		int64_t ret, uint64_t id, uint64_t token);

/* The instance whose epoll file is file (0 if none), whether it owns an
 * fd for it or not. */
struct shadow_inst *shadow_of_file(struct shadow *s, uint32_t file);

/* After a raw mod that succeeded on in's epoll file, on fd, reaching the
 * registration labelled id. */
void shadow_raw_mod(struct shadow_inst *in, int fd, uint64_t id);

/* After a wait or fetch through in that fetched events ev[0 .. n - 1]
 * (the model's, as label ids): which records they were live for. */
void shadow_fetched(struct shadow_inst *in, const struct replay_event *ev,
		    size_t n);

/* Whether event i of that batch, of the registration labelled id, is
 * live now: its record was live at the fetch and has kept its token. */
bool shadow_handout_live(const struct shadow_inst *in, uint32_t i,
			 uint64_t id);

/* Whether an event of the registration labelled id is live in in. */
bool shadow_live(const struct shadow_inst *in, uint64_t id);

#endif
