/* safepoll in libevent's bench.c shape: the same loop as impl_safepoll.c, with
 * the callback's body compiled in the loop's unit (callback.h), so that the
 * compiler may inline it into the loop.  The issue 13 figure of this shape
 * was measured by hand; this makes it part of make bench. */
#include "callback.h"

#define BENCH_CALLBACK wl_readable_body
#define BENCH_NAME "safepoll_unit"
#include "impl_safepoll.c"
