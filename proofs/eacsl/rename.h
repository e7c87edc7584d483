/* Pre-included, after specs/kernel/frama-c.h, in the sources Frama-C reads
 * for make eacsl (mk/eacsl.mk).  E-ACSL checks the contract of a function
 * it instruments, at its entry and exit; a kernel call has no body, so
 * each gets one: safepoll's calls are renamed to spk_<call> (kernel.c, read
 * by Frama-C, which forwards to the real call), and the contracts of
 * specs/kernel are declared again under that name.  Their headers have no
 * include guard for this; sys/epoll.h is read after this file, so its
 * five calls are renamed as it declares them. */
#ifndef SAFEPOLL_EACSL_RENAME_H
#define SAFEPOLL_EACSL_RENAME_H

#define close spk_close
#define dup3 spk_dup3
#define fstat spk_fstat
#define read spk_read
#define open spk_open
#define clock_gettime spk_clock_gettime
#define epoll_create1 spk_epoll_create1
#define epoll_ctl spk_epoll_ctl
#define epoll_wait spk_epoll_wait
#define epoll_pwait spk_epoll_pwait
#define epoll_pwait2 spk_epoll_pwait2

#include "close.h"
#include "dup3.h"
#include "fstat.h"
#include "read.h"
#include "open.h"
#include "clock_gettime.h"

#endif
