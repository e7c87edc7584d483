/* model.h answered by the running kernel: every call is the system call
 * the trace language names.  Linking a unit test with this file instead
 * of the model checks that the test's expected values are the kernel's
 * (`make test-model` runs both), so no fact in the tests is taken on
 * trust.  One model at a time; model_free closes every descriptor above 2. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../model.h"
#include "fdinfo_tfd.h"

struct model {
	struct rlimit saved;
};

static char filler[4194304];

static int64_t ret(int64_t r)
{
	return r < 0 ? -errno : r;
}

struct model *model_new(int nofile)
{
	struct model *m;
	struct rlimit rl;

	if (nofile < 3)
		return NULL;
	m = calloc(1, sizeof(*m));
	if (!m || getrlimit(RLIMIT_NOFILE, &m->saved) < 0)
		abort();
	close_range(3, ~0u, 0);
	rl.rlim_cur = (rlim_t)nofile;
	rl.rlim_max = m->saved.rlim_max;
	if (setrlimit(RLIMIT_NOFILE, &rl) < 0)
		abort();
	memset(filler, 'x', sizeof(filler));
	signal(SIGPIPE, SIG_IGN); /* as the replay: EPIPE, not a signal */
	return m;
}

void model_free(struct model *m)
{
	if (!m)
		return;
	close_range(3, ~0u, 0);
	setrlimit(RLIMIT_NOFILE, &m->saved);
	free(m);
}

int model_epoll_create1(struct model *m)
{
	(void)m;
	return (int)ret(epoll_create1(EPOLL_CLOEXEC));
}

int model_pipe2(struct model *m, int fds[2])
{
	(void)m;
	return (int)ret(pipe2(fds, O_NONBLOCK | O_CLOEXEC));
}

int model_socketpair(struct model *m, int fds[2])
{
	(void)m;
	return (int)ret(socketpair(
		AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds));
}

int model_eventfd(struct model *m, unsigned int initval)
{
	(void)m;
	return (int)ret(eventfd(initval, EFD_NONBLOCK | EFD_CLOEXEC));
}

int model_tmpfile(struct model *m)
{
	(void)m;
	return (int)ret(open(
		"/tmp", O_TMPFILE | O_RDWR | O_NONBLOCK | O_CLOEXEC, 0600));
}

int model_dupfd(struct model *m, int fd)
{
	(void)m;
	return (int)ret(fcntl(fd, F_DUPFD_CLOEXEC, 0));
}

int model_close(struct model *m, int fd)
{
	(void)m;
	return (int)ret(close(fd));
}

static int is_eventfd(int fd)
{
	char path[64], link[64];
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	n = readlink(path, link, sizeof(link) - 1);
	if (n < 0)
		return 0;
	link[n] = 0;
	return strcmp(link, "anon_inode:[eventfd]") == 0;
}

int64_t model_write_filler(struct model *m, int fd, uint64_t n)
{
	(void)m;
	if (n > sizeof(filler))
		abort();
	return ret(write(fd, filler, n));
}

int64_t model_write_value(struct model *m, int fd, uint64_t value)
{
	(void)m;
	return ret(write(fd, &value, sizeof(value)));
}

int64_t model_write(struct model *m, int fd, uint64_t n)
{
	return is_eventfd(fd) ? model_write_value(m, fd, n)
			      : model_write_filler(m, fd, n);
}

int64_t model_read_bytes(struct model *m, int fd, uint64_t n, uint64_t *value)
{
	static unsigned char buf[sizeof(filler)];
	int64_t r;

	(void)m;
	if (n > sizeof(buf))
		abort();
	memset(buf, 0, 8);
	r = ret(read(fd, buf, n));
	if (value) {
		*value = 0;
		for (int i = 7; i >= 0 && r > 0; i--)
			*value = *value << 8 | (i < r ? buf[i] : 0);
	}
	return r;
}

int64_t model_read_value(struct model *m, int fd, uint64_t *value)
{
	return model_read_bytes(m, fd, 8, value);
}

int64_t model_read(struct model *m, int fd, uint64_t n, uint64_t *value)
{
	return model_read_bytes(m, fd, n, value);
}

int model_shutdown(struct model *m, int fd, int how)
{
	(void)m;
	return (int)ret(shutdown(fd, how));
}

int model_setpipe_sz(struct model *m, int fd, int bytes)
{
	(void)m;
	return (int)ret(fcntl(fd, F_SETPIPE_SZ, bytes));
}

uint32_t model_poll(struct model *m, int fd, uint32_t events)
{
	struct pollfd p = {fd, (short)events, 0};

	(void)m;
	if (poll(&p, 1, 0) < 0)
		abort();
	return (uint16_t)p.revents;
}

int model_epoll_ctl(struct model *m, int ep, int op, int fd, uint32_t events,
		    uint64_t data)
{
	struct epoll_event e = {.events = events, .data.u64 = data};

	(void)m;
	return (int)ret(epoll_ctl(ep, op, fd, &e));
}

/* The kernel decides for itself. */
void model_follow(struct model *m, int result)
{
	(void)m;
	(void)result;
}

/* A wait that would block for ever is run with timeout 0 instead.  At
 * most 256 events may be ready (MAX itself goes to the kernel as given).
 * The buffer is static, low in memory: near the top of the address space
 * (a stack) a huge MAX would fail access_ok() with EFAULT. */
int model_epoll_wait(struct model *m, int ep, struct model_event *out, int max,
		     int timeout)
{
	static struct epoll_event ev[256];
	int n;

	(void)m;
	n = (int)ret(epoll_wait(ep, ev, max, timeout < 0 ? 0 : timeout));
	for (int i = 0; i < n; i++) {
		out[i].events = ev[i].events;
		out[i].data = ev[i].data.u64;
	}
	return n == 0 && timeout < 0 ? MODEL_BLOCKS_FOREVER : n;
}

static int cmp_reg(const void *a, const void *b)
{
	const struct model_reg *x = a, *y = b;

	if (x->fd != y->fd)
		return (x->fd > y->fd) - (x->fd < y->fd);
	return (x->data > y->data) - (x->data < y->data);
}

int model_interest(const struct model *m, int ep, struct model_reg *out,
		   int max)
{
	static struct model_reg all[4096];
	char path[64], line[256], why[TRACE_TFD_WHY_MAX];
	FILE *f;
	int n = 0;

	(void)m;
	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", ep);
	f = fopen(path, "r");
	if (!f)
		return -EBADF;
	for (unsigned at = 1; fgets(line, sizeof(line), f) && n < 4096; at++) {
		struct trace_tfd reg;
		int r = trace_fdinfo_tfd(line, strcspn(line, "\n"), &reg, why);

		/* A line the shim cannot read leaves the kernel's answer
		 * unknown: no expected value can be checked against it. */
		if (r < 0) {
			fprintf(stderr, "%s:%u: %s\n", path, at, why);
			abort();
		}
		if (r > 0)
			all[n++] = (struct model_reg){reg.fd, reg.events,
						      reg.data};
	}
	fclose(f);
	qsort(all, (size_t)n, sizeof(all[0]), cmp_reg);
	for (int i = 0; i < n && i < max; i++)
		out[i] = all[i];
	return n;
}
