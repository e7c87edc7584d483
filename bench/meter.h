/* Marks a measured region three ways at once: wall time
 * (CLOCK_MONOTONIC), callgrind's collection (toggled on only inside the
 * region, its counters dumped under the region's name at its end), and
 * a marker system call that strace shows at each end of the region, so
 * that the system calls between them can be counted. */
#ifndef BENCH_METER_H
#define BENCH_METER_H

#include <stdint.h>

void meter_begin(const char *region);
/* Returns the nanoseconds since meter_begin. */
uint64_t meter_end(const char *region);

#endif
