/* The operands of a line: NAMEs being bound, FD references to bound ones,
 * numbers that must fit their C type, EVENTS. */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int trace_fail(struct parser *p, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (p->status != 0)
		return -1;
	p->status = -1;
	n = snprintf(p->err, TRACE_ERR_MAX, "%s:%u: ", p->file, p->line);
	if (n < 0 || n >= TRACE_ERR_MAX)
		return -1;
	va_start(ap, fmt);
	vsnprintf(p->err + n, TRACE_ERR_MAX - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

int trace_oom(struct parser *p)
{
	if (p->status == 0) {
		p->status = -2;
		snprintf(p->err, TRACE_ERR_MAX, "%s:%u: out of memory", p->file,
			 p->line);
	}
	return -1;
}

const char *trace_quote(const struct tok *tk, char out[48])
{
	if (tk->n <= 40)
		snprintf(out, 48, "%.*s", (int)tk->n, tk->s);
	else
		snprintf(out, 48, "%.37s...", tk->s);
	return out;
}

static bool is_alpha(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* NAME: [A-Za-z][A-Za-z0-9_]*, at most 31 characters. */
static int check_name(struct parser *p, const char *s, size_t n,
		      const struct tok *tk, const char *what)
{
	char q[48];
	bool ok = n > 0 && is_alpha(s[0]);

	for (size_t i = 1; ok && i < n; i++)
		ok = is_alpha(s[i]) || is_digit(s[i]) || s[i] == '_';
	if (!ok)
		return trace_fail(p, "expected %s, got '%s'", what,
				  trace_quote(tk, q));
	if (n > TRACE_NAME_MAX)
		return trace_fail(p,
				  "expected a NAME of at most %d characters, "
				  "got '%s' (%zu characters)",
				  TRACE_NAME_MAX, trace_quote(tk, q), n);
	return 0;
}

static int new_slot(struct parser *p, const char *name, size_t n,
		    const char *suffix, bool eventfd)
{
	struct trace *t = p->t;
	size_t len = n + strlen(suffix);
	char *ref;

	if (t->nslots == p->slots_cap) {
		size_t cap = p->slots_cap ? p->slots_cap * 2 : 16;
		struct trace_slot *s = realloc(t->slots, cap * sizeof(*s));

		if (!s)
			return trace_oom(p);
		t->slots = s;
		p->slots_cap = cap;
	}
	ref = malloc(len + 1);
	if (!ref)
		return trace_oom(p);
	memcpy(ref, name, n);
	strcpy(ref + n, suffix);
	t->slots[t->nslots].ref = ref;
	t->slots[t->nslots].eventfd = eventfd;
	return (int)t->nslots++;
}

int trace_bind_name(struct parser *p, const struct tok *tk, enum name_kind kind,
		    int *slot)
{
	static const char *const ends[3][2] = {
		{"", NULL}, {".r", ".w"}, {".a", ".b"}};
	const struct name *old;
	char q[48];
	int first;

	if (check_name(p, tk->s, tk->n, tk, "a NAME ([A-Za-z][A-Za-z0-9_]*)"))
		return -1;
	old = trace_names_find(&p->names, tk->s, tk->n);
	if (old)
		return trace_fail(p,
				  "expected a NAME not bound yet, got '%s' "
				  "(bound at line %u)",
				  trace_quote(tk, q), old->line);
	first = new_slot(p, tk->s, tk->n, ends[kind][0], false);
	if (first < 0)
		return -1;
	if (kind != NAME_ONE &&
	    new_slot(p, tk->s, tk->n, ends[kind][1], false) < 0)
		return -1;
	if (trace_names_add(&p->names, tk->s, tk->n, kind, first, p->line) < 0)
		return trace_oom(p);
	*slot = first;
	return 0;
}

int trace_fd_ref(struct parser *p, const struct tok *tk, const char *what,
		 int *slot)
{
	const char *dot = memchr(tk->s, '.', tk->n);
	size_t n = dot ? (size_t)(dot - tk->s) : tk->n;
	const struct name *nm;
	char q[48], end = 0;

	if (dot) {
		if (tk->n - n != 2 || !strchr("rwab", dot[1]))
			return trace_fail(p,
					  "expected %s (NAME, NAME.r, NAME.w, "
					  "NAME.a or NAME.b), got '%s'",
					  what, trace_quote(tk, q));
		end = dot[1];
	}
	if (check_name(p, tk->s, n, tk, what) < 0)
		return -1;
	nm = trace_names_find(&p->names, tk->s, n);
	if (!nm)
		return trace_fail(p,
				  "expected %s, got '%s': no earlier line "
				  "binds %.*s",
				  what, trace_quote(tk, q), (int)n, tk->s);
	switch (nm->kind) {
	case NAME_ONE:
		if (end)
			return trace_fail(p,
					  "expected '%s' (it names one "
					  "descriptor), got '%s'",
					  nm->text, trace_quote(tk, q));
		*slot = nm->slot;
		return 0;
	case NAME_PIPE:
		if (end != 'r' && end != 'w')
			return trace_fail(p,
					  "expected %s.r or %s.w (%s is a "
					  "pipe), got '%s'",
					  nm->text, nm->text, nm->text,
					  trace_quote(tk, q));
		*slot = nm->slot + (end == 'w');
		return 0;
	case NAME_PAIR:
		if (end != 'a' && end != 'b')
			return trace_fail(p,
					  "expected %s.a or %s.b (%s is a "
					  "socket pair), got '%s'",
					  nm->text, nm->text, nm->text,
					  trace_quote(tk, q));
		*slot = nm->slot + (end == 'b');
		return 0;
	}
	return trace_fail(p, "expected %s", what);
}

/* Digits into a value no larger than max; -1 if a digit is missing or it
 * is larger. */
static int digits(const char *s, size_t n, uint64_t max, uint64_t *out)
{
	uint64_t v = 0;

	if (n == 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		unsigned d;

		if (!is_digit(s[i]))
			return -1;
		d = (unsigned)(s[i] - '0');
		if (v > (max - d) / 10)
			return -2;
		v = v * 10 + d;
	}
	*out = v;
	return 0;
}

int trace_unsigned(struct parser *p, const struct tok *tk, const char *what,
		   uint64_t max, const char *limit, uint64_t *out)
{
	char q[48];
	int r = digits(tk->s, tk->n, max, out);

	if (r == -1)
		return trace_fail(p,
				  "expected %s as an unsigned decimal number "
				  "([0-9]+), got '%s'",
				  what, trace_quote(tk, q));
	if (r < 0)
		return trace_fail(p, "expected %s %s, got '%s'", what, limit,
				  trace_quote(tk, q));
	return 0;
}

int trace_signed_int(struct parser *p, const struct tok *tk, const char *what,
		     int *out)
{
	bool neg = tk->n > 0 && tk->s[0] == '-';
	uint64_t max = neg ? (uint64_t)INT_MAX + 1 : INT_MAX, v = 0;
	char q[48];
	int r = digits(tk->s + neg, tk->n - neg, max, &v);

	if (r == -1)
		return trace_fail(p,
				  "expected %s as a decimal number (-?[0-9]+), "
				  "got '%s'",
				  what, trace_quote(tk, q));
	if (r < 0)
		return trace_fail(
			p, "expected %s to fit an int (%d to %d), got '%s'",
			what, INT_MIN, INT_MAX, trace_quote(tk, q));
	*out = neg ? (int)(-(int64_t)v) : (int)v;
	return 0;
}

int trace_events(struct parser *p, const struct tok *tk, uint32_t *mask)
{
	size_t bad, end;
	char q[48];

	if (trace_events_parse(tk->s, tk->n, mask, &bad) == 0)
		return 0;
	end = bad;
	while (end < tk->n && tk->s[end] != '|')
		end++;
	if (end == bad)
		return trace_fail(p,
				  "expected EVENTS (none, or event words "
				  "joined by |), got '%s': an empty word",
				  trace_quote(tk, q));
	return trace_fail(p,
			  "expected EVENTS (none, or words among in pri out "
			  "err hup rdnorm rdband wrnorm wrband msg rdhup "
			  "exclusive wakeup oneshot et, or 0x and the "
			  "lower-case hex of one bit without a word, joined "
			  "by |), got '%s': '%.*s' is not one",
			  trace_quote(tk, q),
			  (int)(end - bad < 32 ? end - bad : 32), tk->s + bad);
}
