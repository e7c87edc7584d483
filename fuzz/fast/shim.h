/* The system calls of safepoll and of the replay's kernel engine,
 * answered by one model (specs/model/model.h) standing in for the
 * kernel: the fast mode of the fuzzer (fuzz/README.md).  syscalls.h
 * sends the libc names here, in the objects compiled with it only; the
 * harness's own I/O and libFuzzer's keep the real kernel.
 *
 * Each function keeps libc's contract (-1 and errno), because the
 * callers read errno: safepoll returns -errno, replay/kernel.c's sys()
 * too. */
#ifndef SAFEPOLL_FUZZ_FAST_SHIM_H
#define SAFEPOLL_FUZZ_FAST_SHIM_H

#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>

#include "peek.h"
#include "trace.h"

int fast_epoll_create1(int flags);
int fast_epoll_ctl(int ep, int op, int fd, struct epoll_event *ev);
int fast_epoll_wait(int ep, struct epoll_event *events, int max, int timeout);
int fast_epoll_pwait(int ep, struct epoll_event *events, int max, int timeout,
		     const sigset_t *mask);
int fast_epoll_pwait2(int ep, struct epoll_event *events, int max,
		      const struct timespec *timeout, const sigset_t *mask);
int fast_pipe2(int fds[2], int flags);
int fast_socketpair(int domain, int type, int protocol, int fds[2]);
int fast_eventfd(unsigned int initval, int flags);
int fast_open(const char *path, int flags, ...);
int fast_close(int fd);
int fast_fcntl(int fd, int cmd, ...);
int fast_dup3(int oldfd, int newfd, int flags);
ssize_t fast_read(int fd, void *buf, size_t n);
ssize_t fast_write(int fd, const void *buf, size_t n);
off_t fast_lseek(int fd, off_t off, int whence);
int fast_poll(struct pollfd *fds, nfds_t n, int timeout);
int fast_shutdown(int fd, int how);
int fast_fstat(int fd, struct stat *st);
int fast_clock_gettime(clockid_t clock, struct timespec *ts);
/* run.c holds signals off around polls and waits, because the kernel's
 * poll answers EINTR when one is pending; the model's never does, so
 * here the mask stays as it is and two system calls a wait are saved. */
int fast_sigprocmask(int how, const sigset_t *set, sigset_t *old);

/* -1 with errno = -r for a negative r, else r: the model's answers
 * (negative errno values) as libc gives them. */
long fast_sys(long r);

/* /proc/self/fdinfo/<fd> of the model's fd as the kernel prints it
 * (fs/eventpoll.c ep_show_fdinfo for an epoll).  Returns 0, or -ENOENT
 * when nothing is open at fd. */
int fast_fdinfo_render(int fd, struct trace_buf *out);

/* The pseudo files open() gives for /proc/self/fdinfo/N: numbers above
 * the model's table, so that they never take a number a trace would
 * get (safepoll opens one, reads it and closes it again). */
#define FAST_PROC_BASE (1 << 20)
int fast_proc_open(const char *path);
bool fast_proc_is(int fd);
int fast_proc_close(int fd);
ssize_t fast_proc_read(int fd, void *buf, size_t n);
off_t fast_proc_lseek(int fd, off_t off, int whence);

#endif
