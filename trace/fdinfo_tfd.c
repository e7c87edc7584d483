/* The reader of fdinfo_tfd.h.  Stricter than the sscanf it replaces,
 * which passed over a "tfd:" line it could not read: a registration left
 * out of the kernel's list would show as a difference of the model's, or
 * as a token the wrapper never learnt, far from its cause. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "fdinfo_tfd.h"

struct field {
	const char *name;
	unsigned base;
	uint64_t max;
	const char *what; /* the value, as the messages name it */
};

static const struct field fields[] = {
	{"tfd:", 10, 0x7fffffff, "the target fd (decimal, at most INT_MAX)"},
	{"events:", 16, 0xffffffff, "the events (hex, at most 32 bits)"},
	{"data:", 16, UINT64_MAX, "the data (hex, at most 64 bits)"},
};

__attribute__((format(printf, 3, 4))) static int
fail(char why[TRACE_TFD_WHY_MAX], size_t at, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(why, TRACE_TFD_WHY_MAX, "column %zu: ", at + 1);

	va_start(ap, fmt);
	vsnprintf(why + n, TRACE_TFD_WHY_MAX - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

static int blank(char c)
{
	return c == ' ' || c == '\t';
}

static int digit(char c, unsigned base)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (base == 16 && c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (base == 16 && c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* f's name and value at *at, after blanks; the value ends the line or
 * is followed by a blank. */
static int field(const char *line, size_t n, size_t *at, const struct field *f,
		 uint64_t *v, char why[TRACE_TFD_WHY_MAX])
{
	size_t len = strlen(f->name), start;
	int d;

	while (*at < n && blank(line[*at]))
		(*at)++;
	if (n - *at < len || memcmp(line + *at, f->name, len) != 0)
		return fail(why, *at, "expected \"%s\"", f->name);
	*at += len;
	while (*at < n && blank(line[*at]))
		(*at)++;
	start = *at;
	for (*v = 0; *at < n && (d = digit(line[*at], f->base)) >= 0; (*at)++) {
		if (*v > (f->max - (unsigned)d) / f->base)
			return fail(why, start, "too large for %s", f->what);
		*v = *v * f->base + (unsigned)d;
	}
	if (*at == start || (*at < n && !blank(line[*at])))
		return fail(why, *at, "expected %s after \"%s\"", f->what,
			    f->name);
	return 0;
}

int trace_fdinfo_tfd(const char *line, size_t n, struct trace_tfd *out,
		     char why[TRACE_TFD_WHY_MAX])
{
	uint64_t v[3];
	size_t at = 0;

	if (n < 4 || memcmp(line, "tfd:", 4) != 0)
		return 0;
	for (size_t i = 0; i < 3; i++)
		if (field(line, n, &at, &fields[i], &v[i], why) < 0)
			return -1;
	*out = (struct trace_tfd){(int)v[0], (uint32_t)v[1], v[2]};
	return 1;
}
