/* What the tool's commands share (tool.h): reading a file, parsing a
 * trace, running one through the harness.  Apart from tool.c's main, so
 * that the commands depend on it and main on them, with no circle. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "tool.h"

int tool_read_file(const char *path, struct trace_buf *b)
{
	char chunk[4096];
	ssize_t n;
	int fd = strcmp(path, "-") == 0 ? 0 : open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		fprintf(stderr, "safepoll-fuzz-tool: %s: %s\n", path,
			strerror(errno));
		return -1;
	}
	trace_buf_puts(b, "");
	while ((n = read(fd, chunk, sizeof(chunk))) > 0)
		trace_buf_put(b, chunk, (size_t)n);
	if (fd != 0)
		close(fd);
	if (n < 0 || b->failed) {
		fprintf(stderr, "safepoll-fuzz-tool: %s: cannot read\n", path);
		return -1;
	}
	return 0;
}

int tool_parse(const char *name, const char *text, size_t len,
	       struct trace *t)
{
	char err[TRACE_ERR_MAX];
	int r = trace_parse(t, name, text, len, err);

	if (r == -1)
		fprintf(stderr, "%s\n", err);
	else if (r < 0)
		fprintf(stderr, "safepoll-fuzz-tool: out of memory\n");
	return r;
}

/* Runs t; prints the report; the exit status. */
int tool_run_trace(const struct trace *t, const bool *check_after)
{
	struct trace_buf report = { 0 };
	int r = fuzz_run(t, check_after, &report);

	if (report.s)
		fputs(report.s, stdout);
	trace_buf_free(&report);
	fflush(stdout);
	return r == 0 ? 0 : r > 0 ? 1 : 4;
}
