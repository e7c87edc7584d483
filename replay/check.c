/* --check: the kernel's lines, from a run in a child of its own (so that
 * it too starts at descriptor 3), then safepoll and the model in
 * lockstep here, each compared with the kernel line by line, and the
 * model's interest lists and safepoll's table with the kernel's after
 * every operation. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "replay.h"

struct kernel_lines {
	char **line; /* per operation: its result line */
	char **snap; /* per operation: the interest lists after it */
	size_t n; /* operations the kernel finished */
	int status; /* the kernel run's exit status */
	struct trace_buf text;
};

static int read_child(int fd, struct trace_buf *b)
{
	char chunk[65536];
	ssize_t n;

	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		trace_buf_put(b, chunk, (size_t)n);
	}
	return b->failed ? -1 : 0;
}

/* Runs the kernel mode (with interest lists) in a child whose stdout is
 * a pipe, and takes all its output before anything else runs here. */
static int run_kernel(const struct trace *t, struct kernel_lines *k)
{
	int p[2], status, r;
	pid_t pid;

	if (pipe2(p, O_CLOEXEC) < 0)
		return -1;
	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (dup2(p[1], 1) < 0 || close_range(3, ~0u, 0) < 0)
			_exit(REPLAY_FAILED);
		_exit(replay_run(t, replay_kernel_init, true));
	}
	close(p[1]);
	r = read_child(p[0], &k->text);
	close(p[0]);
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || r < 0)
		return -1;
	k->status = WEXITSTATUS(status);
	return 0;
}

/* Pairs of lines: the result, then "%" and the interest lists. */
static int split(const struct trace *t, struct kernel_lines *k)
{
	char *s = k->text.s;

	k->line = calloc(t->nops + 1, sizeof(char *));
	k->snap = calloc(t->nops + 1, sizeof(char *));
	if (!k->line || !k->snap)
		return -1;
	while (s && *s && k->n < t->nops) {
		char *nl = strchr(s, '\n'), *snap;

		if (!nl || nl[1] != '%')
			return -1;
		*nl = '\0';
		snap = nl + 1;
		nl = strchr(snap, '\n');
		if (!nl)
			return -1;
		*nl = '\0';
		k->line[k->n] = s;
		k->snap[k->n++] = snap + 1; /* the lists, past their "%" */
		s = nl + 1;
	}
	return 0;
}

struct lockstep {
	const struct trace *t;
	struct kernel_lines k;
	struct replay_engine w, m;
	struct trace_buf out, line, snap;
	int diffs;
};

static void note_line(struct lockstep *ls, const char *who, size_t i,
		      struct replay_engine *e, const struct replay_outcome *o)
{
	trace_buf_printf(&ls->out, "! %s: ", who);
	if (o->blocked) {
		trace_buf_printf(&ls->out, "%s => (blocks for ever)\n",
				 ls->t->ops[i].text);
		return;
	}
	trace_buf_clear(&ls->line);
	replay_line(&ls->line, e, i, o);
	trace_buf_puts(&ls->out, ls->line.s);
	if (o->dropped)
		trace_buf_printf(&ls->out, " (safepoll dropped %llu)",
				 (unsigned long long)o->dropped);
	trace_buf_puts(&ls->out, "\n");
}

/* An add's answer from the kernel: the model follows it where 5.10
 * leaves ELOOP to the order of file addresses.  safepoll's own run on the
 * kernel may then answer otherwise, and that shows as a difference. */
static void follow_kernel(struct lockstep *ls, size_t i, const char *kl)
{
	const char *r = strstr(kl, " => ");

	if (ls->t->ops[i].kind == TRACE_ADD && r)
		replay_model_follow(&ls->m, i,
				    strcmp(r + 4, "ELOOP") == 0 ? -ELOOP : 0);
}

/* A raw wait's line of the wrapper engine that differs from the
 * kernel's only where safepoll's dead token stands for several labels:
 * the model's line is the kernel's (model_same), and the wrapper
 * engine's events are the model's up to those labels
 * (replay_wrapper_same_event). */
static bool same_up_to_dead(const struct lockstep *ls, size_t i,
			    bool model_same, const struct replay_outcome *ow,
			    const struct replay_outcome *om)
{
	const struct trace_op *op = &ls->t->ops[i];
	int ep = replay_fd(&ls->w.track, op->ep);

	if (!model_same ||
	    (op->kind != TRACE_WAIT && op->kind != TRACE_EVENT &&
	     op->kind != TRACE_WAITARRAY) ||
	    !replay_wrapper_raw(&ls->w, i) || ow->ret != om->ret ||
	    ow->nev != om->nev || ow->dropped != 0)
		return false;
	for (size_t j = 0; j < ow->nev; j++)
		if (!replay_wrapper_same_event(&ls->w, ep, true, &ls->w.ev[j],
					       &ls->m.ev[j]))
			return false;
	return true;
}

/* One operation in both engines; 1 to go on, 0 to stop, -1 on failure. */
static int step(struct lockstep *ls, size_t i)
{
	struct replay_outcome ow = {.fds = {-1, -1}}, om = ow;
	bool kblocked = i >= ls->k.n;
	const char *kl = kblocked ? "" : ls->k.line[i];
	bool model_same;
	int r;

	/* The kernel showed this wait blocks: safepoll gets a second. */
	ls->w.block_seconds = kblocked ? 1 : REPLAY_BLOCK_SECONDS;
	follow_kernel(ls, i, kl);
	if (ls->w.op(&ls->w, i, &ow) < 0 || ls->m.op(&ls->m, i, &om) < 0)
		return -1;
	trace_buf_clear(&ls->out);
	if (!kblocked)
		trace_buf_printf(&ls->out, "%s\n", kl);
	trace_buf_clear(&ls->line);
	if (!om.blocked)
		replay_line(&ls->line, &ls->m, i, &om);
	model_same = om.blocked == kblocked &&
		     (kblocked || strcmp(ls->line.s, kl) == 0);
	if (!model_same)
		note_line(ls, "model", i, &ls->m, &om), ls->diffs++;
	trace_buf_clear(&ls->line);
	if (!ow.blocked)
		replay_line(&ls->line, &ls->w, i, &ow);
	if (ow.blocked != kblocked ||
	    (!kblocked &&
	     !replay_wrapper_agrees(&ls->t->ops[i], kl, ls->line.s,
				    ow.dropped) &&
	     !same_up_to_dead(ls, i, model_same, &ow, &om)))
		note_line(ls, "wrapper", i, &ls->w, &ow), ls->diffs++;
	if (kblocked || om.blocked || ow.blocked) {
		fwrite(ls->out.s, 1, ls->out.len, stdout);
		return 0;
	}
	trace_buf_clear(&ls->snap);
	trace_buf_puts(&ls->snap, "");
	if (replay_model_interest(&ls->m, &ls->snap) != 0)
		return -1;
	r = replay_compare_interest(ls->t, ls->k.snap[i], ls->snap.s, &ls->out);
	if (r < 0)
		return -1;
	ls->diffs += r + replay_wrapper_check(&ls->w, &ls->out);
	if (ls->out.failed)
		return -1;
	fwrite(ls->out.s, 1, ls->out.len, stdout);
	return 1;
}

int replay_check(const struct trace *t)
{
	struct lockstep ls = {.t = t};
	int status = REPLAY_FAILED, r = 1;
	size_t i = 0;

	if (run_kernel(t, &ls.k) < 0 || split(t, &ls.k) < 0) {
		fprintf(stderr, "safepoll-replay: %s: the kernel run failed\n",
			t->file);
		goto out;
	}
	if ((ls.k.n < t->nops && ls.k.status != REPLAY_BLOCKED) ||
	    ls.k.status == REPLAY_FAILED) {
		fprintf(stderr,
			"safepoll-replay: %s: the kernel run ended early "
			"(status %d)\n",
			t->file, ls.k.status);
		goto out;
	}
	if (replay_wrapper_init(&ls.w, t) < 0 ||
	    replay_model_init(&ls.m, t) < 0) {
		fprintf(stderr, "safepoll-replay: %s: cannot set up\n",
			t->file);
		goto out;
	}
	for (; i < t->nops && r == 1; i++)
		r = step(&ls, i);
	if (r < 0) {
		fprintf(stderr, "%s:%u: the check failed\n", t->file,
			t->ops[i - 1].line);
		goto out;
	}
	status = ls.diffs	    ? REPLAY_DIFF
		 : ls.k.n < t->nops ? REPLAY_BLOCKED
				    : REPLAY_OK;
out:
	fflush(stdout);
	replay_engine_fini(&ls.w);
	replay_engine_fini(&ls.m);
	trace_buf_free(&ls.out);
	trace_buf_free(&ls.line);
	trace_buf_free(&ls.snap);
	trace_buf_free(&ls.k.text);
	free(ls.k.line);
	free(ls.k.snap);
	return status;
}
