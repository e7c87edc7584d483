/* The real calls behind kernel.c's instrumented bodies (make eacsl):
 * compiled by gcc against glibc, never seen by Frama-C. */
#include <fcntl.h>
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

int sp_real_close(int fd)
{
	return close(fd);
}

int sp_real_dup3(int oldfd, int newfd, int flags)
{
	return dup3(oldfd, newfd, flags);
}

int sp_real_fstat(int fd, unsigned long long *ino, unsigned long long *dev)
{
	struct stat st;
	int r = fstat(fd, &st);

	if (r == 0) {
		*ino = st.st_ino;
		*dev = st.st_dev;
	}
	return r;
}

ssize_t sp_real_read(int fd, char *buf, size_t count)
{
	return read(fd, buf, count);
}

int sp_real_open(const char *path, int flags)
{
	return open(path, flags);
}

int sp_real_clock_gettime(clockid_t clk_id, struct timespec *tp)
{
	return clock_gettime(clk_id, tp);
}

int sp_real_epoll_create1(int flags)
{
	return epoll_create1(flags);
}

int sp_real_epoll_ctl(int epfd, int op, int fd, struct epoll_event *event)
{
	return epoll_ctl(epfd, op, fd, event);
}

int sp_real_epoll_wait(int epfd, struct epoll_event *events, int maxevents,
		       int timeout)
{
	return epoll_wait(epfd, events, maxevents, timeout);
}

int sp_real_epoll_pwait(int epfd, struct epoll_event *events, int maxevents,
			int timeout, const sigset_t *sigmask)
{
	return epoll_pwait(epfd, events, maxevents, timeout, sigmask);
}

int sp_real_epoll_pwait2(int epfd, struct epoll_event *events, int maxevents,
			 const struct timespec *timeout,
			 const sigset_t *sigmask)
{
	return epoll_pwait2(epfd, events, maxevents, timeout, sigmask);
}
