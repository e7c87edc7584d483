/* The byte format's pieces, shared by the decoder and the encoder: which
 * kind a kind byte means, and how operand bytes become counts, event
 * masks and MAX.  Each decode has an encode that inverts it. */
#ifndef SAFEPOLL_FUZZ_FORMAT_H
#define SAFEPOLL_FUZZ_FORMAT_H

#include <stdbool.h>
#include <stdint.h>

#include "fuzz.h"

enum fuzz_kind fuzz_kind_of(uint8_t byte);

/* What a count stands for: its table of values worth hitting exactly. */
enum fuzz_value {
	FUZZ_V_SIZE,     /* write/read N on a non-eventfd: byte counts */
	FUZZ_V_COUNTER,  /* write/read N on an eventfd: 64-bit values */
	FUZZ_V_PIPESIZE, /* pipesize BYTES: an int */
	FUZZ_V_INIT,     /* eventfd INIT: an unsigned int */
};

/* Operand bytes b, c, d (d's top two bits choose the form):
 *   d < 0x80:          b                      (0..255, half of all)
 *   d in 0x80..0xbf:   b | c << 8             (0..65535)
 *   d >= 0xc0, d & 0x20: table[b % 16]        (values worth hitting)
 *   d >= 0xc0 else:    b | c << 8 | (d & 0x1f) << 16  (below 2^21) */
uint64_t fuzz_value_decode(enum fuzz_value kind, uint8_t b, uint8_t c,
			   uint8_t d);
/* Fills b c d; returns false when v cannot be held and was rounded. */
bool fuzz_value_encode(enum fuzz_value kind, uint64_t v, uint8_t *b,
		       uint8_t *c, uint8_t *d);

/* EVENTS: c holds the common bits, d (when d & 0x80) the rare ones, or
 * (when d is 0x70 to 0x7f) one bit with no word.  Encode returns false
 * when events cannot be held and were cut. */
uint32_t fuzz_events_decode(uint8_t c, uint8_t d);
bool fuzz_events_encode(uint32_t events, uint8_t *c, uint8_t *d);
/* Appends events as LANGUAGE.md words, or `none`. */
void fuzz_events_print(struct trace_buf *b, uint32_t events);

/* instance ROOM = 1 + b % FUZZ_ROOM_MAX; GEN from a table by c.  Encode
 * returns false when a value was rounded. */
#define FUZZ_ROOM_MAX 8
uint32_t fuzz_room_decode(uint8_t b);
uint32_t fuzz_gen_decode(uint8_t c);
bool fuzz_instance_encode(uint32_t room, uint32_t gen, uint8_t *b,
			  uint8_t *c);

/* wait TIMEOUT: 0, or for c >= 0xfe (1 in 128) 1 + c % 2 ms, waited out
 * under a storm of signals (timed.h).  Rare, since with nothing ready
 * such a wait sleeps: at 1 in 32 a third of a kernel-mode run's time
 * was spent asleep.  Encode returns false when the timeout was rounded. */
int fuzz_timeout_decode(uint8_t c);
bool fuzz_timeout_encode(int timeout, uint8_t *c);

/* wait MAX: b < 0xc0 is 1 + b % 64; the rest pick from a table of edge
 * values (0, negatives, the kernel's limit). */
int fuzz_max_decode(uint8_t b);
bool fuzz_max_encode(int max, uint8_t *b);

#endif
