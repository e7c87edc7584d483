/* Live heap bytes of the process, counted by malloc wrappers (heap.c),
 * so that what a library allocates for its registrations can be read. */
#ifndef BENCH_HEAP_H
#define BENCH_HEAP_H

#include <stdint.h>

/* -1 when the count is not kept (AddressSanitizer builds). */
int64_t heap_live(void);

#endif
