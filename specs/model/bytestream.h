/* The bytes queued in a pipe or a socket, in order.  The kernel keeps the
 * bytes themselves; the model keeps runs of filler ('x') and the 8-byte
 * values that writes through an eventfd name put there, which is all a
 * trace can write, so a later 8-byte read can say what it got. */
#ifndef SPMODEL_BYTESTREAM_H
#define SPMODEL_BYTESTREAM_H

#include <stdint.h>

#include "list.h"

struct bytestream {
	struct list_head segs;
};

void bs_init(struct bytestream *bs);
void bs_destroy(struct bytestream *bs);
/* Append n bytes: filler when lit is NULL, else the n <= 8 bytes at lit. */
void bs_push(struct bytestream *bs, uint64_t n, const uint8_t *lit);
/* Drop the first n bytes (n must be queued), copying the first
 * min(n, room) of them to out. */
void bs_pop(struct bytestream *bs, uint64_t n, uint8_t *out, uint64_t room);

#endif
