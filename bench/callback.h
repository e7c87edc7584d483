/* The callback's body, for both shapes of the benchmark: workload.c
 * compiles it into wl_readable, a call the loop cannot see into (the
 * standard shape: every implementation calls the same out-of-line
 * function, as a library calls its user's callback); impl_*_unit.c
 * compile it into the loop's own unit, as libevent's test/bench.c has its
 * callback beside its loop, so that the compiler may inline it there.
 * One body, so that the two shapes differ only in where it is compiled. */
#ifndef BENCH_CALLBACK_H
#define BENCH_CALLBACK_H

#include <unistd.h>

#include "workload.h"

static inline void wl_readable_body(uint32_t idx)
{
	unsigned char ch;
	ssize_t got = read(wl.fds[2 * (size_t)idx], &ch, 1);

	if (got == 1)
		wl.count++;
	else
		wl.failures++;
	if (wl.writes > 0) {
		uint32_t next = idx + 1;

		if (next >= wl.n)
			next -= wl.n;
		/* A byte that was not written is not waited for. */
		if (write(wl.fds[2 * (size_t)next + 1], "e", 1) == 1)
			wl.fired++;
		else
			wl.failures++;
		wl.writes--;
	}
}

#endif
