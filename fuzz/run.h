/* What run.c's lockstep shares with agree.c, which says when the two
 * engines' outcomes of one operation agree. */
#ifndef SAFEPOLL_FUZZ_RUN_H
#define SAFEPOLL_FUZZ_RUN_H

#include <stdbool.h>

#include "deep.h"
#include "shadow.h"

struct run {
	const struct trace *t;
	struct replay_engine w, m;
	struct shadow s;
	struct deep d;
	struct trace_buf wl, ml, full;
	struct trace_buf *report;
};

/* The operations that bind names: their numbers are compared too. */
static inline bool run_binds(enum trace_kind k)
{
	return k == TRACE_EPOLL || k == TRACE_PIPE || k == TRACE_SOCKETPAIR ||
	       k == TRACE_EVENTFD || k == TRACE_FILE || k == TRACE_DUP ||
	       k == TRACE_INSTANCE;
}

/* Compares operation i; returns 1 on a difference (reported).  own is
 * the refusal safepoll's records call for (shadow_own), in place of the
 * model's answer. */
int fuzz_compare(struct run *r, size_t i, const struct shadow_inst *in,
		 int own, const struct replay_outcome *ow,
		 struct replay_outcome *om);

#endif
