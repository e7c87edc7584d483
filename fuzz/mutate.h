/* Structure-aware mutation of the byte format (decode.c), shared by
 * libFuzzer's custom mutator (lf_mutator.c) and AFL++'s (afl/afl_mutator.c).
 *
 * Byte-level mutation shifts every later operation when it inserts a
 * count of bytes that is not a multiple of FUZZ_OP_BYTES, and zero bytes
 * (which decode to `epoll` and MAX 1) flood what it makes.  These work on
 * whole operations, draw kinds by format.c's weights, and keep each
 * operand bound to the object it named: an operand byte picks "the k-th
 * reference bound so far", so inserting, deleting or moving a binding
 * would otherwise re-aim every later operand. */
#ifndef SAFEPOLL_FUZZ_MUTATE_H
#define SAFEPOLL_FUZZ_MUTATE_H

#include <stddef.h>
#include <stdint.h>

/* Mutates data[0 .. size) in place (data holds max_size bytes): one
 * insert, delete, duplicate, swap, operand or kind change, chosen by
 * seed.  Any bytes are accepted (size 0 too; data may then be NULL when
 * max_size is 0).  Returns the new size: a multiple of FUZZ_OP_BYTES, at
 * most max_size and FUZZ_INPUT_MAX. */
size_t fuzz_mutate(uint8_t *data, size_t size, size_t max_size,
		   uint64_t seed);

/* Into out (max_size bytes): a run of b's operations spliced into a, or
 * put in place of a's tail; b's operands stay on b's objects when those
 * came along, a's on a's.  Returns the size, bounded as fuzz_mutate's. */
size_t fuzz_cross_over(const uint8_t *a, size_t asize, const uint8_t *b,
		       size_t bsize, uint8_t *out, size_t max_size,
		       uint64_t seed);

#endif
