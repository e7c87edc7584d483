/* A trace to bytes that decode back to it (decode.c), for seeds from
 * corpus/.  The references are renamed (the decoder makes its own names)
 * but are the same references, bound in the same order; what the format
 * cannot hold is rounded or cut, and said in notes. */
#include <string.h>

#include "format.h"

struct encoder {
	const struct trace *t;
	int ref[4 * FUZZ_OBJECTS_MAX]; /* per slot: its reference index */
	bool epoll[4 * FUZZ_OBJECTS_MAX];
	bool file[4 * FUZZ_OBJECTS_MAX]; /* per reference: a regular file */
	unsigned nrefs;
	int epindex[4 * FUZZ_OBJECTS_MAX]; /* per reference: among eprefs */
	unsigned neps;
	unsigned objects, files;
	bool timed; /* a wait with a TIMEOUT was encoded */
	struct trace_buf *notes;
};

static void bind(struct encoder *en, int slot, bool epoll)
{
	en->ref[slot] = (int)en->nrefs;
	en->epoll[en->nrefs] = epoll;
	en->epindex[en->nrefs] = epoll ? (int)en->neps++ : -1;
	en->nrefs++;
}

static uint8_t ref_byte(const struct encoder *en, int slot)
{
	return (uint8_t)en->ref[slot];
}

static uint8_t epref_byte(const struct encoder *en, int slot)
{
	int r = en->ref[slot];

	return en->epoll[r] ? (uint8_t)en->epindex[r] : (uint8_t)(0x80 | r);
}

static void value(struct encoder *en, const struct trace_op *op,
		  enum fuzz_value v, uint64_t n, uint8_t *o)
{
	if (!fuzz_value_encode(v, n, &o[2], &o[3], &o[4]))
		trace_buf_printf(en->notes,
				 "%s:%u: %llu cannot be held: now %llu\n",
				 en->t->file, op->line, (unsigned long long)n,
				 (unsigned long long)fuzz_value_decode(
					 v, o[2], o[3], o[4]));
}

static void events(struct encoder *en, const struct trace_op *op,
		   uint8_t *o)
{
	if (!fuzz_events_encode(op->events, &o[3], &o[4])) {
		trace_buf_printf(en->notes, "%s:%u: EVENTS cannot be held: now ",
				 en->t->file, op->line);
		fuzz_events_print(en->notes, fuzz_events_decode(o[3], o[4]));
		trace_buf_puts(en->notes, "\n");
	}
}

/* The five bytes of op; false when it must be cut (too many objects). */
static bool encode_op(struct encoder *en, const struct trace_op *op,
		      uint8_t *o)
{
	static const uint8_t kind[] = {
		[TRACE_EPOLL] = FUZZ_EPOLL,	[TRACE_PIPE] = FUZZ_PIPE,
		[TRACE_SOCKETPAIR] = FUZZ_SOCKETPAIR,
		[TRACE_EVENTFD] = FUZZ_EVENTFD, [TRACE_FILE] = FUZZ_FILE,
		[TRACE_DUP] = FUZZ_DUP,		[TRACE_CLOSE] = FUZZ_CLOSE,
		[TRACE_WRITE] = FUZZ_WRITE,	[TRACE_READ] = FUZZ_READ,
		[TRACE_SHUTDOWN] = FUZZ_SHUTDOWN,
		[TRACE_PIPESIZE] = FUZZ_PIPESIZE, [TRACE_POLL] = FUZZ_POLL,
		[TRACE_ADD] = FUZZ_ADD,		[TRACE_MOD] = FUZZ_MOD,
		[TRACE_DEL] = FUZZ_DEL,		[TRACE_WAIT] = FUZZ_WAIT,
		[TRACE_FETCH] = FUZZ_FETCH,	[TRACE_EVENT] = FUZZ_EVENT,
		[TRACE_DELCLOSE] = FUZZ_DELCLOSE,
		[TRACE_WAITARRAY] = FUZZ_WAITARRAY,
		[TRACE_INSTANCE] = FUZZ_INSTANCE,
	};

	memset(o, 0, FUZZ_OP_BYTES);
	o[0] = kind[op->kind];
	if (op->bind >= 0 && en->objects++ >= FUZZ_OBJECTS_MAX)
		return false;
	if (op->kind == TRACE_FILE && en->files++ >= FUZZ_FILES_MAX)
		return false;
	switch (op->kind) {
	case TRACE_EPOLL:
	case TRACE_FILE:
		bind(en, op->bind, op->kind == TRACE_EPOLL);
		en->file[en->ref[op->bind]] = op->kind == TRACE_FILE;
		break;
	case TRACE_INSTANCE:
		if (!fuzz_instance_encode(op->room, op->gen, &o[2], &o[3]))
			trace_buf_printf(en->notes,
					 "%s:%u: ROOM %u GEN %u cannot be held: "
					 "now %u %u\n",
					 en->t->file, op->line, op->room,
					 op->gen, fuzz_room_decode(o[2]),
					 fuzz_gen_decode(o[3]));
		bind(en, op->bind, true);
		break;
	case TRACE_PIPE:
	case TRACE_SOCKETPAIR:
		bind(en, op->bind, false);
		bind(en, op->bind + 1, false);
		break;
	case TRACE_EVENTFD:
		value(en, op, FUZZ_V_INIT, op->n, o);
		bind(en, op->bind, false);
		break;
	case TRACE_DUP:
		o[1] = ref_byte(en, op->fd);
		bind(en, op->bind, en->epoll[en->ref[op->fd]]);
		en->file[en->ref[op->bind]] = en->file[en->ref[op->fd]];
		break;
	case TRACE_CLOSE:
		o[1] = ref_byte(en, op->fd);
		break;
	case TRACE_WRITE:
	case TRACE_READ:
		o[1] = ref_byte(en, op->fd);
		if (op->kind == TRACE_WRITE && en->file[en->ref[op->fd]] &&
		    op->n > FUZZ_FILE_WRITE_MAX) {
			trace_buf_printf(en->notes,
					 "%s:%u: a write of %llu to a regular "
					 "file is %d in the fuzzer\n",
					 en->t->file, op->line,
					 (unsigned long long)op->n,
					 FUZZ_FILE_WRITE_MAX);
			value(en, op, FUZZ_V_SIZE, FUZZ_FILE_WRITE_MAX, o);
			break;
		}
		value(en, op, op->eventfd ? FUZZ_V_COUNTER : FUZZ_V_SIZE,
		      op->n, o);
		break;
	case TRACE_SHUTDOWN:
		o[1] = ref_byte(en, op->fd);
		o[2] = (uint8_t)op->how;
		break;
	case TRACE_PIPESIZE:
		o[1] = ref_byte(en, op->fd);
		value(en, op, FUZZ_V_PIPESIZE, op->n, o);
		break;
	case TRACE_POLL:
		o[1] = ref_byte(en, op->fd);
		events(en, op, o);
		break;
	case TRACE_ADD:
	case TRACE_MOD:
	case TRACE_DEL:
	case TRACE_DELCLOSE:
		o[1] = epref_byte(en, op->ep);
		o[2] = ref_byte(en, op->fd);
		if (op->kind != TRACE_DEL && op->kind != TRACE_DELCLOSE)
			events(en, op, o);
		break;
	case TRACE_WAIT:
		o[1] = epref_byte(en, op->ep);
		if (!fuzz_max_encode(op->max, &o[2]))
			trace_buf_printf(en->notes,
					 "%s:%u: MAX %d cannot be held: now "
					 "%d\n",
					 en->t->file, op->line, op->max,
					 fuzz_max_decode(o[2]));
		if (en->timed && op->timeout > 0)
			trace_buf_printf(en->notes,
					 "%s:%u: TIMEOUT %d is 0 in the fuzzer "
					 "(one timed wait a trace)\n",
					 en->t->file, op->line, op->timeout);
		else if (!fuzz_timeout_encode(op->timeout, &o[3]))
			trace_buf_printf(en->notes,
					 "%s:%u: TIMEOUT %d is %d in the "
					 "fuzzer\n",
					 en->t->file, op->line, op->timeout,
					 fuzz_timeout_decode(o[3]));
		en->timed = en->timed || fuzz_timeout_decode(o[3]) > 0;
		break;
	case TRACE_FETCH:
	case TRACE_WAITARRAY:
		o[1] = epref_byte(en, op->ep);
		if (!fuzz_max_encode(op->max, &o[2]))
			trace_buf_printf(en->notes,
					 "%s:%u: MAX %d cannot be held: now "
					 "%d\n",
					 en->t->file, op->line, op->max,
					 fuzz_max_decode(o[2]));
		break;
	case TRACE_EVENT:
		o[1] = epref_byte(en, op->ep);
		o[2] = (uint8_t)(op->max % FUZZ_EVENT_INDICES);
		if (op->max >= FUZZ_EVENT_INDICES)
			trace_buf_printf(en->notes,
					 "%s:%u: I %d is %d in the fuzzer\n",
					 en->t->file, op->line, op->max,
					 op->max % FUZZ_EVENT_INDICES);
		break;
	}
	return true;
}

size_t fuzz_encode(const struct trace *t, uint8_t out[FUZZ_INPUT_MAX],
		   struct trace_buf *notes)
{
	struct encoder en;
	size_t nops = 0;

	memset(&en, 0, sizeof(en));
	en.t = t;
	en.notes = notes;
	for (; nops < t->nops && nops < FUZZ_OPS_MAX; nops++) {
		const struct trace_op *op = &t->ops[nops];

		if (op->bind >= 0 &&
		    (size_t)op->bind + 2 > 4 * FUZZ_OBJECTS_MAX)
			break;
		if (!encode_op(&en, op, out + nops * FUZZ_OP_BYTES))
			break;
	}
	if (nops < t->nops)
		trace_buf_printf(notes,
				 "%s:%u: cut here (at most %d operations, "
				 "%d bindings, %d files)\n",
				 t->file, t->ops[nops].line, FUZZ_OPS_MAX,
				 FUZZ_OBJECTS_MAX, FUZZ_FILES_MAX);
	return nops * FUZZ_OP_BYTES;
}
