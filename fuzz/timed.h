/* A wait with a TIMEOUT through safepoll, under a storm of signals
 * (timed.c): safepoll must wait again for the time left after each
 * EINTR, return what the model says is ready, and never end early. */
#ifndef SAFEPOLL_FUZZ_TIMED_H
#define SAFEPOLL_FUZZ_TIMED_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "trace.h"

/* The largest TIMEOUT the fuzzer makes: each wait with nothing ready
 * costs it whole. */
#define FUZZ_TIMEOUT_MAX 2

struct fuzz_timed {
	struct timespec start, end;
	unsigned long signals; /* delivered during the wait */
	bool armed;
};

/* Once per process: the handler (no SA_RESTART) and the timer. */
int fuzz_timed_setup(void);
/* Starts the storm and the clock, right before the wait. */
void fuzz_timed_begin(struct fuzz_timed *t);
/* Stops them, right after. */
void fuzz_timed_end(struct fuzz_timed *t);
/* For a wait the model had nothing ready for: 1 (and a line in report)
 * when it ended before timeout_ms, else 0. */
int fuzz_timed_early(const struct fuzz_timed *t, int timeout_ms,
		     struct trace_buf *report);

#endif
