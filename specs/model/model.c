/* The system calls of a trace, as the kernel's entry points run them
 * (fs/file.c, fs/pipe.c's do_pipe2, net/socket.c, fs/fcntl.c, fs/select.c,
 * fs/read_write.c): descriptor lookups and allocations here, the work in
 * the object files. */
#include <stdio.h>
#include <stdlib.h>

#include "kernel.h"
#include "model_impl.h"

_Noreturn void model_oom(void)
{
	fputs("safepoll model: out of memory\n", stderr);
	abort();
}

struct model *model_new(int nofile)
{
	struct model *m;
	struct mfile *inherited;

	if (nofile < 3)
		return NULL;
	m = calloc(1, sizeof(*m));
	if (!m)
		return NULL;
	m->k = model_kernel_current();
	fdt_init(m, nofile);
	INIT_LIST_HEAD(&m->tfile_check_list);
	inherited = inherited_file_create(m);
	for (int fd = 0; fd < 3; fd++) {
		if (fd)
			get_file(inherited);
		fd_install(m, get_unused_fd(m), inherited);
	}
	return m;
}

void model_free(struct model *m)
{
	if (!m)
		return;
	for (int fd = 0; fd < m->fdt.max_fds; fd++)
		if (m->fdt.fd[fd])
			model_close(m, fd);
	fdt_destroy(m);
	free(m->index.buckets);
	free(m);
}

/* Install a new file at the lowest free number, or drop it (EMFILE). */
static int install_new(struct model *m, struct mfile *f)
{
	int fd = get_unused_fd(m);

	if (fd < 0) {
		fput(f);
		return fd;
	}
	fd_install(m, fd, f);
	return fd;
}

/* epoll_create1(EPOLL_CLOEXEC) */
int model_epoll_create1(struct model *m)
{
	return install_new(m, ep_file_create(m));
}

/* Two new files at two new numbers, the first file at the lower one. */
static int install_pair(struct model *m, struct mfile *files[2], int fds[2])
{
	int fd0 = get_unused_fd(m), fd1;

	if (fd0 < 0)
		goto fail;
	fd1 = get_unused_fd(m);
	if (fd1 < 0) {
		put_unused_fd(m, fd0);
		fd0 = fd1;
		goto fail;
	}
	fd_install(m, fd0, files[0]);
	fd_install(m, fd1, files[1]);
	fds[0] = fd0;
	fds[1] = fd1;
	return 0;
fail:
	fput(files[0]);
	fput(files[1]);
	return fd0;
}

/* pipe2(O_NONBLOCK | O_CLOEXEC): do_pipe2() */
int model_pipe2(struct model *m, int fds[2])
{
	struct mfile *files[2];

	create_pipe_files(m, files);
	return install_pair(m, files, fds);
}

/* socketpair(AF_UNIX, SOCK_STREAM): __sys_socketpair() */
int model_socketpair(struct model *m, int fds[2])
{
	struct mfile *files[2];

	unix_socketpair(m, files);
	return install_pair(m, files, fds);
}

/* eventfd(initval, EFD_NONBLOCK | EFD_CLOEXEC) */
int model_eventfd(struct model *m, unsigned int initval)
{
	return install_new(m, eventfd_file_create(m, initval));
}

/* open("/tmp", O_TMPFILE | O_RDWR | O_NONBLOCK | O_CLOEXEC, 0600) */
int model_tmpfile(struct model *m)
{
	return install_new(m, regfile_create(m));
}

/* fcntl(fd, F_DUPFD_CLOEXEC, 0): f_dupfd() */
int model_dupfd(struct model *m, int fd)
{
	struct mfile *f = fdget(m, fd);
	int nfd;

	if (!f)
		return -EBADF;
	nfd = get_unused_fd(m);
	if (nfd < 0)
		return nfd;
	get_file(f);
	fd_install(m, nfd, f);
	return nfd;
}

/* close(): the file itself goes only with its last descriptor. */
int model_close(struct model *m, int fd)
{
	struct mfile *f = file_close_fd(m, fd);

	if (!f)
		return -EBADF;
	fput(f);
	return 0;
}

static void put_le64(uint8_t b[8], uint64_t v)
{
	for (int i = 0; i < 8; i++, v >>= 8)
		b[i] = (uint8_t)v;
}

static uint64_t get_le64(const uint8_t b[8])
{
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = v << 8 | b[i];
	return v;
}

int64_t model_write_filler(struct model *m, int fd, uint64_t n)
{
	struct mfile *f = fdget(m, fd);
	struct wdata d = {n, NULL};

	if (!f)
		return -EBADF;
	return vfs_write(f, &d);
}

int64_t model_write_value(struct model *m, int fd, uint64_t value)
{
	struct mfile *f = fdget(m, fd);
	uint8_t b[8];
	struct wdata d = {sizeof(b), b};

	if (!f)
		return -EBADF;
	put_le64(b, value);
	return vfs_write(f, &d);
}

int64_t model_write(struct model *m, int fd, uint64_t n)
{
	struct mfile *f = fdget(m, fd);

	if (f && file_is_eventfd(f))
		return model_write_value(m, fd, n);
	return model_write_filler(m, fd, n);
}

int64_t model_read_bytes(struct model *m, int fd, uint64_t n, uint64_t *value)
{
	struct mfile *f = fdget(m, fd);
	uint8_t head[8] = {0};
	int64_t r;

	if (!f)
		return -EBADF;
	r = vfs_read(f, n, head);
	if (value)
		*value = r > 0 ? get_le64(head) : 0;
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

/* shutdown(2): __sys_shutdown() */
int model_shutdown(struct model *m, int fd, int how)
{
	struct mfile *f = fdget(m, fd);

	if (!f)
		return -EBADF;
	return unix_shutdown(f, how);
}

/* fcntl(fd, F_SETPIPE_SZ, bytes): the int argument reaches pipe_fcntl()
 * as an unsigned int. */
int model_setpipe_sz(struct model *m, int fd, int bytes)
{
	struct mfile *f = fdget(m, fd);

	if (!f)
		return -EBADF;
	return (int)pipe_fcntl_setsize(f, (unsigned int)bytes);
}

/* poll(2) of one descriptor with timeout 0: do_pollfd() polls without
 * registering, masks with what was asked plus ERR and HUP, and answers
 * POLLNVAL for a closed number. */
uint32_t model_poll(struct model *m, int fd, uint32_t events)
{
	struct mfile *f;
	poll_table pt = {NULL, 0};
	poll_t filter = (events & 0xffffu) | EPOLLERR | EPOLLHUP;

	if (fd < 0)
		return 0;
	f = fdget(m, fd);
	if (!f)
		return EPOLLNVAL;
	pt.key = filter;
	return vfs_poll(f, &pt) & filter & 0xffffu;
}

int model_epoll_ctl(struct model *m, int ep, int op, int fd, uint32_t events,
		    uint64_t data)
{
	int r = do_epoll_ctl(m, ep, op, fd, events, data);

	m->follow_set = false;
	return r;
}

void model_follow(struct model *m, int result)
{
	m->follow_set = true;
	m->follow = result;
}

int model_epoll_wait(struct model *m, int ep, struct model_event *out, int max,
		     int timeout)
{
	return do_epoll_wait(m, ep, out, max, timeout);
}

int model_interest(const struct model *m, int ep, struct model_reg *out,
		   int max)
{
	const struct mfile *f = fdget(m, ep);

	if (!f)
		return -EBADF;
	if (!f->is_epoll)
		return -EINVAL;
	return ep_list_interest(f, out, max);
}
