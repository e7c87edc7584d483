/* The kernel as Eva runs it: a body for each call of specs/kernel that
 * does whatever that call's contract allows (any descriptor, any count up
 * to the bound, any listed errno), and nothing more.  Eva checks each
 * body against its contract (the ensures) and each call against the
 * contract's preconditions, the point of make prove-eva.
 *
 * Why bodies rather than the contracts alone: Eva reads an ensures such as
 * `\result == -1 ==> errno == EBADF || ...` one state at a time, so over
 * a state where the result is any int it learns nothing about errno, and
 * `return -errno` would raise a false overflow alarm.  Read by Frama-C
 * only, with the headers of specs/kernel. */
#include <__fc_builtin.h>
#include <errno.h>
#include <stdint.h>
#include <sys/epoll.h>

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
	(void)epfd;
	(void)op;
	if (op != EPOLL_CTL_DEL) {
		/* the kernel copies the event in: it must be readable */
		volatile uint32_t e = event->events;
		volatile uint64_t d = event->data.u64;
		(void)e;
		(void)d;
	}
	switch (Frama_C_interval(0, 3)) {
	case 0:
		if (fd >= 0)
			return 0;
		return fail(EBADF, EBADF, EBADF);
	case 1:
		return fail(EBADF, EEXIST, EINVAL);
	case 2:
		return fail(ELOOP, ENOENT, ENOMEM);
	default:
		return fail(ENOSPC, EPERM, EFAULT);
	}
}

int epoll_wait(int epfd, struct epoll_event *events, int maxevents,
	       int timeout)
{
	int n;

	(void)epfd;
	(void)timeout;
	/* One state per count, so that the result is known to be at most
	 * this count, not only at most the largest count. */
	/*@ split maxevents; */
	n = Frama_C_interval(-1, maxevents);
	if (n < 0)
		return fail(EBADF, EINTR, Frama_C_nondet(EFAULT, EINVAL));
	/* Any event, any token: the kernel's data is not trusted. */
	for (int i = 0; i < n; i++) {
		events[i].events = Frama_C_unsigned_int_interval(0, UINT32_MAX);
		events[i].data.u64 =
			Frama_C_unsigned_long_long_interval(0, UINT64_MAX);
	}
	return n;
}

int close(int fd)
{
	(void)fd;
	if (Frama_C_nondet(0, 1))
		return fail(EBADF, EINTR, Frama_C_nondet(EIO, Frama_C_nondet(ENOSPC, EDQUOT)));
	return 0;
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
	if (Frama_C_nondet(0, 1)) {
		errno = Frama_C_interval(1, 4095);
		return -1;
	}
	return Frama_C_interval(0, INT32_MAX);
}

ssize_t read(int fd, char *buf, size_t count)
{
	(void)fd;
	switch (Frama_C_interval(0, 2)) {
	case 0:
		errno = Frama_C_interval(1, 4095);
		return -1;
	case 1:
		return 0;
	default:
		if (count == 0)
			return 0;
		/* any bytes, any count up to the buffer's */
		/* All count bytes are written: a count in a range would leave
		 * Eva unsure which bytes below it are, whereas safepoll reads
		 * only below it. */
		Frama_C_make_unknown(buf, count);
		return (ssize_t)Frama_C_unsigned_long_interval(1, count);
	}
}

/* The C library's errno, which Frama-C's errno.h declares and its own
 * libc (not read here) defines. */
int errno = 0;
