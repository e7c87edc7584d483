/* The byte format's tables.  A kind byte is read modulo FUZZ_KINDS, so
 * every byte is some kind.  The first 22 values are the kinds in order
 * (their canonical bytes); the rest weigh the mix: what a trace needs
 * most (add, write, wait, close) more often, the costly and the dull
 * less (a regular file takes ext4 37 us to make, and epoll refuses it).
 * Per 64: epoll 1, pipe 2, socketpair 3, eventfd 3, file 1, dup 4,
 * close 4, write 6, read 5, shutdown 2, pipesize 2, poll 3, add 8,
 * mod 4, del 3, wait 4, check 1, fetch 2, event 3 (a batch handed out
 * one event at a time, with handlers' operations between), delclose 1,
 * waitarray 1, instance 1. */
#include <limits.h>
#include <stddef.h>
#include <sys/epoll.h>

#include "format.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const uint8_t kinds[FUZZ_KINDS] = {
	FUZZ_EPOLL,    FUZZ_PIPE,  FUZZ_SOCKETPAIR, FUZZ_EVENTFD, FUZZ_FILE,
	FUZZ_DUP,      FUZZ_CLOSE, FUZZ_WRITE,	    FUZZ_READ,	  FUZZ_SHUTDOWN,
	FUZZ_PIPESIZE, FUZZ_POLL,  FUZZ_ADD,	    FUZZ_MOD,	  FUZZ_DEL,
	FUZZ_WAIT,     FUZZ_CHECK, FUZZ_FETCH,	    FUZZ_EVENT,
	FUZZ_DELCLOSE, FUZZ_WAITARRAY, FUZZ_INSTANCE,
	/* 42 more */  FUZZ_PIPE,
	FUZZ_SOCKETPAIR, FUZZ_SOCKETPAIR, FUZZ_EVENTFD, FUZZ_EVENTFD,
	FUZZ_DUP,      FUZZ_DUP,   FUZZ_DUP,	    FUZZ_CLOSE,	  FUZZ_CLOSE,
	FUZZ_CLOSE,    FUZZ_EVENT, FUZZ_WRITE,	    FUZZ_WRITE,	  FUZZ_WRITE,
	FUZZ_WRITE,    FUZZ_WRITE, FUZZ_EVENT,	    FUZZ_READ,	  FUZZ_READ,
	FUZZ_READ,     FUZZ_READ,  FUZZ_SHUTDOWN,   FUZZ_PIPESIZE, FUZZ_POLL,
	FUZZ_POLL,     FUZZ_ADD,   FUZZ_ADD,	    FUZZ_ADD,	  FUZZ_ADD,
	FUZZ_ADD,      FUZZ_ADD,   FUZZ_ADD,	    FUZZ_MOD,	  FUZZ_MOD,
	FUZZ_MOD,      FUZZ_DEL,   FUZZ_DEL,	    FUZZ_WAIT,	  FUZZ_WAIT,
	FUZZ_WAIT,     FUZZ_FETCH,
};

enum fuzz_kind fuzz_kind_of(uint8_t byte)
{
	return (enum fuzz_kind)kinds[byte % FUZZ_KINDS];
}

/* Edges of pipes (a page, PIPE_BUF, 16 pages, pipe-max-size), of unix
 * sockets (wmem_default) and of LANGUAGE.md's limit. */
static const uint64_t sizes[16] = {
	4095,	4096,	 4097,	  8192,	   57344,   61440,   65535,   65536,
	65537,	100000,	 131072,  212992,  1000000, 1048576, 1048577, 4194304,
};
/* Edges of the eventfd counter: its maximum 2^64 - 2, and beyond. */
static const uint64_t counters[16] = {
	UINT64_MAX - 1,	     UINT64_MAX,	  UINT64_MAX - 2,
	0xfffffffeffffffff,  0x7fffffffffffffff,  0x8000000000000000,
	0x100000000,	     0xffffffff,	  UINT64_MAX - 3,
	UINT64_MAX - 0xff,   0x10000,		  0xffff,
	0x7ffffffffffffffe,  0xfffffffffffffffc,  1,
	2,
};
/* F_SETPIPE_SZ: rounding to pages and powers of two, the 1 MiB limit, and
 * int edges. */
static const uint64_t pipesizes[16] = {
	0,	1,	 4095,	   4096,   4097,    8192,    65535,   65536,
	65537,	131072,	 1048575,  1048576, 1048577, 2097152, 0x7fffffff,
	0x40000000,
};
static const uint64_t inits[16] = {
	0xffffffff, 0xfffffffe, 0x7fffffff, 0x80000000, 0xffff, 0x10000,
	1,	    2,		0,	    3,		255,	256,
	0xfffffffd, 0x7ffffffe, 100,	    1000,
};

static const uint64_t *table_of(enum fuzz_value kind)
{
	switch (kind) {
	case FUZZ_V_COUNTER:
		return counters;
	case FUZZ_V_PIPESIZE:
		return pipesizes;
	case FUZZ_V_INIT:
		return inits;
	case FUZZ_V_SIZE:
		break;
	}
	return sizes;
}

uint64_t fuzz_value_decode(enum fuzz_value kind, uint8_t b, uint8_t c,
			   uint8_t d)
{
	if (d < 0x80)
		return b;
	if (d < 0xc0)
		return b | (uint64_t)c << 8;
	if (d & 0x20)
		return table_of(kind)[b % 16];
	return b | (uint64_t)c << 8 | (uint64_t)(d & 0x1f) << 16;
}

bool fuzz_value_encode(enum fuzz_value kind, uint64_t v, uint8_t *b,
		       uint8_t *c, uint8_t *d)
{
	const uint64_t *t = table_of(kind);
	size_t best = 16;

	*b = (uint8_t)v;
	*c = (uint8_t)(v >> 8);
	if (v < 0x100) {
		*d = 0;
		return true;
	}
	if (v < 0x10000) {
		*d = 0x80;
		return true;
	}
	for (size_t i = 0; i < 16; i++) {
		if (t[i] == v) {
			*b = (uint8_t)i;
			*c = 0;
			*d = 0xe0;
			return true;
		}
		if (t[i] < v && (best == 16 || t[i] > t[best]))
			best = i;
	}
	if (v < 0x200000) {
		*d = (uint8_t)(0xc0 | v >> 16);
		return true;
	}
	/* Too big to hold: the largest table value below it, or the largest
	 * raw value if that is closer. */
	if (best < 16 && t[best] >= 0x1fffff) {
		*b = (uint8_t)best;
		*c = 0;
		*d = 0xe0;
	} else {
		*b = 0xff;
		*c = 0xff;
		*d = 0xdf;
	}
	return false;
}

static const uint32_t common[8] = {
	EPOLLIN, EPOLLOUT, EPOLLPRI, EPOLLERR,
	EPOLLHUP, EPOLLRDHUP, EPOLLET, EPOLLONESHOT,
};
static const uint32_t rare[7] = {
	EPOLLRDNORM, EPOLLRDBAND, EPOLLWRNORM, EPOLLWRBAND,
	EPOLLMSG, EPOLLEXCLUSIVE, EPOLLWAKEUP,
};

/* Bits with no EVENTS word, which the kernel keeps and safepoll refuses:
 * POLLNVAL, the kernel's own POLLREMOVE, POLLFREE and POLL_BUSY_LOOP,
 * and free bits up to EPOLL_URING_WAKE (1 << 27). */
static const uint32_t unknown[16] = {
	0x20,	   0x800,    0x1000,   0x4000,	 0x8000,   0x10000,
	0x20000,   0x40000,  0x80000,  0x100000, 0x200000, 0x400000,
	0x800000,  0x1000000, 0x4000000, 0x8000000,
};

uint32_t fuzz_events_decode(uint8_t c, uint8_t d)
{
	uint32_t ev = 0;

	for (unsigned i = 0; i < COUNT(common); i++)
		if (c & (1u << i))
			ev |= common[i];
	for (unsigned i = 0; (d & 0x80) && i < COUNT(rare); i++)
		if (d & (1u << i))
			ev |= rare[i];
	if ((d & 0xf0) == 0x70)
		ev |= unknown[d & 0xf];
	return ev;
}

bool fuzz_events_encode(uint32_t events, uint8_t *c, uint8_t *d)
{
	uint32_t held = 0;

	*c = 0;
	*d = 0;
	for (unsigned i = 0; i < COUNT(common); i++)
		if (events & common[i])
			*c |= (uint8_t)(1u << i);
	for (unsigned i = 0; i < COUNT(rare); i++)
		if (events & rare[i])
			*d |= (uint8_t)(0x80 | 1u << i);
	/* One unknown bit, and only without a rare one: d holds either. */
	for (unsigned i = 0; *d == 0 && i < COUNT(unknown); i++)
		if (events & unknown[i])
			*d = (uint8_t)(0x70 | i);
	held = fuzz_events_decode(*c, *d);
	return held == events;
}

static const struct {
	const char *name;
	uint32_t bit;
} words[] = {
	{ "in", EPOLLIN },	   { "pri", EPOLLPRI },
	{ "out", EPOLLOUT },	   { "err", EPOLLERR },
	{ "hup", EPOLLHUP },	   { "rdnorm", EPOLLRDNORM },
	{ "rdband", EPOLLRDBAND }, { "wrnorm", EPOLLWRNORM },
	{ "wrband", EPOLLWRBAND }, { "msg", EPOLLMSG },
	{ "rdhup", EPOLLRDHUP },   { "exclusive", EPOLLEXCLUSIVE },
	{ "wakeup", EPOLLWAKEUP }, { "oneshot", EPOLLONESHOT },
	{ "et", EPOLLET },
};

void fuzz_events_print(struct trace_buf *b, uint32_t events)
{
	const char *sep = "";

	if (events == 0) {
		trace_buf_puts(b, "none");
		return;
	}
	for (size_t i = 0; i < COUNT(words); i++) {
		if (!(events & words[i].bit))
			continue;
		trace_buf_puts(b, sep);
		trace_buf_puts(b, words[i].name);
		sep = "|";
	}
	for (size_t i = 0; i < COUNT(unknown); i++)
		if (events & unknown[i]) {
			trace_buf_printf(b, "%s0x%x", sep, unknown[i]);
			sep = "|";
		}
}

/* instance ROOM and GEN: small tables, and starts at, just below and
 * far below the last generation (the wrap and retire branches), or at
 * the top bit (a token compared in part). */
static const uint32_t gens[8] = {
	UINT32_MAX,	UINT32_MAX - 1, UINT32_MAX - 2, 0,
	UINT32_MAX - 8, 0x80000000,	0x7fffffff,	1,
};

uint32_t fuzz_room_decode(uint8_t b)
{
	return 1 + b % FUZZ_ROOM_MAX;
}

uint32_t fuzz_gen_decode(uint8_t c)
{
	return gens[c % COUNT(gens)];
}

bool fuzz_instance_encode(uint32_t room, uint32_t gen, uint8_t *b,
			  uint8_t *c)
{
	bool held = room >= 1 && room <= FUZZ_ROOM_MAX;

	*b = (uint8_t)(held ? room - 1 : FUZZ_ROOM_MAX - 1);
	*c = 3; /* generation 0 */
	for (uint8_t i = 0; i < COUNT(gens); i++)
		if (gens[i] == gen) {
			*c = i;
			return held;
		}
	return false;
}

int fuzz_timeout_decode(uint8_t c)
{
	return c >= 0xfe ? 1 + c % 2 : 0;
}

bool fuzz_timeout_encode(int timeout, uint8_t *c)
{
	*c = timeout <= 0 ? 0 : timeout == 1 ? 0xfe : 0xff;
	return timeout >= 0 && timeout <= 2;
}

/* The kernel's EP_MAX_EVENTS is INT_MAX / 12 = 178956970.  Between
 * 1000 and that, a MAX only costs the replay's engines a bigger buffer
 * (up to 4096 events, per run): 1 << 24 stands for them. */
static const int maxes[16] = {
	0,	   -1,	      -5,	 INT_MIN,   INT_MAX, 178956970,
	178956971, 178956969, 65,	 100,	    128,     1000,
	1 << 24,   -2,	      10,	 1,
};

int fuzz_max_decode(uint8_t b)
{
	if (b < 0xc0)
		return 1 + (b & 63);
	return maxes[(b - 0xc0) % 16];
}

bool fuzz_max_encode(int max, uint8_t *b)
{
	if (max >= 1 && max <= 64) {
		*b = (uint8_t)(max - 1);
		return true;
	}
	for (int i = 0; i < 16; i++) {
		if (maxes[i] == max) {
			*b = (uint8_t)(0xc0 + i);
			return true;
		}
	}
	/* Rounded: the nearest of 64 and the kernel's limit. */
	*b = max > 64 ? 0xc5 : 0xc0;
	return false;
}
