/* safepoll-fuzz-tool: the fuzzer's byte format and its findings, for
 * people and make.
 *
 *   seeds DIR TRACE...   each trace as a seed DIR/NAME.bin (corpus/)
 *   decode FILE          the trace an input decodes to
 *   run FILE             an input through the harness (as the fuzzer,
 *                        without aborting): the report
 *   check [--end] TRACE  a text trace through the harness, with the deep
 *                        checks after every operation (--end: after the
 *                        last only, as for an input with no check)
 *   minimize FILE OUT    the input's trace, cut to the fewest lines that
 *                        still show the same first difference, into OUT
 *   bench DIR [SECONDS [RUNS]]  the harness alone over DIR's inputs
 *
 * Exit status: 0 agreed / done, 1 a difference, 2 bad input or usage,
 * 4 the harness failed. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "tool.h"

static int usage(void)
{
	fputs("usage: safepoll-fuzz-tool seeds DIR TRACE... | decode FILE | "
	      "run FILE | check [--end] TRACE | minimize FILE OUT | "
	      "bench DIR [SECONDS [RUNS]]\n",
	      stderr);
	return 2;
}

static int decode_file(const char *path, struct fuzz_program *p)
{
	struct trace_buf b = { 0 };
	int r = tool_read_file(path, &b);

	if (r == 0 && fuzz_decode((const uint8_t *)b.s, b.len, p) < 0)
		r = -1;
	trace_buf_free(&b);
	return r;
}

static int cmd_decode(const char *path)
{
	struct fuzz_program p;

	if (decode_file(path, &p) < 0)
		return 2;
	fputs(p.text.s, stdout);
	fuzz_program_free(&p);
	return 0;
}

static int cmd_run(const char *path)
{
	struct fuzz_program p;
	struct trace t;
	int r;

	if (decode_file(path, &p) < 0)
		return 2;
	r = tool_parse(path, p.text.s, p.text.len, &t);
	if (r == 0) {
		r = tool_run_trace(&t, p.check_after);
		trace_free(&t);
	} else {
		fprintf(stderr, "safepoll-fuzz-tool: the decoder made a trace "
				"that does not parse\n");
		r = 4;
	}
	fuzz_program_free(&p);
	return r;
}

static int cmd_check(const char *path, bool at_end)
{
	bool *only_last = NULL;
	struct trace_buf b = { 0 };
	struct trace t;
	int r = tool_read_file(path, &b) < 0 ? 2 : 0;

	if (r == 0 && tool_parse(path, b.s, b.len, &t) != 0)
		r = 2;
	trace_buf_free(&b);
	if (r != 0)
		return r;
	/* All false: fuzz_run checks after the last operation anyway. */
	if (at_end && !(only_last = calloc(t.nops + 1, sizeof(bool)))) {
		trace_free(&t);
		return 4;
	}
	r = tool_run_trace(&t, only_last);
	free(only_last);
	trace_free(&t);
	return r;
}

int main(int argc, char **argv)
{
	if (argc < 3)
		return usage();
	if (fuzz_setup() < 0) {
		fputs("safepoll-fuzz-tool: descriptors 0, 1 and 2 must be "
		      "open\n",
		      stderr);
		return 4;
	}
	if (strcmp(argv[1], "seeds") == 0 && argc >= 4)
		return tool_seeds(argv[2], argc - 3, argv + 3);
	if (strcmp(argv[1], "bench") == 0 && argc <= 5)
		return tool_bench(argv[2], argc >= 4 ? atof(argv[3]) : 10,
				  argc == 5 ? strtoul(argv[4], NULL, 10)
					    : SIZE_MAX);
	if (argc == 4 && strcmp(argv[1], "check") == 0 &&
	    strcmp(argv[2], "--end") == 0)
		return cmd_check(argv[3], true);
	if (argc != 3 && !(argc == 4 && strcmp(argv[1], "minimize") == 0))
		return usage();
	if (strcmp(argv[1], "decode") == 0)
		return cmd_decode(argv[2]);
	if (strcmp(argv[1], "run") == 0)
		return cmd_run(argv[2]);
	if (strcmp(argv[1], "check") == 0)
		return cmd_check(argv[2], false);
	if (strcmp(argv[1], "minimize") == 0) {
		struct fuzz_program p;
		int r;

		if (decode_file(argv[2], &p) < 0)
			return 2;
		r = tool_minimize(p.text.s, argv[3]);
		fuzz_program_free(&p);
		return r;
	}
	return usage();
}
