/* Which kernel the model describes: the behaviours that changed between
 * the kernels safepoll is checked on, one named switch each (release.c
 * sets them from the release and says which release or commit changed
 * each).  Public so that a test can expect what the kernel it runs on
 * answers, from the same switches the model follows, rather than from a
 * release number of its own. */
#ifndef SPMODEL_MODEL_KERNEL_H
#define SPMODEL_MODEL_KERNEL_H

#include <stdbool.h>

struct model_kernel {
	char release[16]; /* "X.Y" */
	bool pm_sleep; /* CONFIG_PM_SLEEP: EPOLLWAKEUP is kept */
	bool eventfd_write_exact; /* write(2) of other than 8 bytes: EINVAL */
	bool wait_ebadf_first; /* epoll_wait: EBADF before bad maxevents */
	bool nest_upwards_check; /* ep_loop_check counts epolls above too */
	bool pipe_read_wakes_on_free; /* only a read freeing a slot wakes */
};

/* "X.Y[...]" into k, Debian's configuration; -1 before 5.10 or unparsed. */
int model_kernel_parse(const char *release, struct model_kernel *k);
/* The kernel set by model_set_linux(), else the running one. */
const struct model_kernel *model_kernel_current(void);

#endif
