/* Reads, writes, poll, shutdown, fstat and the clock, on the model. */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include "model.h"
#include "shim.h"

/* The model's read gives the first 8 bytes read, no more; the callers
 * read an eventfd's 8 bytes (their value) and a pipe or socket into a
 * sink nobody looks at. */
ssize_t fast_read(int fd, void *buf, size_t n)
{
	uint64_t v = 0;
	int64_t r;

	if (fast_proc_is(fd))
		return fast_proc_read(fd, buf, n);
	r = model_read_bytes(fast_model(), fd, n, &v);
	for (int64_t j = 0; j < r && j < 8; j++, v >>= 8)
		((unsigned char *)buf)[j] = (unsigned char)v;
	return (ssize_t)fast_sys(r);
}

/* The model writes either the 8 bytes of a value or n filler bytes 'x'.
 * 8 bytes go as a value, whatever they are (filler too: "xxxxxxxx" is a
 * value like any other); any other count must be replay/kernel.c's
 * filler.  Its head is checked, so that another writer's data is not
 * taken for filler unnoticed; EFAULT says so. */
ssize_t fast_write(int fd, const void *buf, size_t n)
{
	const unsigned char *b = buf;
	uint64_t v = 0;

	if (n == 8) {
		for (int j = 7; j >= 0; j--)
			v = v << 8 | b[j];
		return (ssize_t)fast_sys(model_write_value(fast_model(), fd, v));
	}
	for (size_t j = 0; j < n && j < 64; j++)
		if (b[j] != 'x')
			return (ssize_t)fast_sys(-EFAULT);
	return (ssize_t)fast_sys(model_write_filler(fast_model(), fd, n));
}

/* Only the fdinfo files are read again from 0 (fuzz/fdinfo.c's way;
 * here nobody does, but it costs nothing to answer). */
off_t fast_lseek(int fd, off_t off, int whence)
{
	if (fast_proc_is(fd))
		return fast_proc_lseek(fd, off, whence);
	return (off_t)fast_sys(fast_peek_open(fd) ? -ESPIPE : -EBADF);
}

/* The model has no time: it answers each as timeout 0 would, which is
 * what every poll of a trace the fuzzer makes asks (decode.c). */
int fast_poll(struct pollfd *fds, nfds_t n, int timeout)
{
	int ready = 0;

	(void)timeout;
	for (nfds_t j = 0; j < n; j++) {
		fds[j].revents = (short)model_poll(fast_model(), fds[j].fd,
						   (uint16_t)fds[j].events);
		ready += fds[j].revents != 0;
	}
	return ready;
}

int fast_shutdown(int fd, int how)
{
	return (int)fast_sys(model_shutdown(fast_model(), fd, how));
}

/* What safepoll_check compares with fdinfo's ino and sdev: the inode,
 * and device 0 on both sides (fdinfo.c prints sdev 0). */
int fast_fstat(int fd, struct stat *st)
{
	uint64_t ino = fast_peek_inode(fd);

	if (fast_proc_is(fd))
		return (int)fast_sys(-EINVAL);
	if (!ino)
		return (int)fast_sys(-EBADF);
	memset(st, 0, sizeof(*st));
	st->st_ino = (ino_t)ino;
	st->st_dev = 0;
	return 0;
}

/* A clock that moves a millisecond at each read: a timed wait (which
 * the model answers at once, as if its time had passed) ends after a
 * few reads, as its deadline comes.  The fuzzer's waits have timeout 0
 * and never read it. */
int fast_clock_gettime(clockid_t clock, struct timespec *ts)
{
	static int64_t ms;

	(void)clock;
	ms++;
	ts->tv_sec = (time_t)(ms / 1000);
	ts->tv_nsec = (long)(ms % 1000) * 1000000L;
	return 0;
}

int fast_sigprocmask(int how, const sigset_t *set, sigset_t *old)
{
	(void)how;
	(void)set;
	if (old)
		sigemptyset(old);
	return 0;
}
