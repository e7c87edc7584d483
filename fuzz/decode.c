/* Bytes to a trace.  Every input decodes to a valid trace of at most
 * FUZZ_OPS_MAX operations: names are made here (E1, P1, S1, F1, R1, D1:
 * epoll, pipe, socket pair, eventfd, regular file, dup, numbered by
 * kind), and every operand byte picks among the references bound so far,
 * so no name is ever unbound or bound twice.
 *
 * An operation is 5 bytes [kind a b c d]; a short last one reads zeros:
 *   epoll/pipe/socketpair/file   (operands unused)
 *   instance       ROOM = room(b), GEN = gen(c)
 *   eventfd        INIT = value(b c d)
 *   dup close      FD = ref(a)
 *   write read     FD = ref(a), N = value(b c d); a write to a regular
 *                  file at most FUZZ_FILE_WRITE_MAX
 *   shutdown       FD = ref(a), how = b % 3
 *   pipesize       FD = ref(a), BYTES = value(b c d)
 *   poll           FD = ref(a), EVENTS = events(c d)
 *   add mod        EP = epref(a), FD = ref(b), EVENTS = events(c d)
 *   del            EP = epref(a), FD = ref(b)
 *   wait           EP = epref(a), MAX = max(b), TIMEOUT = timeout(c) for
 *                  the first wait that has one, 0 for the others
 *   check          the deep checks after the previous operation
 *   fetch          EP = epref(a), MAX = max(b)
 *   event          EP = epref(a), I = b % 8
 *   delclose       EP = epref(a), FD = ref(b)
 *   waitarray      EP = epref(a), MAX = max(b)
 * ref(x) is reference x % (references so far), in binding order (a pipe
 * binds .r then .w).  epref(x) is, for x < 0x80, epoll reference
 * x % (epoll references so far) - those bound by epoll or by dup of one -
 * and otherwise ref(x & 0x7f), so that any reference can be an EP.  An
 * operation that needs a reference before any exists, a binding past
 * FUZZ_OBJECTS_MAX and a regular file past FUZZ_FILES_MAX are left out.
 * A poll's mask keeps only the bits with words (format.c's unknown ones
 * are for add and mod).
 *
 * Each operation is made twice over, as its line of text and as the
 * parsed operation trace_parse would make of that line: the run needs
 * only the second, the reports and the tools the first.  Parsing the
 * text instead cost a fifth of a run (test_format checks the two agree).
 * So the text is put together by hand, without printf, which cost as
 * much again; and a run is decoded without it (fuzz_decode_ops), which
 * was a tenth of the fast mode's run: its report runs the input again
 * with the text (entry.c). */
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "format.h"

struct decoder {
	struct fuzz_program *p;
	bool epoll[FUZZ_REFS_MAX]; /* which references are epolls */
	bool file[FUZZ_REFS_MAX]; /* which are regular files */
	unsigned eps[FUZZ_REFS_MAX]; /* indices of epoll references */
	unsigned neps;
	unsigned objects;
	unsigned per_kind[6];
	unsigned instances;
	size_t start[FUZZ_OPS_MAX]; /* where each line starts in the text */
	bool text; /* the lines are made too */
	bool timed; /* a wait with a TIMEOUT was made */
};

static char fuzz_file[] = "<fuzz>";

static void put(struct decoder *dc, const char *s)
{
	if (dc->text)
		trace_buf_puts(&dc->p->text, s);
}

/* v in decimal, in d (a reference's number); returns where it starts. */
static const char *decimal(char d[24], uint64_t v)
{
	char *at = d + 23;

	*at = '\0';
	do
		*--at = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	return at;
}

static void put_u(struct decoder *dc, uint64_t v)
{
	if (dc->text)
		trace_buf_put_u(&dc->p->text, v, 10);
}

static void put_i(struct decoder *dc, int v)
{
	if (dc->text)
		trace_buf_put_i(&dc->p->text, v);
}

static int ref_of(const struct decoder *dc, uint8_t x)
{
	return (int)(x % dc->p->t.nslots);
}

static int epref_of(const struct decoder *dc, uint8_t x)
{
	if (x < 0x80 && dc->neps > 0)
		return (int)dc->eps[x % dc->neps];
	return ref_of(dc, x & 0x7f);
}

/* A reference operand: " NAME" on the line. */
static int operand(struct decoder *dc, int ref)
{
	put(dc, " ");
	put(dc, dc->p->t.slots[ref].ref);
	return ref;
}

/* Binds the next reference: NAME, or NAME and end (".r"). */
static int bind_ref(struct decoder *dc, const char *name, const char *end,
		bool eventfd, bool epoll)
{
	struct trace *t = &dc->p->t;
	unsigned i = (unsigned)t->nslots++;
	char *s = dc->p->names[i];

	strcpy(s, name);
	strcat(s, end);
	t->slots[i] = (struct trace_slot){ .ref = s, .eventfd = eventfd };
	dc->epoll[i] = epoll;
	if (epoll)
		dc->eps[dc->neps++] = i;
	return (int)i;
}

/* A binding operation: its line and the references it binds. */
static void binding(struct decoder *dc, enum fuzz_kind k, const uint8_t *op,
		    struct trace_op *o)
{
	static const char *const verb[] = { "epoll", "pipe", "socketpair",
					    "eventfd", "file", "dup" };
	static const char letter[] = "EPSFRD";
	static const enum trace_kind kind[] = { TRACE_EPOLL, TRACE_PIPE,
						TRACE_SOCKETPAIR, TRACE_EVENTFD,
						TRACE_FILE, TRACE_DUP };
	unsigned *count = k == FUZZ_INSTANCE ? &dc->instances : &dc->per_kind[k];
	char name[8], d[24];

	dc->objects++;
	/* The kind's letter and its count, at most FUZZ_OBJECTS_MAX. */
	name[0] = k == FUZZ_INSTANCE ? 'I' : letter[k];
	strcpy(name + 1, decimal(d, ++*count));
	if (k == FUZZ_INSTANCE) {
		o->kind = TRACE_INSTANCE;
		o->room = fuzz_room_decode(op[2]);
		o->gen = fuzz_gen_decode(op[3]);
		put(dc, "instance ");
		put(dc, name);
		put(dc, " ");
		put_u(dc, o->room);
		put(dc, " ");
		put_u(dc, o->gen);
		o->bind = bind_ref(dc, name, "", false, true);
		return;
	}
	o->kind = kind[k];
	put(dc, verb[k]);
	if (k == FUZZ_DUP)
		o->fd = operand(dc, ref_of(dc, op[1]));
	put(dc, " ");
	put(dc, name);
	switch (k) {
	case FUZZ_PIPE:
	case FUZZ_SOCKETPAIR:
		o->bind = bind_ref(dc, name, k == FUZZ_PIPE ? ".r" : ".a", false,
			       false);
		bind_ref(dc, name, k == FUZZ_PIPE ? ".w" : ".b", false, false);
		break;
	case FUZZ_EVENTFD:
		o->n = fuzz_value_decode(FUZZ_V_INIT, op[2], op[3], op[4]);
		put(dc, " ");
		put_u(dc, o->n);
		o->bind = bind_ref(dc, name, "", true, false);
		break;
	case FUZZ_DUP:
		o->bind = bind_ref(dc, name, "", dc->p->t.slots[o->fd].eventfd,
			       dc->epoll[o->fd]);
		dc->file[o->bind] = dc->file[o->fd];
		break;
	default:
		o->bind = bind_ref(dc, name, "", false, k == FUZZ_EPOLL);
		dc->file[o->bind] = k == FUZZ_FILE;
		break;
	}
}

static void events(struct decoder *dc, uint32_t mask)
{
	put(dc, " ");
	if (dc->text)
		fuzz_events_print(&dc->p->text, mask);
}

/* Operation op's line and what it parses to; false (and nothing
 * written) if it is left out. */
static bool operation(struct decoder *dc, const uint8_t *op,
		      struct trace_op *o)
{
	static const char *const how[] = { "rd", "wr", "rdwr" };
	static const int shut[] = { SHUT_RD, SHUT_WR, SHUT_RDWR };
	enum fuzz_kind k = fuzz_kind_of(op[0]);
	size_t nrefs = dc->p->t.nslots;

	if (fuzz_binds(k)) {
		if (dc->objects >= FUZZ_OBJECTS_MAX ||
		    (k == FUZZ_DUP && nrefs == 0) ||
		    (k == FUZZ_FILE && dc->per_kind[k] >= FUZZ_FILES_MAX))
			return false;
		binding(dc, k, op, o);
		return true;
	}
	if (nrefs == 0)
		return false;
	switch (k) {
	case FUZZ_CLOSE:
		o->kind = TRACE_CLOSE;
		put(dc, "close");
		o->fd = operand(dc, ref_of(dc, op[1]));
		break;
	case FUZZ_WRITE:
	case FUZZ_READ:
		o->kind = k == FUZZ_WRITE ? TRACE_WRITE : TRACE_READ;
		put(dc, k == FUZZ_WRITE ? "write" : "read");
		o->fd = operand(dc, ref_of(dc, op[1]));
		o->eventfd = dc->p->t.slots[o->fd].eventfd;
		o->n = fuzz_value_decode(o->eventfd ? FUZZ_V_COUNTER
						    : FUZZ_V_SIZE,
					 op[2], op[3], op[4]);
		if (k == FUZZ_WRITE && dc->file[o->fd] &&
		    o->n > FUZZ_FILE_WRITE_MAX)
			o->n = FUZZ_FILE_WRITE_MAX;
		put(dc, " ");
		put_u(dc, o->n);
		break;
	case FUZZ_SHUTDOWN:
		o->kind = TRACE_SHUTDOWN;
		put(dc, "shutdown");
		o->fd = operand(dc, ref_of(dc, op[1]));
		o->how = shut[op[2] % 3];
		put(dc, " ");
		put(dc, how[op[2] % 3]);
		break;
	case FUZZ_PIPESIZE:
		o->kind = TRACE_PIPESIZE;
		put(dc, "pipesize");
		o->fd = operand(dc, ref_of(dc, op[1]));
		o->n = fuzz_value_decode(FUZZ_V_PIPESIZE, op[2], op[3], op[4]);
		put(dc, " ");
		put_u(dc, o->n);
		break;
	case FUZZ_POLL:
		o->kind = TRACE_POLL;
		put(dc, "poll");
		o->fd = operand(dc, ref_of(dc, op[1]));
		o->events = fuzz_events_decode(op[3], op[4]) & trace_word_bits();
		events(dc, o->events);
		/* As the parser does: struct pollfd cannot hold them. */
		o->events &= ~trace_epoll_only_bits();
		break;
	case FUZZ_ADD:
	case FUZZ_MOD:
		o->kind = k == FUZZ_ADD ? TRACE_ADD : TRACE_MOD;
		put(dc, k == FUZZ_ADD ? "add" : "mod");
		o->ep = operand(dc, epref_of(dc, op[1]));
		o->fd = operand(dc, ref_of(dc, op[2]));
		o->events = fuzz_events_decode(op[3], op[4]);
		events(dc, o->events);
		break;
	case FUZZ_DEL:
	case FUZZ_DELCLOSE:
		o->kind = k == FUZZ_DEL ? TRACE_DEL : TRACE_DELCLOSE;
		put(dc, k == FUZZ_DEL ? "del" : "delclose");
		o->ep = operand(dc, epref_of(dc, op[1]));
		o->fd = operand(dc, ref_of(dc, op[2]));
		break;
	case FUZZ_WAIT:
	case FUZZ_FETCH:
	case FUZZ_WAITARRAY:
		o->kind = k == FUZZ_WAIT    ? TRACE_WAIT :
			  k == FUZZ_FETCH   ? TRACE_FETCH :
					      TRACE_WAITARRAY;
		put(dc, k == FUZZ_WAIT ? "wait" :
			k == FUZZ_FETCH ? "fetch" : "waitarray");
		o->ep = operand(dc, epref_of(dc, op[1]));
		o->max = fuzz_max_decode(op[2]);
		put(dc, " ");
		put_i(dc, o->max);
		if (k == FUZZ_WAIT && !dc->timed &&
		    fuzz_timeout_decode(op[3]) > 0) {
			dc->timed = true;
			o->timeout = fuzz_timeout_decode(op[3]);
			put(dc, " ");
			put_i(dc, o->timeout);
		}
		break;
	case FUZZ_EVENT:
		o->kind = TRACE_EVENT;
		put(dc, "event");
		o->ep = operand(dc, epref_of(dc, op[1]));
		o->max = op[2] % FUZZ_EVENT_INDICES;
		o->n = (uint64_t)o->max;
		put(dc, " ");
		put_i(dc, o->max);
		break;
	default:
		return false;
	}
	return true;
}

/* Each operation's text: its line of the trace's text, NUL in place of
 * the newline, in a copy of its own. */
static int texts(struct decoder *dc)
{
	static char none[] = "";
	struct fuzz_program *p = dc->p;

	if (!dc->text) {
		for (size_t i = 0; i < p->t.nops; i++)
			p->ops[i].text = none;
		return 0;
	}
	p->lines = malloc(p->text.len + 1);
	if (!p->lines)
		return -1;
	memcpy(p->lines, p->text.s, p->text.len + 1);
	for (size_t i = 0; i < p->t.nops; i++) {
		p->ops[i].text = p->lines + dc->start[i];
		p->lines[dc->start[i] + strcspn(p->ops[i].text, "\n")] = '\0';
	}
	return 0;
}

static int decode(const uint8_t *data, size_t size, struct fuzz_program *p,
		  bool text)
{
	struct decoder dc;

	memset(p, 0, sizeof(*p));
	memset(&dc, 0, sizeof(dc));
	dc.p = p;
	dc.text = text;
	p->t.file = fuzz_file;
	p->t.ops = p->ops;
	p->t.slots = p->slots;
	if (size > FUZZ_INPUT_MAX)
		size = FUZZ_INPUT_MAX;
	if (text)
		trace_buf_puts(&p->text, "");
	for (size_t at = 0; at < size; at += FUZZ_OP_BYTES) {
		uint8_t op[FUZZ_OP_BYTES] = { 0 };
		struct trace_op *o = &p->ops[p->t.nops];

		memcpy(op, data + at,
		       size - at < FUZZ_OP_BYTES ? size - at : FUZZ_OP_BYTES);
		if (fuzz_kind_of(op[0]) == FUZZ_CHECK) {
			if (p->t.nops > 0)
				p->check_after[p->t.nops - 1] = true;
			continue;
		}
		dc.start[p->t.nops] = p->text.len;
		*o = (struct trace_op){ .bind = -1, .fd = -1, .ep = -1 };
		if (!operation(&dc, op, o))
			continue;
		o->line = (unsigned)p->t.nops + 1;
		p->t.nadds += o->kind == TRACE_ADD;
		put(&dc, "\n");
		p->t.nops++;
	}
	if (p->text.failed || texts(&dc) < 0) {
		fuzz_program_free(p);
		return -1;
	}
	return 0;
}

int fuzz_decode(const uint8_t *data, size_t size, struct fuzz_program *p)
{
	return decode(data, size, p, true);
}

int fuzz_decode_ops(const uint8_t *data, size_t size,
		    struct fuzz_program *p)
{
	return decode(data, size, p, false);
}

void fuzz_program_free(struct fuzz_program *p)
{
	trace_buf_free(&p->text);
	free(p->lines);
	memset(p, 0, sizeof(*p));
}
