/* The bodies E-ACSL instruments with the kernel contracts (see rename.h):
 * each forwards to the real call through sp_real_<call> (real.c, compiled
 * by gcc alone against glibc), so that the contract's preconditions are
 * checked on the way in and its ensures on the real kernel's answer on the
 * way out.  Read by Frama-C with the contracts of specs/kernel. */
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int sp_real_close(int fd);
int sp_real_dup3(int oldfd, int newfd, int flags);
int sp_real_fstat(int fd, unsigned long long *ino, unsigned long long *dev);
ssize_t sp_real_read(int fd, char *buf, size_t count);
int sp_real_open(const char *path, int flags);
int sp_real_clock_gettime(clockid_t clk_id, struct timespec *tp);
int sp_real_epoll_create1(int flags);
int sp_real_epoll_ctl(int epfd, int op, int fd, struct epoll_event *event);
int sp_real_epoll_wait(int epfd, struct epoll_event *events, int maxevents,
		       int timeout);
int sp_real_epoll_pwait(int epfd, struct epoll_event *events, int maxevents,
			int timeout, const sigset_t *sigmask);
int sp_real_epoll_pwait2(int epfd, struct epoll_event *events, int maxevents,
			 const struct timespec *timeout,
			 const sigset_t *sigmask);

int close(int fd)
{
	/* Ghost bookkeeping, not a check: which number went to close. */
	//@ ghost spec_closed = fd;
	return sp_real_close(fd);
}

int dup3(int oldfd, int newfd, int flags)
{
	return sp_real_dup3(oldfd, newfd, flags);
}

/* Frama-C's struct stat is not glibc's: the two fields safepoll reads
 * cross over one by one.  Frama-C's ino_t has 32 bits: an inode number
 * above them (not a pipe's, a socket's or an eventfd's: get_next_ino)
 * would read as another file in this build only. */
int fstat(int fd, struct stat *buf)
{
	unsigned long long ino = 0, dev = 0;
	int r = sp_real_fstat(fd, &ino, &dev);

	buf->st_ino = (ino_t)ino;
	buf->st_dev = (dev_t)dev;
	return r;
}

ssize_t read(int fd, char *buf, size_t count)
{
	return sp_real_read(fd, buf, count);
}

int open(const char *path, int flags)
{
	int fd = sp_real_open(path, flags);

	/* Ghost bookkeeping, not a check: which number open gave. */
	//@ ghost spec_opened = fd;
	return fd;
}

int clock_gettime(clockid_t clk_id, struct timespec *tp)
{
	return sp_real_clock_gettime(clk_id, tp);
}

int epoll_create1(int flags)
{
	return sp_real_epoll_create1(flags);
}

int epoll_ctl(int epfd, int op, int fd, struct epoll_event *event)
{
	/* Ghost bookkeeping, not a check: what the call was asked. */
	//@ ghost spec_ctl_op = op;
	//@ ghost spec_ctl_fd = fd;
	//@ ghost if (op != EPOLL_CTL_DEL) spec_ctl_data = event->data.u64;
	return sp_real_epoll_ctl(epfd, op, fd, event);
}

int epoll_wait(int epfd, struct epoll_event *events, int maxevents,
	       int timeout)
{
	return sp_real_epoll_wait(epfd, events, maxevents, timeout);
}

int epoll_pwait(int epfd, struct epoll_event *events, int maxevents,
		int timeout, const sigset_t *sigmask)
{
	return sp_real_epoll_pwait(epfd, events, maxevents, timeout, sigmask);
}

int epoll_pwait2(int epfd, struct epoll_event *events, int maxevents,
		 const struct timespec *timeout, const sigset_t *sigmask)
{
	return sp_real_epoll_pwait2(epfd, events, maxevents, timeout, sigmask);
}
