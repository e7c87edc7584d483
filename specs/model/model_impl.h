/* struct model: the state of one simulated process (its descriptor table)
 * and the kernel globals that fs/eventpoll.c keeps. */
#ifndef SPMODEL_MODEL_IMPL_H
#define SPMODEL_MODEL_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "kernel.h"

/* fs/file.c's struct fdtable: open_fds with the full_fds_bits summary
 * (one bit per full word), so the lowest free number is found in a few
 * word scans. */
struct fdtable {
	int nofile; /* RLIMIT_NOFILE */
	int max_fds; /* the table's current size, a power of two */
	struct mfile **fd;
	uint64_t *open_fds;
	uint64_t *full_fds_bits;
	int next_fd;
};

/* The (epoll, file, fd) -> epitem index that stands in for each epoll's
 * red-black tree: a chained hash over the whole model. */
struct ep_index {
	struct list_head *buckets;
	size_t nbuckets;
	size_t count;
};

#define EP_PATH_ARR_SIZE 5

/* The behaviours that depend on the kernel's release or configuration
 * (release.c says which release changed each). */
struct model_kernel {
	char release[16]; /* "X.Y" */
	bool pm_sleep; /* CONFIG_PM_SLEEP: EPOLLWAKEUP is kept */
	bool eventfd_write_exact; /* write(2) of other than 8 bytes: EINVAL */
	bool wait_ebadf_first; /* epoll_wait: EBADF before bad maxevents */
	bool nest_upwards_check; /* ep_loop_check counts epolls above too */
	bool pipe_read_wakes_on_free; /* only a read freeing a slot wakes */
};

int model_kernel_parse(const char *release, struct model_kernel *k);
const struct model_kernel *model_kernel_current(void);

struct model {
	const struct model_kernel *k;
	struct fdtable fdt;
	struct ep_index index;
	/* fs/eventpoll.c globals */
	uint64_t loop_check_gen;
	struct eventpoll *inserting_into;
	struct list_head tfile_check_list;
	int path_count[EP_PATH_ARR_SIZE];
};

/* Allocation failure: the model cannot mirror ENOMEM of the kernel it
 * describes, so it stops. */
_Noreturn void model_oom(void);

#endif
