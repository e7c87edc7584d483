/* struct model: the state of one simulated process (its descriptor table)
 * and the kernel globals that fs/eventpoll.c keeps. */
#ifndef SPMODEL_MODEL_IMPL_H
#define SPMODEL_MODEL_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "kernel.h"
#include "model_kernel.h"

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

struct model {
	const struct model_kernel *k;
	struct fdtable fdt;
	struct ep_index index;
	/* fs/eventpoll.c globals */
	uint64_t loop_check_gen;
	struct eventpoll *inserting_into;
	struct list_head tfile_check_list;
	int path_count[EP_PATH_ARR_SIZE];
	/* model_follow(): the kernel's answer to the next epoll_ctl, for
	 * where the kernel leaves it to chance. */
	bool follow_set;
	int follow;
};

/* Allocation failure: the model cannot mirror ENOMEM of the kernel it
 * describes, so it stops. */
_Noreturn void model_oom(void);

#endif
