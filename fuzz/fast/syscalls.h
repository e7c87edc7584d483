/* Forced into safepoll's objects and the replay's kernel engine by
 * `-include fuzz/fast/syscalls.h` (mk/fuzzfast.mk): each system call
 * they make becomes a call of shim.h, answered by the model.  The libc
 * headers come first, so that their declarations keep their own names
 * (their guards make the sources' own includes no-ops); the macros are
 * function-like, so that a name not called is left alone. */
#ifndef SAFEPOLL_FUZZ_FAST_SYSCALLS_H
#define SAFEPOLL_FUZZ_FAST_SYSCALLS_H

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "shim.h"

#define epoll_create1(...) fast_epoll_create1(__VA_ARGS__)
#define epoll_ctl(...) fast_epoll_ctl(__VA_ARGS__)
#define epoll_wait(...) fast_epoll_wait(__VA_ARGS__)
#define epoll_pwait(...) fast_epoll_pwait(__VA_ARGS__)
#define epoll_pwait2(...) fast_epoll_pwait2(__VA_ARGS__)
#define pipe2(...) fast_pipe2(__VA_ARGS__)
#define socketpair(...) fast_socketpair(__VA_ARGS__)
#define eventfd(...) fast_eventfd(__VA_ARGS__)
#define open(...) fast_open(__VA_ARGS__)
#define close(...) fast_close(__VA_ARGS__)
#define fcntl(...) fast_fcntl(__VA_ARGS__)
#define dup3(...) fast_dup3(__VA_ARGS__)
#define read(...) fast_read(__VA_ARGS__)
#define write(...) fast_write(__VA_ARGS__)
#define lseek(...) fast_lseek(__VA_ARGS__)
#define poll(...) fast_poll(__VA_ARGS__)
#define shutdown(...) fast_shutdown(__VA_ARGS__)
#define fstat(...) fast_fstat(__VA_ARGS__)
#define clock_gettime(...) fast_clock_gettime(__VA_ARGS__)
#define sigprocmask(...) fast_sigprocmask(__VA_ARGS__)

#endif
