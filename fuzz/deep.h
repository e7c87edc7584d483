/* The deep checks, run after chosen operations: the model's interest
 * lists against the kernel's (/proc/self/fdinfo), and safepoll_check of
 * every instance that still owns its epoll fd, whose orphan count must
 * be what the model and the records say. */
#ifndef SAFEPOLL_FUZZ_DEEP_H
#define SAFEPOLL_FUZZ_DEEP_H

#include "replay.h"
#include "shadow.h"

struct deep_item {
	int ep, tfd;
	uint32_t events;
	uint64_t data;
	bool bad; /* an "EP:error:ERRNO" item: only ep is set */
};

struct deep {
	struct trace_buf kb, mb;
	struct deep_item *k, *m;
	size_t nk, nm, kcap, mcap;
};

void deep_free(struct deep *d);

/* Appends a `! ...` line per difference to report; returns how many, or
 * -1 when the check itself failed (memory, /proc, or a list that is not
 * of trace/interest.h's form, said in report). */
int deep_check(struct deep *d, struct replay_engine *w,
	       struct replay_engine *m, struct shadow *s,
	       struct trace_buf *report);

#endif
