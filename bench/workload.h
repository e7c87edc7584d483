/* The workload of libevent's test/bench.c, shared by every implementation:
 * N pipes (or socketpairs), A chains started by one byte each, W chained
 * one-byte writes.  Each readable callback reads one byte and writes one to
 * the next pipe while writes are left, so every implementation dispatches
 * exactly A + W events per round and runs the very same callback code. */
#ifndef BENCH_WORKLOAD_H
#define BENCH_WORKLOAD_H

#include <stdint.h>

struct workload {
	uint32_t n;        /* pipes */
	int *fds;          /* fds[2 i]: read end of pipe i; fds[2 i + 1]: write end */
	uint64_t writes;   /* chained writes left in this round */
	uint64_t count;    /* bytes read in this round */
	uint64_t fired;    /* bytes written in this round */
	uint64_t failures; /* reads or writes that did not move one byte */
};

/* One workload per process: the callback needs nothing but the index the
 * implementation hands it, as in libevent's bench. */
extern struct workload wl;

/* Opens n pipes (socketpairs when `socketpairs`), all ends non-blocking.
 * Returns 0 or a negative errno. */
int wl_open(uint32_t n, int socketpairs);
void wl_close(void);

/* Starts a round: one byte into `active` pipes spread evenly, `writes`
 * chained writes to come.  Returns 0, or -1 when a starting write failed. */
int wl_start_round(uint32_t active, uint64_t writes);

/* The callback: pipe idx is readable. */
void wl_readable(uint32_t idx);

static inline int wl_read_fd(uint32_t idx)
{
	return wl.fds[2 * (uint64_t)idx];
}

/* The round is over when every byte written has been read. */
static inline int wl_done(void)
{
	return wl.count == wl.fired;
}

#endif
