/* The program a mutation works on (program.h): the input read as the
 * decoder reads it (decode.c), each operand byte tied to the object it
 * picked, and written back with every operand re-aimed at its object
 * where that object is still bound at that point. */
#include <string.h>

#include "program.h"

enum role prog_role(enum fuzz_kind k, int i)
{
	switch (k) {
	case FUZZ_DUP:
	case FUZZ_CLOSE:
	case FUZZ_WRITE:
	case FUZZ_READ:
	case FUZZ_SHUTDOWN:
	case FUZZ_PIPESIZE:
	case FUZZ_POLL:
		return i == 0 ? REF : NONE;
	case FUZZ_ADD:
	case FUZZ_MOD:
	case FUZZ_DEL:
	case FUZZ_DELCLOSE:
		return i == 0 ? EPREF : REF;
	case FUZZ_WAIT:
	case FUZZ_FETCH:
	case FUZZ_EVENT:
	case FUZZ_WAITARRAY:
		return i == 0 ? EPREF : NONE;
	default:
		return NONE;
	}
}

static unsigned resolve(const struct scope *sc, enum role r, uint8_t x)
{
	if (r == EPREF && x < 0x80 && sc->neps > 0)
		return sc->eps[x % sc->neps];
	return (r == EPREF ? x & 0x7fu : x) % sc->nrefs;
}

static uint8_t byte_for(const struct scope *sc, enum role r, unsigned at)
{
	if (r == EPREF && sc->epoll[at])
		return (uint8_t)sc->epindex[at];
	return (uint8_t)(r == EPREF ? 0x80 | at : at);
}

/* Operand i re-aimed at its object when bound here, then read back. */
static unsigned aim(struct scope *sc, struct slot *s, int i, enum role r)
{
	unsigned at;

	for (unsigned bound = 0; s->obj[i] >= 0 && bound < sc->nrefs; bound++) {
		if (sc->obj[bound] == s->obj[i]) {
			s->b[1 + i] = byte_for(sc, r, bound);
			break;
		}
	}
	at = resolve(sc, r, s->b[1 + i]);
	s->obj[i] = sc->obj[at];
	return at;
}

static void bind(struct scope *sc, int obj, bool epoll)
{
	sc->obj[sc->nrefs] = obj;
	sc->epoll[sc->nrefs] = epoll;
	if (epoll) {
		sc->epindex[sc->nrefs] = sc->neps;
		sc->eps[sc->neps++] = sc->nrefs;
	}
	sc->nrefs++;
}

/* One operation by decode.c's rules: what it leaves out, what it binds. */
static void step(struct scope *sc, struct slot *s)
{
	enum fuzz_kind k = kind(s);

	if (k == FUZZ_CHECK)
		return;
	if (fuzz_binds(k)) {
		bool epoll = fuzz_makes_epoll(k);

		if (sc->objects >= FUZZ_OBJECTS_MAX ||
		    (k == FUZZ_DUP && sc->nrefs == 0) ||
		    (k == FUZZ_FILE && sc->files >= FUZZ_FILES_MAX))
			return;
		if (k == FUZZ_DUP)
			epoll = sc->epoll[aim(sc, s, 0, REF)];
		sc->objects++;
		sc->files += k == FUZZ_FILE;
		bind(sc, 2 * s->id, epoll);
		if (k == FUZZ_PIPE || k == FUZZ_SOCKETPAIR)
			bind(sc, 2 * s->id + 1, false);
		return;
	}
	if (sc->nrefs == 0)
		return;
	for (int i = 0; i < 2; i++)
		if (prog_role(k, i) != NONE)
			aim(sc, s, i, prog_role(k, i));
}

void prog_walk(struct prog *p, unsigned upto, struct scope *sc)
{
	memset(sc, 0, sizeof(*sc));
	for (unsigned i = 0; i < upto; i++)
		step(sc, &p->s[i]);
}

void prog_load(struct prog *p, const uint8_t *data, size_t size, int base)
{
	struct scope sc;

	if (size > FUZZ_INPUT_MAX)
		size = FUZZ_INPUT_MAX;
	p->n = 0;
	for (size_t at = 0; at < size && p->n < p->cap; at += FUZZ_OP_BYTES) {
		struct slot *s = &p->s[p->n];
		size_t len = size - at < FUZZ_OP_BYTES ? size - at : FUZZ_OP_BYTES;

		/* A short last operation reads zeros, as in decode.c. */
		memset(s->b, 0, sizeof(s->b));
		memcpy(s->b, data + at, len);
		s->id = base + (int)p->n;
		s->obj[0] = s->obj[1] = -1;
		p->n++;
	}
	prog_walk(p, p->n, &sc);
}

size_t prog_store(struct prog *p, uint8_t *out)
{
	struct scope sc;

	prog_walk(p, p->n, &sc);
	for (unsigned i = 0; i < p->n; i++)
		memcpy(out + i * FUZZ_OP_BYTES, p->s[i].b, FUZZ_OP_BYTES);
	return p->n * FUZZ_OP_BYTES;
}

unsigned prog_cap(size_t max_size)
{
	return (unsigned)((max_size < FUZZ_INPUT_MAX ? max_size : FUZZ_INPUT_MAX) /
			  FUZZ_OP_BYTES);
}
