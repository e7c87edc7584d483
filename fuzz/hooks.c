/* The link-time hooks of hooks.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "fdinfo.h"
#include "hooks.h"
#include "model_reserve.h"

static bool held[FUZZ_MODEL_NOFILE];
static int held_end; /* one past the highest held number */
static struct replay_kernel *shared_kernel;
static bool shared_in_use;
/* Instances of one run: at most one per `epoll` line. */
static struct safepoll **instances;
static size_t ninstances, instances_cap;
static struct fuzz_hook_calls calls;

int fuzz_hooks_scan(void)
{
	held_end = 0;
	for (int fd = 0; fd < FUZZ_MODEL_NOFILE; fd++)
		if ((held[fd] = fcntl(fd, F_GETFD) >= 0))
			held_end = fd + 1;
	return held[0] && held[1] && held[2] ? 0 : -1;
}

/* One poll for all the numbers: a number that holds nothing comes back
 * POLLNVAL (fs/select.c do_pollfd), and with timeout 0 it waits on no
 * file.  One fcntl each cost a call per number.  poll answers EINTR only
 * when no entry has anything to tell (do_poll), so a signal can cut it
 * short: then again.  Where poll cannot answer (ENOMEM), fcntl tells the
 * same, a call each. */
void fuzz_hooks_probe(struct pollfd *pf, size_t n)
{
	for (size_t j = 0; j < n; j++) {
		pf[j].events = 0;
		pf[j].revents = 0;
	}
	while (n && poll(pf, (nfds_t)n, 0) < 0) {
		if (errno == EINTR)
			continue;
		for (size_t j = 0; j < n; j++)
			pf[j].revents = pf[j].fd >= 0 &&
						fcntl(pf[j].fd, F_GETFD) < 0
					? POLLNVAL
					: 0;
		return;
	}
}

/* F_DUPFD's answer takes the number, and a close gives it back; a run
 * asks twice and mostly gets the last answer again.  So the last answer
 * is probed first, with every number below it: still free, and all
 * those below held, it is the lowest free one still.  A dup of 0 never
 * answers 0, so a closed 0 always goes to F_DUPFD (which fails then). */
int fuzz_hooks_lowest_free(void)
{
	static int last = -1;
	struct pollfd pf[16];
	int fd;

	if (last > 0 && last < 16) {
		for (fd = 0; fd <= last; fd++)
			pf[fd].fd = fd;
		fuzz_hooks_probe(pf, (size_t)last + 1);
		for (fd = 0; fd < last && !(pf[fd].revents & POLLNVAL); fd++)
			;
		if (fd == last && (pf[last].revents & POLLNVAL))
			return last;
	}
	fd = fcntl(0, F_DUPFD_CLOEXEC, 0);
	if (fd >= 0)
		close(fd);
	last = fd;
	return fd;
}

bool fuzz_hooks_reserved(int fd)
{
	return fd >= 0 && fd < FUZZ_MODEL_NOFILE && held[fd];
}

struct model *__wrap_model_new(int nofile)
{
	struct model *m;

	calls.model_new++;
	m = __real_model_new(nofile < FUZZ_MODEL_NOFILE ? nofile
							: FUZZ_MODEL_NOFILE);
	/* Up to held_end only: all FUZZ_MODEL_NOFILE numbers were a
	 * twentieth of a fast-mode run, two models a run. */
	for (int fd = 3; m && fd < held_end && fd < nofile; fd++)
		if (held[fd] && model_reserve(m, fd) < 0) {
			model_free(m);
			return NULL;
		}
	return m;
}

struct replay_kernel *__wrap_replay_kernel_new(size_t evcap)
{
	calls.kernel_new++;
	if (shared_in_use || evcap > FUZZ_KERNEL_EVCAP)
		return __real_replay_kernel_new(evcap);
	if (!shared_kernel)
		shared_kernel = __real_replay_kernel_new(FUZZ_KERNEL_EVCAP);
	shared_in_use = shared_kernel != NULL;
	return shared_kernel;
}

void __wrap_replay_kernel_free(struct replay_kernel *k)
{
	if (k && k == shared_kernel)
		shared_in_use = false;
	else
		__real_replay_kernel_free(k);
}

int __wrap_replay_fdinfo(struct trace_buf *b, int epfd)
{
	return fuzz_fdinfo(b, epfd);
}

int __wrap_safepoll_new(struct safepoll **out, uint32_t capacity,
			uint32_t flags)
{
	int r = __real_safepoll_new(out, capacity, flags);

	calls.safepoll_new++;
	if (r < 0)
		return r;
	if (ninstances == instances_cap) {
		size_t cap = instances_cap ? instances_cap * 2 : 16;
		struct safepoll **v = realloc(instances, cap * sizeof(*v));

		if (!v) {
			safepoll_free(*out);
			*out = NULL;
			return -ENOMEM;
		}
		instances = v;
		instances_cap = cap;
	}
	instances[ninstances++] = *out;
	return r;
}

void fuzz_hooks_reset(void)
{
	ninstances = 0;
}

size_t fuzz_hooks_instances(struct safepoll *const **v)
{
	*v = instances;
	return ninstances;
}

struct fuzz_hook_calls fuzz_hooks_calls(void)
{
	return calls;
}
