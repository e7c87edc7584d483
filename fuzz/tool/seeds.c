/* seeds DIR TRACE...: corpus traces as inputs of the byte format, named
 * after the trace (corpus/pipe-hup.trace -> DIR/pipe-hup.bin).  What
 * could not be kept exactly is said on stderr; it does not fail. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "tool.h"

static int write_seed(const char *dir, const char *trace, const uint8_t *b,
		      size_t n)
{
	const char *base = strrchr(trace, '/');
	char path[4096];
	size_t len;
	int fd, ok;

	base = base ? base + 1 : trace;
	len = strlen(base);
	if (len > 6 && strcmp(base + len - 6, ".trace") == 0)
		len -= 6;
	snprintf(path, sizeof(path), "%s/%.*s.bin", dir, (int)len, base);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		perror(path);
		return -1;
	}
	ok = write(fd, b, n) == (ssize_t)n;
	ok = close(fd) == 0 && ok;
	if (!ok)
		perror(path);
	return ok ? 0 : -1;
}

int tool_seeds(const char *dir, int n, char **traces)
{
	int made = 0, changed = 0, status = 0;

	for (int i = 0; i < n; i++) {
		struct trace_buf text = { 0 }, notes = { 0 };
		uint8_t bytes[FUZZ_INPUT_MAX];
		struct trace t;
		size_t len;

		if (tool_read_file(traces[i], &text) < 0 ||
		    tool_parse(traces[i], text.s, text.len, &t) != 0) {
			trace_buf_free(&text);
			status = 2;
			continue;
		}
		len = fuzz_encode(&t, bytes, &notes);
		if (notes.len) {
			fputs(notes.s, stderr);
			changed++;
		}
		if (write_seed(dir, traces[i], bytes, len) < 0)
			status = 2;
		else
			made++;
		trace_free(&t);
		trace_buf_free(&text);
		trace_buf_free(&notes);
	}
	fprintf(stderr, "safepoll-fuzz-tool: %d seeds in %s (%d not exact)\n",
		made, dir, changed);
	return status;
}
