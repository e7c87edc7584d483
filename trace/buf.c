/* A growable string for building result lines in memory. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trace.h"

static int reserve(struct trace_buf *b, size_t more)
{
	size_t want, cap;
	char *s;

	if (b->failed)
		return -1;
	if (more > SIZE_MAX / 2 - b->len) {
		b->failed = true;
		return -1;
	}
	want = b->len + more + 1;
	if (want <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 64;
	while (cap < want)
		cap *= 2;
	s = realloc(b->s, cap);
	if (!s) {
		b->failed = true;
		return -1;
	}
	b->s = s;
	b->cap = cap;
	return 0;
}

void trace_buf_put(struct trace_buf *b, const char *s, size_t n)
{
	if (reserve(b, n) < 0)
		return;
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void trace_buf_puts(struct trace_buf *b, const char *s)
{
	trace_buf_put(b, s, strlen(s));
}

void trace_buf_put_u(struct trace_buf *b, uint64_t v, unsigned base)
{
	char d[24];
	char *at = d + sizeof(d);

	do
		*--at = "0123456789abcdef"[v % base];
	while ((v /= base) != 0);
	trace_buf_put(b, at, (size_t)(d + sizeof(d) - at));
}

void trace_buf_put_i(struct trace_buf *b, int64_t v)
{
	if (v < 0)
		trace_buf_put(b, "-", 1);
	trace_buf_put_u(b, v < 0 ? -(uint64_t)v : (uint64_t)v, 10);
}

void trace_buf_printf(struct trace_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->failed = true;
		return;
	}
	if (reserve(b, (size_t)n) < 0)
		return;
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void trace_buf_clear(struct trace_buf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

void trace_buf_free(struct trace_buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
	b->failed = false;
}
