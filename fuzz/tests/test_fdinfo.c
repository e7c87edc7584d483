/* The harness's fdinfo read (fuzz/fdinfo.c: a kept file, one pread)
 * gives what the tools' read gives (replay/fdinfo.c: open, read to the
 * end, close), for interest lists of one line to many pages, and an
 * error, not a list cut short, past its buffer.  One pread is enough
 * only because fdinfo is one seq_file record; this is where a kernel
 * that split it would show.
 * Usage: test_fdinfo   (exit status 0 when all hold) */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <unistd.h>

#include "fdinfo.h"
#include "check.h"

int __real_replay_fdinfo(struct trace_buf *b, int epfd);

static int failures;

/* Registers eventfds in ep until it has n; returns how many it has. */
static int grow(int ep, int *fds, int have, int n)
{
	for (; have < n; have++) {
		struct epoll_event ev = { .events = EPOLLIN,
					  .data.u64 = 0x1000u + (unsigned)have };

		fds[have] = eventfd(0, EFD_CLOEXEC);
		if (fds[have] < 0 ||
		    epoll_ctl(ep, EPOLL_CTL_ADD, fds[have], &ev) < 0)
			break;
	}
	return have;
}

static void same_list(int ep, int n)
{
	struct trace_buf kept = { 0 }, whole = { 0 };
	int r = fuzz_fdinfo(&kept, ep), w = __real_replay_fdinfo(&whole, ep);

	CHECK(r == 0 && w == 0, "%d registrations: read %d, whole %d", n, r,
	      w);
	CHECK(kept.len == whole.len &&
		      (kept.len == 0 || memcmp(kept.s, whole.s, kept.len) == 0),
	      "%d registrations: %zu bytes of list, the whole read %zu", n,
	      kept.len, whole.len);
	trace_buf_free(&kept);
	trace_buf_free(&whole);
}

int main(void)
{
	static int fds[1000];
	struct trace_buf b = { 0 };
	struct rlimit rl;
	int ep = epoll_create1(EPOLL_CLOEXEC), have = 0, r;
	const int sizes[] = { 0, 1, 40, 200, 600 };

	CHECK(ep >= 0, "epoll_create1: %s", strerror(errno));
	for (size_t i = 0; ep >= 0 && i < sizeof(sizes) / sizeof(*sizes);
	     i++) {
		have = grow(ep, fds, have, sizes[i]);
		CHECK(have == sizes[i], "only %d eventfds registered", have);
		same_list(ep, have);
	}
	/* Past the 64 KiB buffer (about 850 lines of 77 bytes): an error,
	 * never a list cut short.  Only where the numbers allow so many. */
	if (ep >= 0 && getrlimit(RLIMIT_NOFILE, &rl) == 0 &&
	    rl.rlim_cur > 1100) {
		have = grow(ep, fds, have, 1000);
		r = fuzz_fdinfo(&b, ep);
		CHECK(have == 1000 && r == -EOVERFLOW,
		      "%d registrations: read %d, not -EOVERFLOW", have, r);
	}
	trace_buf_free(&b);
	for (int i = 0; i < have; i++)
		close(fds[i]);
	if (ep >= 0)
		close(ep);
	fuzz_fdinfo_forget();
	if (failures)
		fprintf(stderr, "test_fdinfo: %d failures\n", failures);
	else
		printf("test_fdinfo: one pread reads lists of 0 to %d "
		       "registrations as the whole read does\n",
		       sizes[sizeof(sizes) / sizeof(*sizes) - 1]);
	return failures != 0;
}
