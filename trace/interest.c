/* The writer and reader of interest.h.  The reader takes only what the
 * writer writes: anything else is a bug of one of the tools, to be told
 * where it is, not compared as if it were a registration. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "interest.h"

/* " %d:%d:%x:%llx", made without printf (trace_buf_put_u). */
void trace_interest_put(struct trace_buf *b, int ep, int tfd, uint32_t events,
			uint64_t data)
{
	trace_buf_put(b, " ", 1);
	trace_buf_put_i(b, ep);
	trace_buf_put(b, ":", 1);
	trace_buf_put_i(b, tfd);
	trace_buf_put(b, ":", 1);
	trace_buf_put_u(b, events, 16);
	trace_buf_put(b, ":", 1);
	trace_buf_put_u(b, data, 16);
}

void trace_interest_put_error(struct trace_buf *b, int ep, int err)
{
	trace_buf_printf(b, " %d:error:%s", ep, trace_errno_name(err));
}

struct field {
	const char *name;
	unsigned base;
	uint64_t max;
	const char *what;
};

static const struct field fields[] = {
	{"EP", 10, 0x7fffffff, "decimal, at most INT_MAX"},
	{"TFD", 10, 0x7fffffff, "decimal, at most INT_MAX"},
	{"EVENTS", 16, 0xffffffff, "hex, at most 32 bits"},
	{"DATA", 16, UINT64_MAX, "hex, at most 64 bits"},
};

__attribute__((format(printf, 5, 6))) static int
fail(char why[TRACE_ERR_MAX], const char *list, const char *at,
     const struct trace_interest *it, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(why, TRACE_ERR_MAX,
			 "column %zu: ", (size_t)(at - list) + 1);

	va_start(ap, fmt);
	n += vsnprintf(why + n, TRACE_ERR_MAX - (size_t)n, fmt, ap);
	va_end(ap);
	snprintf(why + n, TRACE_ERR_MAX - (size_t)n, " in \"%.*s%s\"",
		 (int)(it->len > 40 ? 40 : it->len), it->text,
		 it->len > 40 ? "..." : "");
	return -1;
}

static int digit(char c, unsigned base)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (base == 16 && c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* f's value at *p, which is moved past it; -1 if there is none or it is
 * over f's maximum. */
static int number(const char **p, const struct field *f, uint64_t *v)
{
	const char *s = *p;
	int d;

	for (*v = 0; (d = digit(*s, f->base)) >= 0; s++) {
		if (*v > (f->max - (unsigned)d) / f->base)
			return -1;
		*v = *v * f->base + (unsigned)d;
	}
	if (s == *p)
		return -1;
	*p = s;
	return 0;
}

int trace_interest_next(const char *list, const char **s,
			struct trace_interest *it, char why[TRACE_ERR_MAX])
{
	const char *p = *s;
	uint64_t v[4];

	while (p && *p == ' ')
		p++;
	if (!p || !*p)
		return 0;
	*it = (struct trace_interest){.text = p, .len = strcspn(p, " ")};
	for (size_t i = 0; i < 4; i++) {
		if (i > 0 && *p++ != ':')
			return fail(why, list, p - 1, it,
				    "expected ':' after %s",
				    fields[i - 1].name);
		if (i == 1 && strncmp(p, "error:", 6) == 0) {
			if (p[6] == ' ' || !p[6])
				return fail(why, list, p + 6, it,
					    "expected ERRNO after \"error:\"");
			it->ep = (int)v[0];
			it->error = true;
			*s = it->text + it->len;
			return 1;
		}
		if (number(&p, &fields[i], &v[i]) < 0)
			return fail(why, list, p, it, "expected %s (%s)",
				    fields[i].name, fields[i].what);
	}
	if (*p && *p != ' ')
		return fail(why, list, p, it, "expected a space after DATA");
	it->ep = (int)v[0];
	it->tfd = (int)v[1];
	it->events = (uint32_t)v[2];
	it->data = v[3];
	*s = p;
	return 1;
}
