/* The calls that make, copy and close descriptors, on the model's table.
 * The model's files are all non-blocking and close-on-exec (model.h):
 * a caller asking for other flags would be answered wrongly, so such a
 * call fails with EINVAL, which no caller here expects. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/socket.h>

#include "model.h"
#include "shim.h"

long fast_sys(long r)
{
	if (r >= 0)
		return r;
	errno = (int)-r;
	return -1;
}

int fast_epoll_create1(int flags)
{
	if (flags & ~EPOLL_CLOEXEC)
		return (int)fast_sys(-EINVAL);
	return (int)fast_sys(model_epoll_create1(fast_model()));
}

int fast_pipe2(int fds[2], int flags)
{
	if ((flags & ~(O_NONBLOCK | O_CLOEXEC)) || !(flags & O_NONBLOCK))
		return (int)fast_sys(-EINVAL);
	return (int)fast_sys(model_pipe2(fast_model(), fds));
}

int fast_socketpair(int domain, int type, int protocol, int fds[2])
{
	if (domain != AF_UNIX || protocol != 0 ||
	    (type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC)) != SOCK_STREAM ||
	    !(type & SOCK_NONBLOCK))
		return (int)fast_sys(-EINVAL);
	return (int)fast_sys(model_socketpair(fast_model(), fds));
}

int fast_eventfd(unsigned int initval, int flags)
{
	if ((flags & ~(EFD_NONBLOCK | EFD_CLOEXEC)) || !(flags & EFD_NONBLOCK))
		return (int)fast_sys(-EINVAL);
	return (int)fast_sys(model_eventfd(fast_model(), initval));
}

/* Two kinds of path are opened: replay/kernel.c's O_TMPFILE in /tmp (a
 * `file`) and safepoll_check's /proc/self/fdinfo/N.  Nothing else
 * exists here. */
int fast_open(const char *path, int flags, ...)
{
	if (strncmp(path, "/proc/self/fdinfo/", 18) == 0)
		return fast_proc_open(path);
	if ((flags & O_TMPFILE) == O_TMPFILE && (flags & O_NONBLOCK))
		return (int)fast_sys(model_tmpfile(fast_model()));
	return (int)fast_sys(-ENOENT);
}

int fast_close(int fd)
{
	if (fast_proc_is(fd))
		return fast_proc_close(fd);
	return (int)fast_sys(model_close(fast_model(), fd));
}

/* F_GETFD: every file made here is close-on-exec.  F_DUPFD_CLOEXEC only
 * from 0, the lowest free number (model_dupfd): no caller compiled with
 * the shim asks for another (fuzz/fdinfo.c does, and fdinfo.c here
 * takes its place). */
int fast_fcntl(int fd, int cmd, ...)
{
	va_list ap;
	int arg = 0;

	if (cmd != F_GETFD) {
		va_start(ap, cmd);
		arg = va_arg(ap, int);
		va_end(ap);
	}
	if (fast_proc_is(fd))
		return cmd == F_GETFD ? FD_CLOEXEC : (int)fast_sys(-EINVAL);
	switch (cmd) {
	case F_GETFD:
		return fast_peek_open(fd) ? FD_CLOEXEC : (int)fast_sys(-EBADF);
	case F_DUPFD_CLOEXEC:
		if (arg != 0)
			return (int)fast_sys(-EINVAL);
		return (int)fast_sys(model_dupfd(fast_model(), fd));
	case F_SETPIPE_SZ:
		return (int)fast_sys(model_setpipe_sz(fast_model(), fd, arg));
	default:
		return (int)fast_sys(-EINVAL);
	}
}

/* fs/file.c ksys_dup3's checks, in its order; model.h has no dup3
 * (safepoll_rebuild puts its new epoll over the old number). */
int fast_dup3(int oldfd, int newfd, int flags)
{
	if (flags & ~O_CLOEXEC)
		return (int)fast_sys(-EINVAL);
	if (oldfd == newfd)
		return (int)fast_sys(-EINVAL);
	if (newfd < 0 || newfd >= fast_peek_nofile())
		return (int)fast_sys(-EBADF);
	return (int)fast_sys(fast_peek_dup2(oldfd, newfd));
}
