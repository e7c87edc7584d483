/* Whole-operation mutation (mutate.h).  The input is read as the decoder
 * reads it (decode.c), into slots that know which *object* each operand
 * byte picked - an object being "reference e of the operation with id
 * i", which survives moving that operation - then changed, then written
 * back with every operand byte re-aimed at its object where that object
 * is still bound at that point.  An operand whose object is gone (its
 * binding deleted, moved after it, or left out past FUZZ_OBJECTS_MAX)
 * keeps its byte, which picks some other reference as any byte does. */
#include <string.h>
#include <sys/epoll.h>

#include "mutate.h"
#include "program.h"

/* A kind by the designed weights (format.c's table), as its canonical
 * byte: never byte 0's epoll more often than 1 in 64. */
static uint8_t draw_kind(struct rng *g)
{
	return (uint8_t)fuzz_kind_of((uint8_t)below(g, FUZZ_KINDS));
}

/* A mask; a quarter of them a valid EPOLLEXCLUSIVE one (only with in,
 * out, err, hup, et, wakeup), which random bits are only 1 in 256. */
static void draw_events(struct rng *g, uint8_t *c, uint8_t *d)
{
	static const uint32_t ok[] = { EPOLLIN,	 EPOLLOUT, EPOLLERR,
				       EPOLLHUP, EPOLLET,  EPOLLWAKEUP };
	uint32_t ev = EPOLLEXCLUSIVE;

	if (below(g, 4) != 0) {
		*c = (uint8_t)next(g);
		*d = (uint8_t)next(g);
		return;
	}
	for (unsigned i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		if (below(g, 2))
			ev |= ok[i];
	fuzz_events_encode(ev, c, d);
}

/* Operand i picks a reference bound here; EP mostly an epoll. */
static void draw_ref(const struct scope *sc, struct slot *s, int i,
		     struct rng *g)
{
	enum role r = prog_role(kind(s), i);
	unsigned at;

	if (r == NONE || sc->nrefs == 0)
		return;
	if (r == EPREF && sc->neps > 0 && below(g, 4) != 0)
		at = sc->eps[below(g, sc->neps)];
	else
		at = below(g, sc->nrefs);
	s->obj[i] = sc->obj[at];
}

/* One of the adds before pos, into epoll object ep (-1: any), each as
 * likely; NULL if none. */
static const struct slot *pick_add(const struct prog *p, unsigned pos,
				   int ep, struct rng *g)
{
	const struct slot *add = NULL;
	unsigned seen = 0;

	for (unsigned i = 0; i < pos; i++)
		if (kind(&p->s[i]) == FUZZ_ADD &&
		    (ep < 0 || p->s[i].obj[0] == ep) && below(g, ++seen) == 0)
			add = &p->s[i];
	return add;
}

/* An epoll bound in sc, other than object not when four draws find one. */
static int other_epoll(const struct scope *sc, int not, struct rng *g)
{
	int ep = not;

	for (unsigned tries = 0; tries < 4 && ep == not; tries++)
		ep = sc->obj[sc->eps[below(g, sc->neps)]];
	return ep;
}

/* Half of the adds take a file an earlier add registered, into another
 * epoll: what EPOLLEXCLUSIVE and a file's several epitems need; half of
 * those with the earlier add's mask too, since exclusive wake-up is only
 * seen with two exclusive items on one file (a quarter of masks each). */
static void draw_shared_add(const struct prog *p, unsigned pos,
			    const struct scope *sc, struct slot *s,
			    struct rng *g)
{
	const struct slot *earlier;

	if (kind(s) != FUZZ_ADD || sc->neps < 2 || below(g, 2))
		return;
	earlier = pick_add(p, pos, -1, g);
	if (!earlier || earlier->obj[1] < 0)
		return;
	s->obj[1] = earlier->obj[1];
	if (below(g, 2)) {
		s->b[3] = earlier->b[3];
		s->b[4] = earlier->b[4];
	}
	s->obj[0] = other_epoll(sc, earlier->obj[0], g);
}

/* New non-reference operand bytes for s's kind: count bytes 2-4 (a
 * quarter from format.c's table of edge values), EVENTS 3-4, MAX, I or
 * how in byte 2.  Uniform bytes: no MAX 1 from zeros. */
static void draw_operands(struct slot *s, struct rng *g)
{
	for (int i = 2; i < FUZZ_OP_BYTES; i++)
		s->b[i] = (uint8_t)next(g);
	switch (kind(s)) {
	case FUZZ_EVENTFD:
	case FUZZ_WRITE:
	case FUZZ_READ:
	case FUZZ_PIPESIZE:
		if (below(g, 4) == 0)
			s->b[4] |= 0xe0;
		break;
	case FUZZ_POLL:
	case FUZZ_ADD:
	case FUZZ_MOD:
		draw_events(g, &s->b[3], &s->b[4]);
		break;
	default:
		break;
	}
}

static void insert_slot(struct prog *p, unsigned pos, const struct slot *s)
{
	memmove(&p->s[pos + 1], &p->s[pos], (p->n - pos) * sizeof(p->s[0]));
	p->s[pos] = *s;
	p->n++;
}

/* Who wakes the readers of object obj with a write: a pipe's read end
 * its write end, a socket its peer, anything else itself (an eventfd;
 * elsewhere the write just fails). */
static int waker(const struct prog *p, int obj)
{
	for (unsigned i = 0; obj >= 0 && i < p->n; i++)
		if (p->s[i].id == obj / 2 && (kind(&p->s[i]) == FUZZ_PIPE ||
					     kind(&p->s[i]) == FUZZ_SOCKETPAIR))
			return obj ^ 1;
	return obj;
}

static void insert_new(struct prog *p, unsigned pos, enum fuzz_kind k,
		       int ep, int fd, uint8_t b2)
{
	struct slot s = { .b = { (uint8_t)k, 0, b2, 0, 0 },
			  .id = p->next_id++,
			  .obj = { prog_role(k, 0) == EPREF ? ep : fd, -1 } };

	insert_slot(p, pos, &s);
}

/* Half of the new exclusive adds get a twin right after: the same file
 * and mask into another epoll; half of those a wake-up of the file and a
 * wait on the twin's epoll after it.  Exclusive wake-up differs from the
 * plain kind only there: two exclusive items on one file's queue, then
 * a wake-up that must reach the second (a shared add builds the pair one
 * time in 32 at best).  A model bug there was found from an empty corpus
 * in 0 of 3 runs of 120 s without the twin, 3 of 5 with it alone. */
static void draw_exclusive_twin(struct prog *p, unsigned pos,
				const struct scope *sc, const struct slot *s,
				struct rng *g)
{
	struct slot twin = *s;

	if (kind(s) != FUZZ_ADD || sc->neps < 2 || p->n >= p->cap ||
	    !(fuzz_events_decode(s->b[3], s->b[4]) & EPOLLEXCLUSIVE) ||
	    below(g, 2))
		return;
	twin.id = p->next_id++;
	twin.obj[0] = other_epoll(sc, s->obj[0], g);
	insert_slot(p, pos + 1, &twin);
	if (p->n + 2 > p->cap || below(g, 2))
		return;
	insert_new(p, pos + 2, FUZZ_WRITE, -1, waker(p, s->obj[1]), 1);
	insert_new(p, pos + 3, FUZZ_WAIT, twin.obj[0], -1,
		   (uint8_t)below(g, 0xc0));
}

/* A quarter of the new fetches get a handler after them: a mod or del,
 * on the same epoll, of a file an earlier add put there, then the hand-
 * out of an event of that batch.  safepoll exists for that order (a
 * handler's change between two hand-outs); by chance alone a bug there
 * was found from an empty corpus in 2 of 5 runs of 120 s.  Half of those
 * hand-outs are of event 0: a fetch from a young program's epoll mostly
 * brings back one event, which any other index misses. */
static void draw_handler(struct prog *p, unsigned pos, const struct slot *s,
			 struct rng *g)
{
	const struct slot *add;
	struct slot h;

	if (kind(s) != FUZZ_FETCH || s->obj[0] < 0 || p->n + 2 > p->cap ||
	    below(g, 4))
		return;
	add = pick_add(p, pos, s->obj[0], g);
	if (!add)
		return;
	h = *add;
	h.b[0] = (uint8_t)(below(g, 4) ? FUZZ_MOD : FUZZ_DEL);
	h.id = p->next_id++;
	insert_slot(p, pos + 1, &h);
	insert_new(p, pos + 2, FUZZ_EVENT, s->obj[0], -1,
		   (uint8_t)(below(g, 2) ? 0 : below(g, FUZZ_EVENT_INDICES)));
}

static void insert(struct prog *p, struct rng *g)
{
	unsigned pos = below(g, p->n + 1);
	struct scope sc;
	struct slot s = { .id = p->next_id++, .obj = { -1, -1 } };

	prog_walk(p, pos, &sc);
	s.b[0] = draw_kind(g);
	s.b[1] = (uint8_t)next(g);
	draw_operands(&s, g);
	draw_ref(&sc, &s, 0, g);
	draw_ref(&sc, &s, 1, g);
	draw_shared_add(p, pos, &sc, &s, g);
	insert_slot(p, pos, &s);
	draw_exclusive_twin(p, pos, &sc, &s, g);
	draw_handler(p, pos, &s, g);
}

static void duplicate(struct prog *p, struct rng *g)
{
	struct slot s = p->s[below(g, p->n)];

	/* A copy binds objects of its own; its operands keep theirs. */
	s.id = p->next_id++;
	insert_slot(p, below(g, p->n + 1), &s);
}

static void delete(struct prog *p, struct rng *g)
{
	unsigned pos = below(g, p->n);

	memmove(&p->s[pos], &p->s[pos + 1], (p->n - pos - 1) * sizeof(p->s[0]));
	p->n--;
}

static void swap(struct prog *p, struct rng *g)
{
	unsigned i = below(g, p->n), j = below(g, p->n);
	struct slot t = p->s[i];

	p->s[i] = p->s[j];
	p->s[j] = t;
}

/* Whether bytes 2-4 hold a count, mask, MAX, I or how. */
static bool has_bytes(enum fuzz_kind k)
{
	switch (k) {
	case FUZZ_EVENTFD:
	case FUZZ_WRITE:
	case FUZZ_READ:
	case FUZZ_SHUTDOWN:
	case FUZZ_PIPESIZE:
	case FUZZ_POLL:
	case FUZZ_ADD:
	case FUZZ_MOD:
	case FUZZ_WAIT:
	case FUZZ_FETCH:
	case FUZZ_EVENT:
	case FUZZ_WAITARRAY:
	case FUZZ_INSTANCE:
		return true;
	default:
		return false;
	}
}

/* One operand of one operation: a reference, or the bytes of its count,
 * mask, MAX or I (a mask mostly one bit flipped).  False when the
 * operation has none. */
static bool operand(struct prog *p, struct rng *g)
{
	unsigned pos = below(g, p->n);
	struct slot *s = &p->s[pos];
	enum fuzz_kind k = kind(s);
	unsigned refs = (prog_role(k, 0) != NONE) + (prog_role(k, 1) != NONE);
	bool events = k == FUZZ_POLL || k == FUZZ_ADD || k == FUZZ_MOD;
	bool bytes = has_bytes(k);
	unsigned pick = below(g, refs + bytes);
	struct scope sc;

	if (refs + bytes == 0)
		return false;
	if (pick < refs) {
		prog_walk(p, pos, &sc);
		draw_ref(&sc, s, (int)pick, g);
		draw_shared_add(p, pos, &sc, s, g);
	} else if (events && below(g, 2)) {
		unsigned bit = below(g, 16);

		s->b[3 + bit / 8] ^= (uint8_t)(1u << bit % 8);
	} else {
		uint8_t keep = s->b[1];

		draw_operands(s, g);
		s->b[1] = keep;
	}
	return true;
}

static void change_kind(struct prog *p, struct rng *g)
{
	/* The operand bytes stay: add <-> mod <-> del on the same pair. */
	p->s[below(g, p->n)].b[0] = draw_kind(g);
}

size_t fuzz_mutate(uint8_t *data, size_t size, size_t max_size,
		   uint64_t seed)
{
	struct prog p = { .cap = prog_cap(max_size), .next_id = NEW_ID };
	struct rng g = { seed };

	if (p.cap == 0 || !data)
		return 0;
	prog_load(&p, data, size, 0);
	/* Per 12: insert 3, delete 2, duplicate 1, swap 1, operand 4,
	 * kind 1; an empty input can only grow. */
	for (;;) {
		unsigned m = p.n == 0 ? 0 : below(&g, 12);

		if (m < 3 || m == 5) {
			if (p.n >= p.cap)
				continue; /* no room: draw again */
			if (m < 3)
				insert(&p, &g);
			else
				duplicate(&p, &g);
		} else if (m < 5) {
			delete(&p, &g);
		} else if (m == 6) {
			swap(&p, &g);
		} else if (m == 11 || !operand(&p, &g)) {
			change_kind(&p, &g);
		}
		break;
	}
	return prog_store(&p, data);
}

size_t fuzz_cross_over(const uint8_t *a, size_t asize, const uint8_t *b,
		       size_t bsize, uint8_t *out, size_t max_size,
		       uint64_t seed)
{
	static const struct prog empty;
	struct prog pa = empty, pb = empty, r = empty;
	struct rng g = { seed };
	unsigned at, from, len;

	r.cap = pa.cap = pb.cap = prog_cap(max_size);
	if (r.cap == 0 || !out)
		return 0;
	if (a)
		prog_load(&pa, a, asize, 0);
	if (b)
		prog_load(&pb, b, bsize, FUZZ_OPS_MAX);
	at = below(&g, pa.n + 1);
	from = below(&g, pb.n + 1);
	len = pb.n - from;
	/* Half the time b's run goes in between a's operations, half in
	 * place of a's tail. */
	r.n = at;
	memcpy(r.s, pa.s, at * sizeof(r.s[0]));
	if (len > r.cap - r.n)
		len = r.cap - r.n;
	if (below(&g, 2) && len > 0)
		len = 1 + below(&g, len);
	memcpy(&r.s[r.n], &pb.s[from], len * sizeof(r.s[0]));
	r.n += len;
	if (below(&g, 2)) {
		unsigned rest = pa.n - at;

		if (rest > r.cap - r.n)
			rest = r.cap - r.n;
		memcpy(&r.s[r.n], &pa.s[at], rest * sizeof(r.s[0]));
		r.n += rest;
	}
	return prog_store(&r, out);
}
