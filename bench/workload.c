/* The pipes and the callback every implementation dispatches to. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include "callback.h"
#include "workload.h"

struct workload wl;

int wl_open(uint32_t n, int socketpairs)
{
	int rc;

	wl.n = 0;
	wl.fds = malloc(2 * (size_t)n * sizeof *wl.fds);
	if (!wl.fds)
		return -ENOMEM;
	for (uint32_t i = 0; i < n; i++) {
		int *p = &wl.fds[2 * (size_t)i];

		/* Both ends non-blocking from the start: no fcntl calls,
		 * so that strace has fewer set-up calls to wade through. */
		if (socketpairs)
			rc = socketpair(AF_UNIX,
					SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
					0, p);
		else
			rc = pipe2(p, O_NONBLOCK | O_CLOEXEC);
		if (rc < 0) {
			rc = -errno;
			wl_close();
			return rc;
		}
		wl.n = i + 1;
	}
	return 0;
}

void wl_close(void)
{
	for (uint32_t i = 0; i < 2 * wl.n; i++)
		close(wl.fds[i]);
	free(wl.fds);
	wl.fds = 0;
	wl.n = 0;
}

int wl_start_round(uint32_t active, uint64_t writes)
{
	/* As libevent's bench: the chains start `space` pipes apart. */
	uint32_t space = wl.n / active;

	wl.count = 0;
	wl.fired = 0;
	wl.failures = 0;
	wl.writes = writes;
	for (uint32_t i = 0; i < active; i++) {
		if (write(wl.fds[2 * (size_t)(i * space) + 1], "e", 1) != 1)
			return -1;
		wl.fired++;
	}
	return 0;
}

/* Out of line on purpose: the standard shape (callback.h). */
void wl_readable(uint32_t idx)
{
	wl_readable_body(idx);
}
