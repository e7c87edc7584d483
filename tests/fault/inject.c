/* The system calls as safepoll's objects see them in the fault build:
 * `ld -r --wrap=<call>` points only the library's references at these
 * __wrap_ functions (the test's own calls go straight to libc).  Each
 * counts its calls and fails the armed one.  close() is done for real
 * before it reports its fault, as Linux frees the descriptor even when
 * close fails. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/epoll.h>
#include <time.h>
#include <unistd.h>

#include "inject.h"

static const char *const names[SITE_COUNT] = {
	"epoll_create1", "epoll_ctl", "epoll_wait", "close",
	"clock_gettime", "open",      "read",	    "malloc",
	"epoll_pwait",   "epoll_pwait2",
};

/* From each call's ERRORS section (man-pages 6.03). */
static const int create_errs[] = {EINVAL, EMFILE, ENFILE, ENOMEM};
static const int ctl_errs[] = {EBADF,  EEXIST, EINVAL, ELOOP,
			       ENOENT, ENOMEM, ENOSPC, EPERM};
static const int wait_errs[] = {EBADF, EFAULT, EINTR, EINVAL};
static const int close_errs[] = {EBADF, EINTR, EIO, ENOSPC, EDQUOT};
static const int clock_errs[] = {EFAULT, EINVAL};
static const int open_errs[] = {EACCES, EINTR,	EMFILE, ENFILE,
				ENOENT, ENOMEM, EPERM};
static const int read_errs[] = {EAGAIN, EBADF, EFAULT, EINTR, EIO};
static const int malloc_errs[] = {ENOMEM};
static const int pwait_errs[] = {EBADF, EFAULT, EINTR, EINVAL};
/* ENOSYS: a kernel before 5.11 (safepoll falls back on epoll_pwait). */
static const int pwait2_errs[] = {EBADF, EFAULT, EINTR, EINVAL, ENOSYS};

#define LIST(a)                                                                \
	{                                                                      \
		a, (int)(sizeof a / sizeof a[0])                               \
	}
static const struct {
	const int *errs;
	int count;
} errnos[SITE_COUNT] = {
	LIST(create_errs), LIST(ctl_errs),  LIST(wait_errs), LIST(close_errs),
	LIST(clock_errs),  LIST(open_errs), LIST(read_errs), LIST(malloc_errs),
	LIST(pwait_errs),  LIST(pwait2_errs),
};

static struct {
	int site;
	unsigned n;
	int err;
	int fired;
} armed = {-1, 0, 0, 0}, also = {-1, 0, 0, 0};

static struct {
	const char *text;
	unsigned chunk;
	int fd;
} fake_read = {NULL, 0, -1};

static struct {
	const struct timespec *times;
	unsigned count, next;
} fake_clock;
static unsigned calls[SITE_COUNT];
/* What the first epoll_wait calls since fault_arm were given. */
#define WAITS_KEPT 8
static struct {
	int max, ms;
} waits[WAITS_KEPT];
static struct {
	int max, ms;
	const void *mask;
} pwaits[WAITS_KEPT];
static struct {
	int max;
	struct timespec timeout;
	const void *mask;
} pwait2s[WAITS_KEPT];
static long live_allocations;

const char *site_name(int site)
{
	return names[site];
}

const int *site_errnos(int site, int *count)
{
	*count = errnos[site].count;
	return errnos[site].errs;
}

void fault_arm(int site, unsigned n, int err)
{
	for (int i = 0; i < SITE_COUNT; i++)
		calls[i] = 0;
	armed.site = site;
	armed.n = n;
	armed.err = err;
	armed.fired = 0;
}

void fault_arm_also(int site, unsigned n, int err)
{
	also.site = site;
	also.n = n;
	also.err = err;
	also.fired = 0;
}

void fault_disarm(void)
{
	armed.site = -1;
	also.site = -1;
	fake_read.text = NULL;
	fake_read.fd = -1;
	fake_clock.count = 0;
}

void fault_fake_fdinfo(const char *text, unsigned chunk)
{
	fake_read.text = text;
	fake_read.chunk = chunk;
	fake_read.fd = -1;
}

void fault_fake_clock(const struct timespec *times, unsigned count)
{
	fake_clock.times = times;
	fake_clock.count = count;
	fake_clock.next = 0;
}

int fault_fired(void)
{
	return armed.fired;
}

unsigned fault_calls(int site)
{
	return calls[site];
}

int fault_wait_args(unsigned n, int *max, int *ms)
{
	if (n == 0 || n > calls[SITE_EPOLL_WAIT] || n > WAITS_KEPT)
		return -1;
	*max = waits[n - 1].max;
	*ms = waits[n - 1].ms;
	return 0;
}

int fault_pwait_args(unsigned n, int *max, int *ms, const void **mask)
{
	if (n == 0 || n > calls[SITE_EPOLL_PWAIT] || n > WAITS_KEPT)
		return -1;
	*max = pwaits[n - 1].max;
	*ms = pwaits[n - 1].ms;
	*mask = pwaits[n - 1].mask;
	return 0;
}

int fault_pwait2_args(unsigned n, int *max, struct timespec *timeout,
		      const void **mask)
{
	if (n == 0 || n > calls[SITE_EPOLL_PWAIT2] || n > WAITS_KEPT)
		return -1;
	*max = pwait2s[n - 1].max;
	*timeout = pwait2s[n - 1].timeout;
	*mask = pwait2s[n - 1].mask;
	return 0;
}

long fault_live_allocations(void)
{
	return live_allocations;
}

/* Counts the call; true when it is the one to fail (errno set). */
static int hit(int site)
{
	++calls[site];
	if (armed.site == site && calls[site] == armed.n) {
		armed.fired = 1;
		errno = armed.err;
		return 1;
	}
	if (also.site == site && calls[site] == also.n) {
		also.fired = 1;
		errno = also.err;
		return 1;
	}
	return 0;
}

int __wrap_epoll_create1(int flags);
int __wrap_epoll_create1(int flags)
{
	return hit(SITE_EPOLL_CREATE1) ? -1 : epoll_create1(flags);
}

int __wrap_epoll_ctl(int epfd, int op, int fd, struct epoll_event *ev);
int __wrap_epoll_ctl(int epfd, int op, int fd, struct epoll_event *ev)
{
	return hit(SITE_EPOLL_CTL) ? -1 : epoll_ctl(epfd, op, fd, ev);
}

int __wrap_epoll_wait(int epfd, struct epoll_event *ev, int max, int ms);
int __wrap_epoll_wait(int epfd, struct epoll_event *ev, int max, int ms)
{
	if (calls[SITE_EPOLL_WAIT] < WAITS_KEPT) {
		waits[calls[SITE_EPOLL_WAIT]].max = max;
		waits[calls[SITE_EPOLL_WAIT]].ms = ms;
	}
	return hit(SITE_EPOLL_WAIT) ? -1 : epoll_wait(epfd, ev, max, ms);
}

int __wrap_epoll_pwait(int epfd, struct epoll_event *ev, int max, int ms,
		       const sigset_t *mask);
int __wrap_epoll_pwait(int epfd, struct epoll_event *ev, int max, int ms,
		       const sigset_t *mask)
{
	if (calls[SITE_EPOLL_PWAIT] < WAITS_KEPT) {
		pwaits[calls[SITE_EPOLL_PWAIT]].max = max;
		pwaits[calls[SITE_EPOLL_PWAIT]].ms = ms;
		pwaits[calls[SITE_EPOLL_PWAIT]].mask = mask;
	}
	return hit(SITE_EPOLL_PWAIT) ? -1 : epoll_pwait(epfd, ev, max, ms, mask);
}

int __wrap_epoll_pwait2(int epfd, struct epoll_event *ev, int max,
			const struct timespec *timeout, const sigset_t *mask);
int __wrap_epoll_pwait2(int epfd, struct epoll_event *ev, int max,
			const struct timespec *timeout, const sigset_t *mask)
{
	static const struct timespec none = {-1, -1};

	if (calls[SITE_EPOLL_PWAIT2] < WAITS_KEPT) {
		pwait2s[calls[SITE_EPOLL_PWAIT2]].max = max;
		pwait2s[calls[SITE_EPOLL_PWAIT2]].timeout =
			timeout ? *timeout : none;
		pwait2s[calls[SITE_EPOLL_PWAIT2]].mask = mask;
	}
	return hit(SITE_EPOLL_PWAIT2) ?
		       -1 :
		       epoll_pwait2(epfd, ev, max, timeout, mask);
}

int __wrap_close(int fd);
int __wrap_close(int fd)
{
	int rc = close(fd);
	int saved = errno;

	if (hit(SITE_CLOSE))
		return -1;
	errno = saved;
	return rc;
}

int __wrap_clock_gettime(clockid_t clock, struct timespec *ts);
int __wrap_clock_gettime(clockid_t clock, struct timespec *ts)
{
	if (hit(SITE_CLOCK_GETTIME))
		return -1;
	if (fake_clock.next < fake_clock.count) {
		*ts = fake_clock.times[fake_clock.next++];
		return 0;
	}
	return clock_gettime(clock, ts);
}

int __wrap_open(const char *path, int flags, ...);
int __wrap_open(const char *path, int flags, ...)
{
	mode_t mode = 0;

	if (flags & (O_CREAT | O_TMPFILE)) {
		va_list ap;
		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
	}
	if (hit(SITE_OPEN))
		return -1;
	int fd = open(path, flags, mode);
	if (fake_read.text && strncmp(path, "/proc/self/fdinfo/", 18) == 0)
		fake_read.fd = fd;
	return fd;
}

ssize_t __wrap_read(int fd, void *buf, size_t n);
ssize_t __wrap_read(int fd, void *buf, size_t n)
{
	if (hit(SITE_READ))
		return -1;
	if (fake_read.text && fd == fake_read.fd) {
		size_t left = strlen(fake_read.text);
		size_t k = left < fake_read.chunk ? left : fake_read.chunk;

		k = k < n ? k : n;
		memcpy(buf, fake_read.text, k);
		fake_read.text += k;
		return (ssize_t)k;
	}
	return read(fd, buf, n);
}

void *__wrap_malloc(size_t n);
void *__wrap_malloc(size_t n)
{
	void *p;

	if (hit(SITE_MALLOC))
		return NULL;
	p = malloc(n);
	if (p)
		live_allocations++;
	return p;
}

void __wrap_free(void *p);
void __wrap_free(void *p)
{
	if (p)
		live_allocations--;
	free(p);
}
