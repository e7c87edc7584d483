/* One mode over one trace: --kernel, --model or --wrapper, printing each
 * operation's line as LANGUAGE.md says. */
#include <stdio.h>

#include "replay.h"

static int add_fdinfo(void *arg, int fd)
{
	return replay_fdinfo(arg, fd);
}

int replay_run(const struct trace *t,
	       int (*init)(struct replay_engine *, const struct trace *),
	       bool snapshots)
{
	struct replay_engine e;
	struct trace_buf b = {0};
	int status = REPLAY_OK;

	if (init(&e, t) < 0) {
		fprintf(stderr,
			"safepoll-replay: %s: cannot set up the %s run\n",
			t->file, e.name ? e.name : "");
		replay_engine_fini(&e);
		return REPLAY_FAILED;
	}
	for (size_t i = 0; i < t->nops && status == REPLAY_OK; i++) {
		struct replay_outcome o = {.fds = {-1, -1}};

		if (e.op(&e, i, &o) < 0) {
			fprintf(stderr, "%s:%u: the %s run failed\n", t->file,
				t->ops[i].line, e.name);
			status = REPLAY_FAILED;
			break;
		}
		if (o.blocked) {
			fprintf(stderr,
				"%s:%u: the wait blocks for ever (%s); "
				"ending with status 3\n",
				t->file, t->ops[i].line, e.name);
			status = REPLAY_BLOCKED;
			break;
		}
		trace_buf_clear(&b);
		replay_line(&b, &e, i, &o);
		trace_buf_puts(&b, "\n");
		/* For --check: the kernel's interest lists after each
		 * operation, on a line of their own. */
		if (snapshots) {
			trace_buf_puts(&b, "%");
			if (replay_each_epoll(&e.track, add_fdinfo, &b) != 0)
				status = REPLAY_FAILED;
			trace_buf_puts(&b, "\n");
		}
		if (b.failed) {
			status = REPLAY_FAILED;
			break;
		}
		fwrite(b.s, 1, b.len, stdout);
	}
	trace_buf_free(&b);
	replay_engine_fini(&e);
	if (fflush(stdout) != 0)
		status = REPLAY_FAILED;
	return status;
}
