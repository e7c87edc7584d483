/* When safepoll's outcome of one operation agrees with the model's
 * (run.h): the same line, less the events its records call dead and
 * with its own refusals in place of the model's answer, and the same
 * numbers for a binding; and what the report says when not. */
#include <string.h>

#include "run.h"

/* The model's events of a wait through safepoll, less the dead ones;
 * returns how many it left out. */
static size_t drop_dead(struct run *r, const struct shadow_inst *in,
			struct replay_outcome *om)
{
	size_t kept = 0, dead;

	if (om->ret < 0)
		return 0;
	for (size_t j = 0; j < om->nev; j++)
		if (shadow_live(in, r->m.ev[j].data))
			r->m.ev[kept++] = r->m.ev[j];
	dead = om->nev - kept;
	om->nev = kept;
	om->ret = (int64_t)kept;
	return dead;
}

/* Event j of a wait the same in both engines (replay.h). */
static bool same_event(const struct run *r, const struct trace_op *op,
		       bool raw, size_t j)
{
	return replay_wrapper_same_event(&r->w, replay_fd(&r->w.track, op->ep),
					 raw, &r->w.ev[j], &r->m.ev[j]);
}

/* Whether two outcomes make the same line: the same fields the line is
 * printed from (replay/engine.c's to_result), equal.  Printing both
 * lines of every operation was a tenth of a run; they are printed only
 * when this says no. */
static bool same_outcome(const struct run *r, const struct trace_op *op,
			 bool raw, const struct replay_outcome *ow,
			 const struct replay_outcome *om)
{
	if (ow->ret != om->ret)
		return false;
	if (ow->ret < 0)
		return true;
	switch (op->kind) {
	case TRACE_READ:
		return ow->value == om->value;
	case TRACE_POLL:
		return ow->revents == om->revents;
	case TRACE_WAIT:
	case TRACE_EVENT:
	case TRACE_WAITARRAY:
		if (ow->nev != om->nev)
			return false;
		for (size_t j = 0; j < ow->nev; j++)
			if (!same_event(r, op, raw, j))
				return false;
		return true;
	default:
		return true;
	}
}

int fuzz_compare(struct run *r, size_t i, const struct shadow_inst *in,
		 int own, const struct replay_outcome *ow,
		 struct replay_outcome *om)
{
	const struct trace_op *op = &r->t->ops[i];
	size_t dead = 0;
	bool fds = false;

	trace_buf_clear(&r->full);
	if (own) {
		replay_line(&r->full, &r->m, i, om);
		om->ret = own;
	} else if ((op->kind == TRACE_WAIT || op->kind == TRACE_WAITARRAY) && in) {
		/* The model's own line, for the report, before the dead
		 * events go. */
		for (size_t j = 0; j < om->nev && !dead; j++)
			dead = !shadow_live(in, r->m.ev[j].data);
		if (dead)
			replay_line(&r->full, &r->m, i, om);
		dead = drop_dead(r, in, om);
	} else if (op->kind == TRACE_EVENT && in && om->ret == 1 &&
		   !shadow_handout_live(in, (uint32_t)op->max,
					r->m.ev[0].data)) {
		/* Dead at the hand-out: safepoll must drop it, counted. */
		replay_line(&r->full, &r->m, i, om);
		om->ret = 0;
		om->nev = 0;
		dead = 1;
	}
	if (run_binds(op->kind) && ow->ret >= 0 && om->ret >= 0)
		fds = ow->fds[0] != om->fds[0] ||
		      ((op->kind == TRACE_PIPE || op->kind == TRACE_SOCKETPAIR) &&
		       ow->fds[1] != om->fds[1]);
	if (!fds && ow->dropped == dead && same_outcome(r, op, !in, ow, om))
		return 0;
	trace_buf_clear(&r->wl);
	trace_buf_clear(&r->ml);
	replay_line(&r->wl, &r->w, i, ow);
	replay_line(&r->ml, &r->m, i, om);
	if (strcmp(r->wl.s, r->ml.s) == 0 && !fds && ow->dropped == dead)
		return 0;
	trace_buf_printf(r->report, "line %u: %s\n", op->line, r->wl.s);
	if (in && (op->kind == TRACE_ADD || op->kind == TRACE_MOD)) {
		trace_buf_printf(r->report,
				 "! model: %s (the model's result: %s; "
				 "safepoll's records: %u slots, %zu held, "
				 "%u retired)\n",
				 r->ml.s,
				 own ? strstr(r->full.s, " => ") + 4 : "the same",
				 in->room, in->nrecs, in->retired);
	} else if (in && (op->kind == TRACE_WAIT || op->kind == TRACE_EVENT ||
		   op->kind == TRACE_WAITARRAY)) {
		trace_buf_printf(r->report, "! model: %s", r->ml.s);
		if (dead || ow->dropped)
			trace_buf_printf(r->report,
					 " (the model's result: %s; safepoll "
					 "dropped %llu, its records say %zu "
					 "are dead)",
					 r->full.s ? strstr(r->full.s, " => ") + 4
						   : "the same",
					 (unsigned long long)ow->dropped, dead);
		trace_buf_puts(r->report, "\n");
	} else {
		trace_buf_printf(r->report, "! model: %s\n", r->ml.s);
	}
	if (fds)
		trace_buf_printf(r->report,
				 "! model: descriptors %d %d (kernel: %d %d)\n",
				 om->fds[0], om->fds[1], ow->fds[0], ow->fds[1]);
	return 1;
}
