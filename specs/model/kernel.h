/* What the model's files share: the kernel's constants, wait queues, poll
 * tables and struct file, each cut down to what epoll can observe.  Names
 * follow the kernel (include/linux/wait.h, poll.h, fs.h) so that a reader
 * can hold each model file beside the kernel file it restates. */
#ifndef SPMODEL_KERNEL_H
#define SPMODEL_KERNEL_H

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>

#include "list.h"
#include "model.h"

typedef uint32_t poll_t;

/* include/uapi/linux/eventpoll.h and asm-generic/poll.h, x86_64 values. */
#define EPOLLIN 0x00000001u
#define EPOLLPRI 0x00000002u
#define EPOLLOUT 0x00000004u
#define EPOLLERR 0x00000008u
#define EPOLLHUP 0x00000010u
#define EPOLLNVAL 0x00000020u
#define EPOLLRDNORM 0x00000040u
#define EPOLLRDBAND 0x00000080u
#define EPOLLWRNORM 0x00000100u
#define EPOLLWRBAND 0x00000200u
#define EPOLLMSG 0x00000400u
#define EPOLLRDHUP 0x00002000u
#define EPOLLEXCLUSIVE (1u << 28)
#define EPOLLWAKEUP (1u << 29)
#define EPOLLONESHOT (1u << 30)
#define EPOLLET (1u << 31)

#define EPOLL_CTL_ADD 1
#define EPOLL_CTL_DEL 2
#define EPOLL_CTL_MOD 3

#define SHUT_RD 0
#define SHUT_WR 1
#define SHUT_RDWR 2

#define PAGE_SIZE 4096u
#define PAGE_SHIFT 12

/* ---- wait queues (kernel/sched/wait.c) ---------------------------- */

struct wait_queue_entry;
/* key 0 stands for the kernel's NULL key: "no event mask given". */
typedef int (*wait_queue_func_t)(struct wait_queue_entry *wq, poll_t key);

#define WQ_FLAG_EXCLUSIVE 0x01u

struct wait_queue_entry {
	unsigned int flags;
	wait_queue_func_t func;
	struct list_head entry;
};

struct wait_queue_head {
	struct list_head head;
};

void init_waitqueue_head(struct wait_queue_head *wq);
void add_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *e);
void add_wait_queue_exclusive(struct wait_queue_head *wq,
			      struct wait_queue_entry *e);
void remove_wait_queue(struct wait_queue_entry *e);
bool waitqueue_active(const struct wait_queue_head *wq);
void wake_up_key(struct wait_queue_head *wq, int nr_exclusive, poll_t key);

/* The kernel's wake_up_* macros, by what each passes: nr_exclusive 1 and
 * a key, or all waiters (nr_exclusive 0) and no key.  The "sync" and
 * "interruptible" variants differ only to the scheduler. */
#define wake_up_poll(wq, key) wake_up_key((wq), 1, (key))
#define wake_up_interruptible_sync_poll(wq, key) wake_up_key((wq), 1, (key))
#define wake_up_interruptible(wq) wake_up_key((wq), 1, 0)
#define wake_up_interruptible_all(wq) wake_up_key((wq), 0, 0)

/* ---- poll tables (include/linux/poll.h) --------------------------- */

struct mfile;
struct poll_table_struct;
typedef void (*poll_queue_proc)(struct mfile *f, struct wait_queue_head *wh,
				struct poll_table_struct *pt);

typedef struct poll_table_struct {
	poll_queue_proc qproc; /* NULL: poll without registering */
	poll_t key;
} poll_table;

static inline void poll_wait(struct mfile *f, struct wait_queue_head *wh,
			     poll_table *pt)
{
	if (pt && pt->qproc && wh)
		pt->qproc(f, wh, pt);
}

/* ---- struct file (include/linux/fs.h, fs/file_table.c) ------------- */

#define FMODE_READ 0x1u
#define FMODE_WRITE 0x2u

/* Data a write(2) carries: n filler bytes ('x'), or (lit != NULL) the n
 * <= 8 bytes at lit, for a write of an 8-byte value. */
struct wdata {
	uint64_t n;
	const uint8_t *lit;
};

struct file_operations {
	/* read(2) of up to n bytes; the first 8 bytes read go to head. */
	int64_t (*read)(struct mfile *f, uint64_t n, uint8_t head[8]);
	int64_t (*write)(struct mfile *f, const struct wdata *d);
	poll_t (*poll)(struct mfile *f, poll_table *pt);
	/* ->release, once the last descriptor is gone. */
	void (*release)(struct mfile *f);
};

struct model;

struct mfile {
	const struct file_operations *f_op;
	unsigned int f_mode;
	long f_count; /* descriptors that hold it */
	struct list_head f_ep; /* epitems watching it (fllink) */
	void *private_data;
	int64_t f_pos;
	bool is_epoll;
	struct model *m;
	/* ep_loop_check()'s tfile_check_list, for files that are not epolls */
	struct list_head tfile_link;
	bool tfile_listed;
};

struct mfile *alloc_file(struct model *m, const struct file_operations *fop,
			 unsigned int mode, void *private_data);
void get_file(struct mfile *f);
void fput(struct mfile *f);
poll_t vfs_poll(struct mfile *f, poll_table *pt);
bool file_can_poll(const struct mfile *f);
int64_t vfs_read(struct mfile *f, uint64_t n, uint8_t head[8]);
int64_t vfs_write(struct mfile *f, const struct wdata *d);

/* ---- the descriptor table (fs/file.c) ------------------------------ */

void fdt_init(struct model *m, int nofile);
void fdt_destroy(struct model *m);
int get_unused_fd(struct model *m);
int fd_take(struct model *m, int fd);
void put_unused_fd(struct model *m, int fd);
void fd_install(struct model *m, int fd, struct mfile *f);
struct mfile *fdget(const struct model *m, int fd);
struct mfile *file_close_fd(struct model *m, int fd);

/* ---- objects: constructors and fcntl/shutdown entry points --------- */

struct mfile *ep_file_create(struct model *m);
int create_pipe_files(struct model *m, struct mfile *res[2]);
int unix_socketpair(struct model *m, struct mfile *res[2]);
struct mfile *eventfd_file_create(struct model *m, unsigned int count);
struct mfile *regfile_create(struct model *m);
/* The placeholder behind descriptors 0, 1 and 2. */
struct mfile *inherited_file_create(struct model *m);

long pipe_fcntl_setsize(struct mfile *f, unsigned int arg);
int unix_shutdown(struct mfile *f, int how);
bool file_is_socket(const struct mfile *f);
bool file_is_eventfd(const struct mfile *f);

/* ---- fs/eventpoll.c ------------------------------------------------ */

void eventpoll_release_file(struct mfile *f);
int do_epoll_ctl(struct model *m, int epfd, int op, int fd, uint32_t events,
		 uint64_t data);
int do_epoll_wait(struct model *m, int epfd, struct model_event *out,
		  int maxevents, int timeout);
int ep_list_interest(const struct mfile *f, struct model_reg *out, int max);

#endif
