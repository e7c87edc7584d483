/* Pre-included (gcc -include) in every file Frama-C reads for make prove:
 * puts the contracts of this folder in place of Frama-C's own for the
 * calls safepoll makes.  Frama-C's headers are still read for the types
 * and constants; their declarations of these calls are renamed out of
 * the way first.  The real build never sees this folder. */
#ifndef SAFEPOLL_SPEC_FRAMA_C_H
#define SAFEPOLL_SPEC_FRAMA_C_H

#define close __fc_libc_close
#define read __fc_libc_read
#include <unistd.h>
#undef close
#undef read

#define open __fc_libc_open
#include <fcntl.h>
#undef open

#define clock_gettime __fc_libc_clock_gettime
#include <time.h>
#undef clock_gettime

#define fstat __fc_libc_fstat
#include <sys/stat.h>
#undef fstat

#include <errno.h>

#include "close.h"
#include "dup3.h"
#include "fstat.h"
#include "read.h"
#include "open.h"
#include "clock_gettime.h"

#endif
