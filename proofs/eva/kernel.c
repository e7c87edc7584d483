/* The kernel as Eva runs it: a body for each call of specs/kernel that
 * does whatever that call's contract allows (any descriptor, any count up
 * to the bound, any listed errno), and nothing more.  Eva checks each
 * body against its contract (the ensures) and each call against the
 * contract's preconditions, the point of make prove-eva.
 *
 * Eva cannot relate a result to an argument (epoll_ctl's ensures fd,
 * epoll_wait's ensures result): WP proves those on these bodies
 * (mk/eva.mk).  Why bodies rather than the contracts alone: Eva reads an ensures such as
 * `\result == -1 ==> errno == EBADF || ...` one state at a time, so over
 * a state where the result is any int it learns nothing about errno, and
 * `return -errno` would raise a false overflow alarm.  Read by Frama-C
 * only, with the headers of specs/kernel. */
#include <__fc_builtin.h>
#include <errno.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/stat.h>

static int fail(int e1, int e2, int e3)
{
	switch (Frama_C_interval(0, 2)) {
	case 0:
		errno = e1;
		break;
	case 1:
		errno = e2;
		break;
	default:
		errno = e3;
		break;
	}
	return -1;
}

int epoll_create1(int flags)
{
	(void)flags;
	if (Frama_C_nondet(0, 1))
		return fail(EMFILE, ENFILE, ENOMEM);
	return Frama_C_interval(0, INT32_MAX);
}

int epoll_ctl(int epfd, int op, int fd, struct epoll_event *event)
{
	/* Ghost bookkeeping, not a check: what the call was asked. */
	//@ ghost spec_ctl_op = op;
	//@ ghost spec_ctl_fd = fd;
	//@ ghost if (op != EPOLL_CTL_DEL) spec_ctl_data = event->data.u64;
	if (op != EPOLL_CTL_DEL) {
		/* the kernel copies the event in: it must be readable */
		volatile uint32_t e = event->events;
		volatile uint64_t d = event->data.u64;
		(void)e;
		(void)d;
	}
	/* The instance's own fd: an epoll can be polled, but not by itself
	 * (do_epoll_ctl: EINVAL, or EBADF when epfd names no file). */
	if (fd == epfd) {
		errno = Frama_C_nondet(EBADF, EINVAL);
		return -1;
	}
	if (fd >= 0 && Frama_C_nondet(0, 1))
		return 0;
	errno = Frama_C_nondet(
		Frama_C_nondet(Frama_C_nondet(EBADF, EEXIST),
			       Frama_C_nondet(EINVAL, ELOOP)),
		Frama_C_nondet(Frama_C_nondet(ENOENT, ENOMEM),
			       Frama_C_nondet(ENOSPC, Frama_C_nondet(EPERM,
								    EFAULT))));
	return -1;
}

int epoll_wait(int epfd, struct epoll_event *events, int maxevents,
	       int timeout)
{
	(void)epfd;
	(void)timeout;
	/* A count of 0: refused at once (do_epoll_wait), nothing written. */
	if (maxevents == 0) {
		errno = Frama_C_nondet(EBADF, EINVAL);
		return -1;
	}
	/* Any event, any token: the kernel's data is not trusted.  All
	 * maxevents are written, so that Eva need not relate the count to
	 * the events written below it: safepoll reads only below it. */
	/*@ loop assigns i, events[0 .. maxevents - 1]; */
	for (int i = 0; i < maxevents; i++) {
		events[i].events = Frama_C_unsigned_int_interval(0, UINT32_MAX);
		events[i].data.u64 =
			Frama_C_unsigned_long_long_interval(0, UINT64_MAX);
	}
	if (Frama_C_nondet(0, 1)) {
		errno = Frama_C_nondet(Frama_C_nondet(EBADF, EINTR),
				       Frama_C_nondet(EFAULT, EINVAL));
		return -1;
	}
	return Frama_C_interval(0, maxevents);
}

/* epoll_wait with the mask read first (set_user_sigmask). */
int epoll_pwait(int epfd, struct epoll_event *events, int maxevents,
		int timeout, const sigset_t *sigmask)
{
	if (sigmask) {
		volatile sigset_t m = *sigmask;
		(void)m;
	}
	return epoll_wait(epfd, events, maxevents, timeout);
}

/* The timeout read first, then ENOSYS (a kernel before 5.11) or
 * epoll_pwait's answer. */
int epoll_pwait2(int epfd, struct epoll_event *events, int maxevents,
		 const struct timespec *timeout, const sigset_t *sigmask)
{
	if (timeout) {
		volatile long sec = timeout->tv_sec, nsec = timeout->tv_nsec;
		(void)sec;
		(void)nsec;
	}
	if (Frama_C_nondet(0, 1)) {
		errno = ENOSYS;
		return -1;
	}
	return epoll_pwait(epfd, events, maxevents, 0, sigmask);
}

int close(int fd)
{
	int r = Frama_C_nondet(0, 1) ?
		fail(EBADF, EINTR, Frama_C_nondet(EIO, Frama_C_nondet(ENOSPC, EDQUOT))) : 0;

	/* After the call to fail, which has no assigns for WP to read. */
	//@ ghost spec_closed = fd;
	return r;
}

int clock_gettime(clockid_t clk_id, struct timespec *tp)
{
	(void)clk_id;
	if (Frama_C_nondet(0, 1))
		return fail(EFAULT, EINVAL, EINVAL);
	tp->tv_sec = Frama_C_long_interval(0, INT64_MAX);
	tp->tv_nsec = Frama_C_long_interval(0, 999999999);
	return 0;
}

int open(const char *path, int flags)
{
	(void)path;
	(void)flags;
	int fd = -1;

	if (Frama_C_nondet(0, 1))
		errno = Frama_C_interval(1, 4095);
	else
		fd = Frama_C_interval(0, INT32_MAX);
	//@ ghost spec_opened = fd;
	return fd;
}

int fstat(int fd, struct stat *buf)
{
	(void)fd;
	/* Any inode and device: all of the struct written. */
	Frama_C_make_unknown((char *)buf, sizeof *buf);
	if (Frama_C_nondet(0, 1)) {
		errno = Frama_C_interval(1, 4095);
		return -1;
	}
	return 0;
}

ssize_t read(int fd, char *buf, size_t count)
{
	(void)fd;
	/* Any bytes; all count of them written, so that Eva need not relate
	 * the count returned to the bytes written below it. */
	if (count > 0)
		Frama_C_make_unknown(buf, count);
	switch (Frama_C_interval(0, 2)) {
	case 0:
		errno = Frama_C_interval(1, 4095);
		return -1;
	case 1:
		return 0;
	default:
		return count == 0 ? 0 :
			(ssize_t)Frama_C_unsigned_long_interval(1, count);
	}
}

/* The C library's errno, which Frama-C's errno.h declares and its own
 * libc (not read here) defines. */
int errno = 0;
