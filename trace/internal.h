/* Shared by the parser's files; not part of the library's interface. */
#ifndef SAFEPOLL_TRACE_INTERNAL_H
#define SAFEPOLL_TRACE_INTERNAL_H

#include "trace.h"

struct tok {
	const char *s;
	size_t n;
};

/* Splits one line (no '\n') into its tokens, the comment removed.
 * Stores at most cap of them and returns how many there are, or -1 with
 * *bad the offset of a byte that is neither a token's (printable ASCII)
 * nor a separator (space, tab). */
int trace_lex_line(const char *line, size_t n, struct tok *toks, int cap,
		   size_t *bad);

enum name_kind { NAME_ONE, NAME_PIPE, NAME_PAIR };

struct name {
	char *text;
	enum name_kind kind;
	int slot; /* its first slot */
	unsigned line; /* where it was bound */
};

/* The names bound so far, by text. */
struct names {
	struct name *tab; /* open addressing; text NULL = empty */
	size_t cap; /* a power of two, or 0 */
	size_t count;
};

const struct name *trace_names_find(const struct names *ns, const char *s,
				    size_t n);
/* Binds a name not bound yet.  Returns 0, or -1 when memory ran out. */
int trace_names_add(struct names *ns, const char *s, size_t n,
		    enum name_kind kind, int slot, unsigned line);
void trace_names_free(struct names *ns);

/* The parser's state, shared by the line grammar (parse.c) and the
 * operand grammar (operands.c). */
struct parser {
	struct trace *t;
	struct names names;
	const char *file;
	unsigned line;
	char *err;
	int status; /* 0, -1 malformed, -2 out of memory */
	size_t ops_cap;
	size_t slots_cap;
};

/* Records the first error: "FILE:LINE: " then the message.  Returns -1. */
int trace_fail(struct parser *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int trace_oom(struct parser *p);
/* A token fit to quote in a message (at most 40 characters, then ...). */
const char *trace_quote(const struct tok *tk, char out[48]);

/* Each returns 0, or -1 with the error recorded. */
int trace_bind_name(struct parser *p, const struct tok *tk, enum name_kind kind,
		    int *slot);
int trace_fd_ref(struct parser *p, const struct tok *tk, const char *what,
		 int *slot);
int trace_unsigned(struct parser *p, const struct tok *tk, const char *what,
		   uint64_t max, const char *limit, uint64_t *out);
int trace_signed_int(struct parser *p, const struct tok *tk, const char *what,
		     int *out);
int trace_events(struct parser *p, const struct tok *tk, uint32_t *mask);

#endif
