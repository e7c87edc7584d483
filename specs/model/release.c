/* Which kernel the model describes: struct model_kernel, one switch per
 * behaviour that changed between the kernels safepoll is checked on
 * (Debian's 5.10, 6.1 and 6.12, and the reference 6.18).  Each switch is
 * named for what it changes and set from the release that changed it, so
 * a release in between (6.6, say) gets every switch it should. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "kernel.h"
#include "model_impl.h"

/* X.Y as one number: 6.9 -> 609. */
#define KV(x, y) ((x) * 100 + (y))

static struct model_kernel selected;
static bool chosen;

static void set_switches(struct model_kernel *k, int v)
{
	/* fs/eventfd.c eventfd_write(): a count other than 8 is EINVAL from
	 * 6.9 (commit 325e56e9236e, "eventfd: strictly check the count
	 * parameter of eventfd_write"); before, any count >= 8 wrote the
	 * first 8 bytes. */
	k->eventfd_write_exact = v >= KV(6, 9);
	/* fs/eventpoll.c do_epoll_wait(): a closed epfd is EBADF before a bad
	 * maxevents is EINVAL from 6.18 (seen on 6.18; 6.12 and older check
	 * maxevents first, ep_check_params() before fdget()). */
	k->wait_ebadf_first = v >= KV(6, 18);
	/* fs/eventpoll.c ep_loop_check(): the chain below and above the
	 * epoll added to counts since the upwards check of commit
	 * f2e467a48287 ("eventpoll: Fix semi-unbounded recursion", 6.17,
	 * backported to 6.1.y and 6.12.y); Debian's 5.10 still walks
	 * ep_call_nested() downwards only, and its reverse_path_check()
	 * refuses an over-deep chain with EINVAL. */
	k->nest_upwards_check = v >= KV(5, 11);
	/* fs/pipe.c anon_pipe_read(): writers are woken only when a read
	 * frees a slot of a full pipe from 6.14 (commit aaec5a95d596,
	 * "pipe_read: don't wake up the writer if the pipe is still full");
	 * before, any read of a full pipe woke them, so an edge-triggered
	 * writer was queued earlier and its place in the ready list differs
	 * (seen on 5.10 and 6.1: corpus/pipe-et-writer-wake-full-read). */
	k->pipe_read_wakes_on_free = v >= KV(6, 14);
}

int model_kernel_parse(const char *release, struct model_kernel *k)
{
	int x, y, v;
	char tail;

	memset(k, 0, sizeof(*k));
	if (sscanf(release, "%d.%d%c", &x, &y, &tail) < 2 || x < 0 || y < 0 ||
	    y > 99)
		return -1;
	v = KV(x, y);
	if (v < KV(5, 10))
		return -1; /* older kernels were never checked */
	snprintf(k->release, sizeof(k->release), "%d.%d", x, y);
	set_switches(k, v);
	/* Debian's kernels are built with CONFIG_PM_SLEEP; the reference
	 * machine's is not (EPOLLWAKEUP dropped). */
	k->pm_sleep = true;
	return 0;
}

int model_set_linux(const char *release)
{
	struct model_kernel k;

	if (model_kernel_parse(release, &k) < 0)
		return -1;
	selected = k;
	chosen = true;
	return 0;
}

/* The running kernel: its release from uname(2), and CONFIG_PM_SLEEP from
 * /sys/power/wakeup_count, which exists only with it (kernel/power/main.c). */
const struct model_kernel *model_kernel_current(void)
{
	struct utsname u;

	if (chosen)
		return &selected;
	if (uname(&u) < 0 || model_kernel_parse(u.release, &selected) < 0)
		model_kernel_parse("6.18", &selected);
	selected.pm_sleep = access("/sys/power/wakeup_count", F_OK) == 0;
	chosen = true;
	return &selected;
}

const char *model_linux(void)
{
	return model_kernel_current()->release;
}
