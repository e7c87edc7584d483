/* The line grammar of LANGUAGE.md: one operation a line, its operands in
 * order, every error found before anything runs. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "internal.h"

struct opdef {
	const char *name;
	enum trace_kind kind;
	int min, max; /* operands */
	const char *usage;
};

static const struct opdef opdefs[] = {
	{"epoll", TRACE_EPOLL, 1, 1, "epoll NAME"},
	{"pipe", TRACE_PIPE, 1, 1, "pipe NAME"},
	{"socketpair", TRACE_SOCKETPAIR, 1, 1, "socketpair NAME"},
	{"eventfd", TRACE_EVENTFD, 1, 2, "eventfd NAME [INIT]"},
	{"file", TRACE_FILE, 1, 1, "file NAME"},
	{"dup", TRACE_DUP, 2, 2, "dup FD NAME"},
	{"close", TRACE_CLOSE, 1, 1, "close FD"},
	{"write", TRACE_WRITE, 2, 2, "write FD N"},
	{"read", TRACE_READ, 2, 2, "read FD N"},
	{"shutdown", TRACE_SHUTDOWN, 2, 2, "shutdown FD rd|wr|rdwr"},
	{"pipesize", TRACE_PIPESIZE, 2, 2, "pipesize FD BYTES"},
	{"poll", TRACE_POLL, 2, 2, "poll FD EVENTS"},
	{"add", TRACE_ADD, 3, 3, "add EP FD EVENTS"},
	{"mod", TRACE_MOD, 3, 3, "mod EP FD EVENTS"},
	{"del", TRACE_DEL, 2, 2, "del EP FD"},
	{"wait", TRACE_WAIT, 2, 3, "wait EP MAX [TIMEOUT]"},
	{"fetch", TRACE_FETCH, 2, 2, "fetch EP MAX"},
	{"event", TRACE_EVENT, 2, 2, "event EP I"},
	{"delclose", TRACE_DELCLOSE, 2, 2, "delclose EP FD"},
	{"waitarray", TRACE_WAITARRAY, 2, 2, "waitarray EP MAX"},
	{"instance", TRACE_INSTANCE, 3, 3, "instance NAME ROOM GEN"},
};

#define NOPDEFS (sizeof(opdefs) / sizeof(opdefs[0]))
#define MAX_TOKENS 5 /* the longest line has 4; one more tells "too many" */

static const struct opdef *find_op(const struct tok *tk)
{
	for (size_t i = 0; i < NOPDEFS; i++)
		if (strlen(opdefs[i].name) == tk->n &&
		    memcmp(opdefs[i].name, tk->s, tk->n) == 0)
			return &opdefs[i];
	return NULL;
}

static int shutdown_how(struct parser *p, const struct tok *tk, int *how)
{
	char q[48];

	if (tk->n == 2 && memcmp(tk->s, "rd", 2) == 0)
		*how = SHUT_RD;
	else if (tk->n == 2 && memcmp(tk->s, "wr", 2) == 0)
		*how = SHUT_WR;
	else if (tk->n == 4 && memcmp(tk->s, "rdwr", 4) == 0)
		*how = SHUT_RDWR;
	else
		return trace_fail(p, "expected rd, wr or rdwr, got '%s'",
				  trace_quote(tk, q));
	return 0;
}

/* N: a uint64_t on an eventfd, at most TRACE_N_MAX elsewhere. */
static int count_n(struct parser *p, const struct tok *tk, bool eventfd,
		   uint64_t *n)
{
	if (eventfd)
		return trace_unsigned(p, tk, "N", UINT64_MAX,
				      "to fit a uint64_t (on an eventfd)", n);
	return trace_unsigned(p, tk, "N", TRACE_N_MAX,
			      "at most 4194304 (not an eventfd)", n);
}

/* ROOM: a table safepoll_new makes (1 to 2^24 slots); GEN: any
 * generation a slot can have, the last one too. */
static int instance(struct parser *p, struct trace_op *op,
		    const struct tok *a)
{
	uint64_t room, gen;

	if (trace_bind_name(p, &a[0], NAME_ONE, &op->bind) < 0 ||
	    trace_unsigned(p, &a[1], "ROOM", TRACE_ROOM_MAX,
			   "at most 16777216 (SAFEPOLL_CAPACITY_MAX)",
			   &room) < 0 ||
	    trace_unsigned(p, &a[2], "GEN", UINT32_MAX,
			   "to fit a uint32_t", &gen) < 0)
		return -1;
	if (room == 0)
		return trace_fail(p, "expected ROOM of at least 1, got '0'");
	op->room = (uint32_t)room;
	op->gen = (uint32_t)gen;
	return 0;
}

/* The operands after the operation's name, left to right. */
static int operands(struct parser *p, struct trace_op *op, const struct tok *a,
		    int nargs)
{
	const struct trace_slot *s;
	char q[48];

	switch (op->kind) {
	case TRACE_EPOLL:
	case TRACE_FILE: return trace_bind_name(p, &a[0], NAME_ONE, &op->bind);
	case TRACE_INSTANCE:
		return instance(p, op, a);
	case TRACE_PIPE: return trace_bind_name(p, &a[0], NAME_PIPE, &op->bind);
	case TRACE_SOCKETPAIR:
		return trace_bind_name(p, &a[0], NAME_PAIR, &op->bind);
	case TRACE_EVENTFD:
		if (trace_bind_name(p, &a[0], NAME_ONE, &op->bind) < 0)
			return -1;
		p->t->slots[op->bind].eventfd = true;
		if (nargs < 2)
			return 0;
		return trace_unsigned(p, &a[1], "INIT", UINT_MAX,
				      "to fit an unsigned int", &op->n);
	case TRACE_DUP:
		if (trace_fd_ref(p, &a[0], "an FD reference", &op->fd) < 0 ||
		    trace_bind_name(p, &a[1], NAME_ONE, &op->bind) < 0)
			return -1;
		s = p->t->slots;
		p->t->slots[op->bind].eventfd = s[op->fd].eventfd;
		return 0;
	case TRACE_CLOSE:
		return trace_fd_ref(p, &a[0], "an FD reference", &op->fd);
	case TRACE_WRITE:
	case TRACE_READ:
		if (trace_fd_ref(p, &a[0], "an FD reference", &op->fd) < 0)
			return -1;
		op->eventfd = p->t->slots[op->fd].eventfd;
		return count_n(p, &a[1], op->eventfd, &op->n);
	case TRACE_SHUTDOWN:
		if (trace_fd_ref(p, &a[0], "an FD reference", &op->fd) < 0)
			return -1;
		return shutdown_how(p, &a[1], &op->how);
	case TRACE_PIPESIZE:
		if (trace_fd_ref(p, &a[0], "an FD reference", &op->fd) < 0)
			return -1;
		return trace_unsigned(p, &a[1], "BYTES", INT_MAX,
				      "to fit an int", &op->n);
	case TRACE_POLL:
		if (trace_fd_ref(p, &a[0], "an FD reference", &op->fd) < 0 ||
		    trace_events(p, &a[1], &op->events) < 0)
			return -1;
		if (op->events & ~trace_word_bits())
			return trace_fail(p, "expected EVENTS of words only "
					  "in poll (0x words are for add and "
					  "mod), got '%s'", trace_quote(&a[1], q));
		/* struct pollfd has no room for the epoll-only bits. */
		op->events &= ~trace_epoll_only_bits();
		return 0;
	case TRACE_ADD:
	case TRACE_MOD:
		if (trace_fd_ref(p, &a[0], "an EP reference", &op->ep) < 0 ||
		    trace_fd_ref(p, &a[1], "an FD reference", &op->fd) < 0)
			return -1;
		return trace_events(p, &a[2], &op->events);
	case TRACE_DEL:
	case TRACE_DELCLOSE:
		if (trace_fd_ref(p, &a[0], "an EP reference", &op->ep) < 0)
			return -1;
		return trace_fd_ref(p, &a[1], "an FD reference", &op->fd);
	case TRACE_WAIT:
		if (trace_fd_ref(p, &a[0], "an EP reference", &op->ep) < 0 ||
		    trace_signed_int(p, &a[1], "MAX", &op->max) < 0)
			return -1;
		if (nargs < 3)
			return 0;
		return trace_signed_int(p, &a[2], "TIMEOUT", &op->timeout);
	case TRACE_FETCH:
	case TRACE_WAITARRAY:
		if (trace_fd_ref(p, &a[0], "an EP reference", &op->ep) < 0)
			return -1;
		return trace_signed_int(p, &a[1], "MAX", &op->max);
	case TRACE_EVENT:
		if (trace_fd_ref(p, &a[0], "an EP reference", &op->ep) < 0 ||
		    trace_unsigned(p, &a[1], "I", TRACE_BATCH - 1,
				   "below 128 (safepoll's batch)", &op->n) < 0)
			return -1;
		op->max = (int)op->n;
		return 0;
	}
	return trace_fail(p, "expected an operation");
}

static char *join(const struct tok *toks, int n)
{
	size_t len = 0;
	char *s, *w;

	for (int i = 0; i < n; i++)
		len += toks[i].n + 1;
	s = malloc(len);
	if (!s)
		return NULL;
	w = s;
	for (int i = 0; i < n; i++) {
		memcpy(w, toks[i].s, toks[i].n);
		w += toks[i].n;
		*w++ = i + 1 < n ? ' ' : '\0';
	}
	return s;
}

static struct trace_op *new_op(struct parser *p)
{
	struct trace *t = p->t;

	if (t->nops == p->ops_cap) {
		size_t cap = p->ops_cap ? p->ops_cap * 2 : 16;
		struct trace_op *ops = realloc(t->ops, cap * sizeof(*ops));

		if (!ops)
			return NULL;
		t->ops = ops;
		p->ops_cap = cap;
	}
	return &t->ops[t->nops];
}

static int parse_line(struct parser *p, const char *line, size_t len)
{
	struct tok toks[MAX_TOKENS];
	const struct opdef *def;
	struct trace_op *op;
	size_t bad;
	int n = trace_lex_line(line, len, toks, MAX_TOKENS, &bad);
	char q[48];

	if (n < 0)
		return trace_fail(
			p,
			"expected tokens of printable ASCII "
			"separated by spaces or tabs, got byte 0x%02x",
			(unsigned char)line[bad]);
	if (n == 0)
		return 0;
	def = find_op(&toks[0]);
	if (!def)
		return trace_fail(
			p,
			"expected an operation (epoll pipe socketpair "
			"eventfd file dup close write read shutdown "
			"pipesize poll add mod del wait fetch event "
			"delclose waitarray instance), got '%s'",
			trace_quote(&toks[0], q));
	if (n - 1 < def->min || n - 1 > def->max)
		return trace_fail(p, "expected '%s', got %d operand%s",
				  def->usage, n - 1, n == 2 ? "" : "s");
	op = new_op(p);
	if (!op)
		return trace_oom(p);
	memset(op, 0, sizeof(*op));
	op->kind = def->kind;
	op->line = p->line;
	op->bind = op->fd = op->ep = -1;
	if (operands(p, op, &toks[1], n - 1) < 0)
		return -1;
	op->text = join(toks, n);
	if (!op->text)
		return trace_oom(p);
	if (op->kind == TRACE_ADD)
		p->t->nadds++;
	p->t->nops++;
	return 0;
}

void trace_free(struct trace *t)
{
	for (size_t i = 0; i < t->nops; i++)
		free(t->ops[i].text);
	for (size_t i = 0; i < t->nslots; i++)
		free(t->slots[i].ref);
	free(t->ops);
	free(t->slots);
	free(t->file);
	memset(t, 0, sizeof(*t));
}

int trace_parse(struct trace *t, const char *file, const char *buf, size_t len,
		char err[TRACE_ERR_MAX])
{
	struct parser p = {.t = t, .file = file, .err = err};
	size_t start = 0;

	memset(t, 0, sizeof(*t));
	err[0] = '\0';
	t->file = strdup(file);
	if (!t->file)
		trace_oom(&p);
	while (p.status == 0 && start < len) {
		const char *nl = memchr(buf + start, '\n', len - start);
		size_t end = nl ? (size_t)(nl - buf) : len;

		p.line++;
		parse_line(&p, buf + start, end - start);
		start = end + 1;
	}
	trace_names_free(&p.names);
	if (p.status != 0) {
		/* A slot made by the failing line belongs to no op yet. */
		trace_free(t);
		return p.status;
	}
	return 0;
}
