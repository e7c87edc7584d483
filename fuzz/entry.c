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

void fuzz_one(const uint8_t *data, size_t size)
{
	struct fuzz_program p;
	struct trace_buf report = { 0 };
	int r;

	if (fuzz_decode(data, size, &p) < 0)
		die("out of memory", NULL, NULL);
	r = fuzz_run(&p.t, p.check_after, &report);
	if (r > 0)
		die("difference", &p, &report);
	if (r < 0)
		die("the run failed", &p, &report);
	trace_buf_free(&report);
	fuzz_program_free(&p);
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
