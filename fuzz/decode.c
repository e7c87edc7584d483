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
 *   write read     FD = ref(a), N = value(b c d)
 *   shutdown       FD = ref(a), how = b % 3
 *   pipesize       FD = ref(a), BYTES = value(b c d)
 *   poll           FD = ref(a), EVENTS = events(c d)
 *   add mod        EP = epref(a), FD = ref(b), EVENTS = events(c d)
 *   del            EP = epref(a), FD = ref(b)
 *   wait           EP = epref(a), MAX = max(b), TIMEOUT = timeout(c)
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
 * are for add and mod). */
#include <stdio.h>
#include <string.h>

#include "format.h"

struct ref {
	char name[16];
	bool eventfd;
	bool epoll;
};

struct decoder {
	struct fuzz_program *p;
	struct ref refs[2 * FUZZ_OBJECTS_MAX];
	unsigned nrefs;
	unsigned eps[2 * FUZZ_OBJECTS_MAX]; /* indices of epoll references */
	unsigned neps;
	unsigned objects;
	unsigned per_kind[6];
	unsigned instances;
};

static const struct ref *ref_of(const struct decoder *dc, uint8_t x)
{
	return &dc->refs[x % dc->nrefs];
}

static const struct ref *epref_of(const struct decoder *dc, uint8_t x)
{
	if (x < 0x80 && dc->neps > 0)
		return &dc->refs[dc->eps[x % dc->neps]];
	return ref_of(dc, x & 0x7f);
}

static void bind(struct decoder *dc, const char *name, bool eventfd,
		 bool epoll)
{
	struct ref *r = &dc->refs[dc->nrefs];

	snprintf(r->name, sizeof(r->name), "%s", name);
	r->eventfd = eventfd;
	r->epoll = epoll;
	if (epoll)
		dc->eps[dc->neps++] = dc->nrefs;
	dc->nrefs++;
}

/* A binding: its line's start and the names it binds. */
static void binding(struct decoder *dc, enum fuzz_kind k, const uint8_t *op)
{
	static const char *const verb[] = { "epoll", "pipe", "socketpair",
					    "eventfd", "file", "dup" };
	static const char letter[] = "EPSFRD";
	struct trace_buf *b = &dc->p->text;
	const struct ref *src = k == FUZZ_DUP ? ref_of(dc, op[1]) : NULL;
	char name[8], end[16];

	dc->objects++;
	if (k == FUZZ_INSTANCE) {
		snprintf(name, sizeof(name), "I%u", ++dc->instances);
		trace_buf_printf(b, "instance %s %u %u", name,
				 fuzz_room_decode(op[2]),
				 fuzz_gen_decode(op[3]));
		bind(dc, name, false, true);
		return;
	}
	snprintf(name, sizeof(name), "%c%u", letter[k], ++dc->per_kind[k]);
	if (src)
		trace_buf_printf(b, "dup %s %s", src->name, name);
	else
		trace_buf_printf(b, "%s %s", verb[k], name);
	switch (k) {
	case FUZZ_PIPE:
	case FUZZ_SOCKETPAIR:
		snprintf(end, sizeof(end), "%s.%c", name, k == FUZZ_PIPE ? 'r' : 'a');
		bind(dc, end, false, false);
		snprintf(end, sizeof(end), "%s.%c", name, k == FUZZ_PIPE ? 'w' : 'b');
		bind(dc, end, false, false);
		break;
	case FUZZ_EVENTFD:
		trace_buf_printf(b, " %llu",
				 (unsigned long long)fuzz_value_decode(
					 FUZZ_V_INIT, op[2], op[3], op[4]));
		bind(dc, name, true, false);
		break;
	case FUZZ_DUP:
		bind(dc, name, src->eventfd, src->epoll);
		break;
	default:
		bind(dc, name, false, k == FUZZ_EPOLL);
		break;
	}
}

static void value(struct trace_buf *b, enum fuzz_value v, const uint8_t *op)
{
	trace_buf_printf(b, " %llu", (unsigned long long)fuzz_value_decode(
					     v, op[2], op[3], op[4]));
}

/* Appends operation op's line; false if it is left out. */
static bool operation(struct decoder *dc, const uint8_t *op)
{
	static const char *const how[] = { "rd", "wr", "rdwr" };
	struct trace_buf *b = &dc->p->text;
	enum fuzz_kind k = fuzz_kind_of(op[0]);
	const struct ref *fd, *ep;

	if (fuzz_binds(k)) {
		if (dc->objects >= FUZZ_OBJECTS_MAX ||
		    (k == FUZZ_DUP && dc->nrefs == 0) ||
		    (k == FUZZ_FILE && dc->per_kind[k] >= FUZZ_FILES_MAX))
			return false;
		binding(dc, k, op);
		return true;
	}
	if (dc->nrefs == 0)
		return false;
	fd = ref_of(dc, op[1]);
	ep = epref_of(dc, op[1]);
	switch (k) {
	case FUZZ_CLOSE:
		trace_buf_printf(b, "close %s", fd->name);
		break;
	case FUZZ_WRITE:
	case FUZZ_READ:
		trace_buf_printf(b, "%s %s", k == FUZZ_WRITE ? "write" : "read",
				 fd->name);
		value(b, fd->eventfd ? FUZZ_V_COUNTER : FUZZ_V_SIZE, op);
		break;
	case FUZZ_SHUTDOWN:
		trace_buf_printf(b, "shutdown %s %s", fd->name, how[op[2] % 3]);
		break;
	case FUZZ_PIPESIZE:
		trace_buf_printf(b, "pipesize %s", fd->name);
		value(b, FUZZ_V_PIPESIZE, op);
		break;
	case FUZZ_POLL:
		trace_buf_printf(b, "poll %s ", fd->name);
		fuzz_events_print(b, fuzz_events_decode(op[3], op[4]) &
					     trace_word_bits());
		break;
	case FUZZ_ADD:
	case FUZZ_MOD:
		trace_buf_printf(b, "%s %s %s ", k == FUZZ_ADD ? "add" : "mod",
				 ep->name, ref_of(dc, op[2])->name);
		fuzz_events_print(b, fuzz_events_decode(op[3], op[4]));
		break;
	case FUZZ_DEL:
	case FUZZ_DELCLOSE:
		trace_buf_printf(b, "%s %s %s",
				 k == FUZZ_DEL ? "del" : "delclose", ep->name,
				 ref_of(dc, op[2])->name);
		break;
	case FUZZ_WAIT:
		trace_buf_printf(b, "wait %s %d", ep->name,
				 fuzz_max_decode(op[2]));
		if (fuzz_timeout_decode(op[3]) > 0)
			trace_buf_printf(b, " %d", fuzz_timeout_decode(op[3]));
		break;
	case FUZZ_FETCH:
	case FUZZ_WAITARRAY:
		trace_buf_printf(b, "%s %s %d",
				 k == FUZZ_FETCH ? "fetch" : "waitarray", ep->name,
				 fuzz_max_decode(op[2]));
		break;
	case FUZZ_EVENT:
		trace_buf_printf(b, "event %s %d", ep->name,
				 op[2] % FUZZ_EVENT_INDICES);
		break;
	default:
		return false;
	}
	return true;
}

int fuzz_decode(const uint8_t *data, size_t size, struct fuzz_program *p)
{
	struct decoder dc;

	memset(p, 0, sizeof(*p));
	memset(&dc, 0, sizeof(dc));
	dc.p = p;
	if (size > FUZZ_INPUT_MAX)
		size = FUZZ_INPUT_MAX;
	trace_buf_puts(&p->text, "");
	for (size_t at = 0; at < size; at += FUZZ_OP_BYTES) {
		uint8_t op[FUZZ_OP_BYTES] = { 0 };

		memcpy(op, data + at,
		       size - at < FUZZ_OP_BYTES ? size - at : FUZZ_OP_BYTES);
		if (fuzz_kind_of(op[0]) == FUZZ_CHECK) {
			if (p->nops > 0)
				p->check_after[p->nops - 1] = true;
			continue;
		}
		if (!operation(&dc, op))
			continue;
		trace_buf_puts(&p->text, "\n");
		p->nops++;
	}
	return p->text.failed ? -1 : 0;
}

void fuzz_program_free(struct fuzz_program *p)
{
	trace_buf_free(&p->text);
	memset(p, 0, sizeof(*p));
}
