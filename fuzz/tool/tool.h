/* The parts of safepoll-fuzz-tool (tool.c): seeds (seeds.c), minimizing
 * (minimize.c), and what they share. */
#ifndef SAFEPOLL_FUZZ_TOOL_H
#define SAFEPOLL_FUZZ_TOOL_H

#include <stdbool.h>

#include "fuzz.h"

int tool_read_file(const char *path, struct trace_buf *b);
/* trace_parse, with its error on stderr; 0, -1 or -2. */
int tool_parse(const char *name, const char *text, size_t len,
	       struct trace *t);
/* fuzz_run with the report on stdout: exit status 0, 1 or 4. */
int tool_run_trace(const struct trace *t, const bool *check_after);

int tool_seeds(const char *dir, int n, char **traces);
/* Cuts the trace text to the fewest lines that still show the same
 * first difference, and writes it to out with a header saying what
 * differs.  The exit status: 0, 1 (it does not differ at all), 2, 4. */
int tool_minimize(const char *text, const char *out);

/* Runs every input of dir again and again, for seconds or max_runs. */
int tool_bench(const char *dir, double seconds, size_t max_runs);

#endif
