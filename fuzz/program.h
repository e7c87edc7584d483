/* The program a mutation works on (program.c): the input's operations
 * as slots that know which object each operand byte picked, and the
 * decoder's references at a point of it.  Shared by mutate.c only. */
#ifndef SAFEPOLL_FUZZ_PROGRAM_H
#define SAFEPOLL_FUZZ_PROGRAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "format.h"

#define REFS_MAX (2 * FUZZ_OBJECTS_MAX)
/* Operation ids: a cross-over's second input is numbered from
 * FUZZ_OPS_MAX, and operations made here from NEW_ID, so that no two
 * operations in one program share an id. */
#define NEW_ID (2 * FUZZ_OPS_MAX)

enum role { NONE, REF, EPREF };

struct slot {
	uint8_t b[FUZZ_OP_BYTES];
	int id;
	int obj[2]; /* the object operand bytes 1 and 2 picked, or -1 */
};

struct prog {
	struct slot s[FUZZ_OPS_MAX];
	unsigned n, cap;
	int next_id;
};

/* The decoder's references at one point of a program. */
struct scope {
	int obj[REFS_MAX];
	bool epoll[REFS_MAX];
	unsigned epindex[REFS_MAX];
	unsigned eps[REFS_MAX];
	unsigned nrefs, neps, objects, files;
};

struct rng {
	uint64_t s;
};

/* splitmix64: libc's rand() is global state, and AFL++ may run several
 * mutators in one process. */
static inline uint64_t next(struct rng *g)
{
	uint64_t z = (g->s += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static inline unsigned below(struct rng *g, unsigned n)
{
	return n ? (unsigned)(next(g) % n) : 0;
}

static inline enum fuzz_kind kind(const struct slot *s)
{
	return fuzz_kind_of(s->b[0]);
}

/* Which operand bytes (1 and 2) are references, as decode.c reads them. */
enum role prog_role(enum fuzz_kind k, int i);
/* The scope before operation upto; the slots before it re-aimed. */
void prog_walk(struct prog *p, unsigned upto, struct scope *sc);
/* data[0 .. size) into p (at most p->cap operations), ids from base. */
void prog_load(struct prog *p, const uint8_t *data, size_t size, int base);
/* p into out, every operand re-aimed at its object; returns the size. */
size_t prog_store(struct prog *p, uint8_t *out);
/* How many operations fit in max_size bytes. */
unsigned prog_cap(size_t max_size);

#endif
