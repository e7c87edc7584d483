/* The model alone (make fuzz-model): each decoded trace through the
 * replay's model engine only, with no partner to compare with.  What it
 * can find is the model's own failures: a crash, a hang (libFuzzer's
 * -timeout), a sanitizer's report, a wait that would block (the
 * fuzzer's timeouts are 0, so nothing may), and interest lists that
 * contradict the run: an epoll the run holds that the model cannot list,
 * or a registration whose data no operation gave (the engine gives each
 * add its operation's index, each mod its registration's).  The same
 * decoder, mutator and seeds as `make fuzz`. */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"
#include "interest.h"
#include "replay.h"

static _Noreturn void die(const char *what, const struct fuzz_program *p,
			  const char *detail)
{
	fprintf(stderr,
		"==== safepoll-fuzz-model: %s ====\n%s---- what:\n%s\n"
		"==== end of safepoll-fuzz-model report ====\n",
		what, p->text.s ? p->text.s : "", detail ? detail : "");
	abort();
}

/* The lists of every epoll the run holds: no error item, each item's
 * data one the engine gave. */
static void check_lists(struct replay_engine *e, const struct trace *t,
			const struct fuzz_program *p, struct trace_buf *b)
{
	struct trace_interest it;
	char why[TRACE_ERR_MAX];
	const char *s;
	int r;

	trace_buf_clear(b);
	trace_buf_puts(b, "");
	if (replay_model_interest(e, b) != 0 || b->failed)
		die("the interest lists failed", p, NULL);
	s = b->s;
	while ((r = trace_interest_next(b->s, &s, &it, why)) > 0)
		if (it.error || it.data >= t->nops)
			die("an interest list contradicts the run", p, b->s);
	if (r < 0)
		die("an interest list does not parse", p, why);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (fuzz_setup() < 0) {
		fputs("safepoll-fuzz-model: descriptors 0, 1 and 2 must be "
		      "open\n",
		      stderr);
		exit(1);
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_program p;
	struct replay_engine e = {0};
	struct trace_buf lists = {0};
	struct trace t;
	char err[TRACE_ERR_MAX];

	if (fuzz_decode(data, size, &p) < 0)
		abort();
	if (trace_parse(&t, "<fuzz>", p.text.s, p.text.len, err) != 0)
		die("the decoded trace does not parse", &p, err);
	if (replay_model_init(&e, &t) < 0)
		die("the model engine cannot start", &p, NULL);
	for (size_t i = 0; i < t.nops; i++) {
		struct replay_outcome o = {.fds = {-1, -1}};

		if (e.op(&e, i, &o) < 0)
			die("out of memory", &p, NULL);
		if (o.blocked)
			die("a wait blocked", &p, NULL);
		if (p.check_after[i] || i + 1 == t.nops)
			check_lists(&e, &t, &p, &lists);
	}
	replay_engine_fini(&e);
	trace_buf_free(&lists);
	trace_free(&t);
	fuzz_program_free(&p);
	return 0;
}
