/* AFL++'s custom mutator (AFL_CUSTOM_MUTATOR_LIBRARY, docs/custom_mutators.md
 * of AFL++ 4.04c): mutate.c's whole-operation changes, and a cross-over
 * with the other queue entry AFL++ hands in one time in 4.  Built as
 * $(FUZZ)/safepoll-mutator.so by mk/fuzz.mk; afl.sh loads it.  AFL++'s
 * own stages still run (AFL_CUSTOM_MUTATOR_ONLY is not set): its havoc
 * and splicing reach byte patterns the operations never make. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "mutate.h"

struct afl_mutator {
	uint64_t seed;
	uint8_t out[FUZZ_INPUT_MAX];
};

void *afl_custom_init(void *afl, unsigned int seed);
size_t afl_custom_fuzz(void *data, uint8_t *buf, size_t buf_size,
		       uint8_t **out_buf, uint8_t *add_buf,
		       size_t add_buf_size, size_t max_size);
void afl_custom_deinit(void *data);

void *afl_custom_init(void *afl, unsigned int seed)
{
	struct afl_mutator *m = calloc(1, sizeof(*m));

	(void)afl;
	if (!m) {
		perror("safepoll-mutator: afl_custom_init");
		return NULL;
	}
	m->seed = seed;
	return m;
}

size_t afl_custom_fuzz(void *data, uint8_t *buf, size_t buf_size,
		       uint8_t **out_buf, uint8_t *add_buf,
		       size_t add_buf_size, size_t max_size)
{
	struct afl_mutator *m = data;
	uint64_t seed = m->seed++ * 0x9e3779b97f4a7c15ull;
	size_t room = max_size < sizeof(m->out) ? max_size : sizeof(m->out);
	size_t len = buf_size < room ? buf_size : room;

	*out_buf = m->out;
	if (add_buf && seed >> 62 == 0)
		return fuzz_cross_over(buf, buf_size, add_buf, add_buf_size,
				       m->out, room, seed);
	if (buf)
		memcpy(m->out, buf, len);
	return fuzz_mutate(m->out, buf ? len : 0, room, seed);
}

void afl_custom_deinit(void *data)
{
	free(data);
}
