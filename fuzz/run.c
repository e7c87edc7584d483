/* One trace through safepoll on the kernel (the replay's wrapper engine)
 * and through the model (its model engine), in lockstep, stopping at the
 * first difference:
 *  - a result line, and the numbers a binding operation got;
 *  - a wait through safepoll: the model's events, less those of
 *    registrations whose record is dead (shadow.h), in the model's
 *    order; as many dropped as safepoll counted.  An event handed out
 *    that the records call dead is a stale event handed out;
 *  - at the checks (deep.h): interest lists and safepoll_check;
 *  - at the end: every number the run opened is closed again. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "deep.h"
#include "fuzz.h"
#include "hooks.h"
#include "shadow.h"
#include "run.h"
#include "timed.h"

static int failed(struct run *r, size_t i, const char *why)
{
	trace_buf_printf(r->report, "the run failed at line %u: %s\n",
			 i < r->t->nops ? r->t->ops[i].line : 0, why);
	return -1;
}

/* Operation i on the kernel, through safepoll where it goes there.  A
 * poll that finds nothing ready answers EINTR when a signal is pending
 * (fs/select.c do_poll), even with timeout 0; the fuzzing engine's own
 * signals (libFuzzer's SIGALRM timer) must not make that a difference.
 * They wait while poll runs (which cannot block: timeouts are 0), and
 * reach the engine right after; the model runs unmasked, so a hang there
 * still meets the engine's timeout.  An epoll wait of timeout 0 (wait,
 * fetch, waitarray) needs no mask: ep_poll returns on timing out before
 * it looks for a pending signal, and checks only for a fatal one before
 * that (fs/eventpoll.c, 4.x to 6.x); blocking signals around it cost two
 * calls an operation.  A wait with a TIMEOUT does: raw, it would answer
 * EINTR; through safepoll (owned) it runs under timed.c's storm. */
static int kernel_op(struct run *r, size_t i, bool owned,
		     struct replay_outcome *o)
{
	const struct trace_op *op = &r->t->ops[i];
	sigset_t all, old;
	int ret;

	if (op->kind != TRACE_POLL &&
	    !(op->kind == TRACE_WAIT && op->timeout > 0 && !owned))
		return r->w.op(&r->w, i, o);
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	ret = r->w.op(&r->w, i, o);
	sigprocmask(SIG_SETMASK, &old, NULL);
	return ret;
}

/* Operation i in both engines; 0 to go on, 1 on a difference, -1. */
static int step(struct run *r, size_t i, bool deep)
{
	const struct trace_op *op = &r->t->ops[i];
	struct replay_outcome ow = { .fds = { -1, -1 } }, om = ow;
	int fd = replay_fd(&r->w.track, op->fd);
	int ep = replay_fd(&r->w.track, op->ep);
	struct shadow_inst *in = NULL, *raw;
	struct fuzz_timed timed;
	bool storm;
	uint64_t id = i;
	int64_t model_ret;
	int d, own = 0;

	if (op->kind == TRACE_ADD || op->kind == TRACE_MOD ||
	    op->kind == TRACE_DEL || op->kind == TRACE_WAIT ||
	    op->kind == TRACE_FETCH || op->kind == TRACE_EVENT ||
	    op->kind == TRACE_DELCLOSE || op->kind == TRACE_WAITARRAY)
		in = shadow_owner(&r->s, &r->w.track, ep);
	if (op->kind == TRACE_MOD)
		id = replay_mod_data(&r->w.track, i);
	if (op->kind == TRACE_EVENT && in && in->raw_batch)
		in = NULL;
	storm = in && op->kind == TRACE_WAIT && op->timeout > 0;
	if (storm)
		fuzz_timed_begin(&timed);
	d = kernel_op(r, i, in != NULL, &ow);
	if (storm)
		fuzz_timed_end(&timed);
	if (d < 0)
		return failed(r, i, "out of memory");
	/* Where 5.10 answers an add by the order of file addresses, the
	 * model takes the kernel's answer (model_follow). */
	if (op->kind == TRACE_ADD)
		replay_model_follow(&r->m, i, (int)ow.ret);
	if (r->m.op(&r->m, i, &om) < 0)
		return failed(r, i, "out of memory");
	if (ow.blocked || om.blocked)
		return failed(r, i, "a wait blocked");

	if ((op->kind == TRACE_EPOLL || op->kind == TRACE_INSTANCE) &&
	    ow.ret == 0) {
		struct safepoll *const *v;
		size_t n = fuzz_hooks_instances(&v);

		if (n != r->s.n + 1 || safepoll_fd(v[n - 1]) != ow.fds[0])
			return failed(r, i, "safepoll_new is not hooked");
		shadow_new_inst(&r->s, v[n - 1], ow.fds[0],
				replay_file(&r->w.track, ow.fds[0]),
				replay_wrapper_room(r->t, op));
	}
	model_ret = om.ret;
	if (in)
		own = shadow_own(in, op->kind, fd, op->events, om.ret);
	/* Before compare, which leaves only the live events of a wait. */
	if (in && (op->kind == TRACE_WAIT || op->kind == TRACE_FETCH ||
		   op->kind == TRACE_WAITARRAY))
		shadow_fetched(in, r->m.ev, replay_batch_len(&om));
	else if (!ow.blocked && (op->kind == TRACE_WAIT ||
				 op->kind == TRACE_FETCH ||
				 op->kind == TRACE_WAITARRAY) &&
		 (raw = shadow_of_file(&r->s, replay_file(&r->w.track, ep))))
		raw->raw_batch = true;
	if (fuzz_compare(r, i, in, own, &ow, &om))
		return 1;
	/* With nothing ready, it must have waited its whole TIMEOUT. */
	if (storm && model_ret == 0 &&
	    fuzz_timed_early(&timed, op->timeout, r->report)) {
		trace_buf_printf(r->report, "line %u: %s\n", op->line,
				 op->text);
		return 1;
	}
	/* safepoll refused on its own and the wrapper engine made the call
	 * raw (replay_wrapper_own): a mod the kernel took gave the record's
	 * registration data that is no token. */
	if (in && own) {
		if (op->kind == TRACE_MOD && model_ret == 0)
			shadow_raw_mod(in, fd, id);
	} else if (in) {
		shadow_ctl(in, op->kind, fd, ow.ret, id,
			   replay_wrapper_token(&r->w));
	} else if (op->kind == TRACE_MOD && ow.ret == 0 &&
		   (raw = shadow_of_file(&r->s,
					 replay_file(&r->w.track, ep)))) {
		shadow_raw_mod(raw, fd, id);
	}
	if (!deep)
		return 0;
	d = deep_check(&r->d, &r->w, &r->m, &r->s, r->report);
	if (d < 0)
		return failed(r, i,
			      "the deep check failed (memory, /proc, or a "
			      "malformed list)");
	if (d > 0)
		trace_buf_printf(r->report, "(after line %u: %s)\n", op->line,
				 r->wl.s);
	return d > 0;
}

/* Whether fd is the number of an instance the shadow follows, which the
 * wrapper engine's safepoll_free closes at its end. */
static bool instance_fd(const struct shadow *s, int fd)
{
	for (size_t j = 0; j < s->n; j++)
		if (s->v[j].epfd == fd)
			return true;
	return false;
}

/* Closes what the run left open; then anything still open between the
 * lowest free number at the start and the highest the run got, that the
 * process did not hold before, is a leak.  Those numbers are probed
 * together (fuzz_hooks_probe), a poll for up to 64 of them. */
static int close_all(struct run *r, int lowest)
{
	struct pollfd pf[64];
	int max_fd = r->w.track.max_fd, leaks = 0;

	/* An instance's own number is left to safepoll_free (in
	 * replay_engine_fini): closed here first, its close there failed,
	 * a call a run for nothing. */
	for (int fd = 0; fd <= max_fd; fd++)
		if (replay_file(&r->w.track, fd) != 0 && !instance_fd(&r->s, fd))
			close(fd);
	replay_engine_fini(&r->w);
	replay_engine_fini(&r->m);
	for (int from = lowest; from <= max_fd; from += 64) {
		size_t n = 0;

		for (int fd = from; fd <= max_fd && n < 64; fd++)
			pf[n++].fd = fuzz_hooks_reserved(fd) ? -1 : fd;
		fuzz_hooks_probe(pf, n);
		for (size_t j = 0; j < n; j++) {
			if (pf[j].fd < 0 || (pf[j].revents & POLLNVAL))
				continue;
			trace_buf_printf(r->report,
					 "! fd %d is still open after the run\n",
					 pf[j].fd);
			close(pf[j].fd);
			leaks++;
		}
	}
	if (fuzz_hooks_lowest_free() != lowest) {
		trace_buf_printf(r->report,
				 "! the lowest free fd is %d after the run, "
				 "%d before\n",
				 fuzz_hooks_lowest_free(), lowest);
		leaks++;
	}
	return leaks;
}

static int setup(struct run *r, const struct trace *t, int lowest)
{
	struct fuzz_hook_calls before = fuzz_hooks_calls(), after;
	size_t fds = 0;

	for (size_t i = 0; i < t->nops; i++) {
		if (t->ops[i].kind == TRACE_WAIT &&
		    (t->ops[i].timeout < 0 ||
		     t->ops[i].timeout > FUZZ_TIMEOUT_MAX))
			return failed(r, i, "a TIMEOUT outside 0 to 2");
		fds += run_binds(t->ops[i].kind) ? 2 : 0;
	}
	if ((size_t)lowest + fds >= FUZZ_MODEL_NOFILE)
		return failed(r, 0, "too many descriptors for the model");
	fuzz_hooks_reset();
	if (shadow_init(&r->s, t) < 0 || replay_wrapper_init(&r->w, t) < 0 ||
	    replay_model_init(&r->m, t) < 0)
		return failed(r, 0, "cannot set up the engines");
	after = fuzz_hooks_calls();
	if (after.model_new != before.model_new + 1 ||
	    after.kernel_new != before.kernel_new + 1)
		return failed(r, 0, "the link-time hooks are not in place");
	return 0;
}

int fuzz_run(const struct trace *t, const bool *check_after,
	     struct trace_buf *report)
{
	struct run r;
	int lowest = fuzz_hooks_lowest_free(), status = 0, leaks;

	memset(&r, 0, sizeof(r));
	r.t = t;
	r.report = report;
	/* The engine closed one of 0, 1 and 2 since the setup (libFuzzer's
	 * -close_fd_mask does): the model holds them taken, so /dev/null
	 * takes their place again. */
	if (lowest >= 0 && lowest < 3 && fuzz_setup() == 0)
		lowest = fuzz_hooks_lowest_free();
	if (lowest < 0)
		return failed(&r, 0, "no descriptor is free");
	/* The fuzzer opened or closed files of its own since the last
	 * run: the model must know which numbers are taken. */
	if (!fuzz_hooks_reserved(lowest - 1) || fuzz_hooks_reserved(lowest))
		fuzz_hooks_scan();
	status = setup(&r, t, lowest);
	for (size_t i = 0; status == 0 && i < t->nops; i++)
		status = step(&r, i,
			      !check_after || check_after[i] || i + 1 == t->nops);
	leaks = close_all(&r, lowest);
	shadow_free(&r.s);
	deep_free(&r.d);
	trace_buf_free(&r.wl);
	trace_buf_free(&r.ml);
	trace_buf_free(&r.full);
	if (status == 0 && leaks)
		status = 1;
	return status;
}
