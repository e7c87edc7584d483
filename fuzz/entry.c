/* The entry points every engine calls: setup once, then fuzz_one per
 * input.  A difference aborts, after printing the trace and what
 * differed, so that libFuzzer and AFL++ keep the input as a crash. */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "hooks.h"

static _Noreturn void die(const char *what, const struct fuzz_program *p,
			  const struct trace_buf *report)
{
	fprintf(stderr,
		"==== safepoll-fuzz: %s ====\n%s---- what differed:\n%s"
		"==== end of safepoll-fuzz report ====\n",
		what, p && p->text.s ? p->text.s : "", report && report->s ? report->s : "");
	abort();
}

/* The run is made without the trace's text; a report needs it, so an
 * input that fails is decoded with its text and run again, which shows
 * the same (a run depends on nothing but its input).  Should the second
 * run pass, the first one's report is shown, its lines by number. */
void fuzz_one(const uint8_t *data, size_t size)
{
	struct fuzz_program p, q;
	struct trace_buf report = { 0 }, again = { 0 };
	int r, r2;

	if (fuzz_decode_ops(data, size, &p) < 0)
		die("out of memory", NULL, NULL);
	r = fuzz_run(&p.t, p.check_after, &report);
	if (r == 0) {
		trace_buf_free(&report);
		fuzz_program_free(&p);
		return;
	}
	if (fuzz_decode(data, size, &q) < 0)
		die("out of memory", NULL, &report);
	r2 = fuzz_run(&q.t, q.check_after, &again);
	if (r2 == 0)
		die(r > 0 ? "difference (not shown again by a second run)"
			  : "the run failed (not again in a second run)",
		    &q, &report);
	die(r2 > 0 ? "difference" : "the run failed", &q, &again);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (fuzz_setup() < 0) {
		fputs("safepoll-fuzz: descriptors 0, 1 and 2 must be open\n",
		      stderr);
		exit(1);
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_one(data, size);
	return 0;
}
