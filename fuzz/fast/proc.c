/* The pseudo files of /proc/self/fdinfo/N.  The text is made when the
 * file is opened or sought back to 0, as the kernel's seq_file makes it
 * at the read from 0; nothing changes in between in its one reader
 * (sp_check_kernel, which opens, reads to the end and closes). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "shim.h"

#define PROC_FILES 4

struct proc_file {
	bool open;
	int fd; /* whose fdinfo */
	struct trace_buf text;
	size_t pos;
};

static struct proc_file files[PROC_FILES];

static struct proc_file *file_of(int pfd)
{
	int j = pfd - FAST_PROC_BASE;

	if (j < 0 || j >= PROC_FILES || !files[j].open)
		return NULL;
	return &files[j];
}

bool fast_proc_is(int fd)
{
	return file_of(fd) != NULL;
}

static int render(struct proc_file *p)
{
	trace_buf_clear(&p->text);
	p->pos = 0;
	return fast_fdinfo_render(p->fd, &p->text);
}

int fast_proc_open(const char *path)
{
	const char *digits = path + strlen("/proc/self/fdinfo/");
	char *end;
	long fd = strtol(digits, &end, 10);

	if (end == digits || *end || fd < 0 || fd > 0x7fffffff)
		return (int)fast_sys(-ENOENT);
	for (int j = 0; j < PROC_FILES; j++) {
		struct proc_file *p = &files[j];
		int r;

		if (p->open)
			continue;
		p->fd = (int)fd;
		if ((r = render(p)) < 0)
			return (int)fast_sys(r);
		p->open = true;
		return FAST_PROC_BASE + j;
	}
	return (int)fast_sys(-EMFILE);
}

int fast_proc_close(int pfd)
{
	struct proc_file *p = file_of(pfd);

	if (!p)
		return (int)fast_sys(-EBADF);
	p->open = false;
	return 0;
}

ssize_t fast_proc_read(int pfd, void *buf, size_t n)
{
	struct proc_file *p = file_of(pfd);
	size_t left;

	if (!p)
		return (ssize_t)fast_sys(-EBADF);
	left = p->text.len - p->pos;
	if (n > left)
		n = left;
	memcpy(buf, p->text.s + p->pos, n);
	p->pos += n;
	return (ssize_t)n;
}

off_t fast_proc_lseek(int pfd, off_t off, int whence)
{
	struct proc_file *p = file_of(pfd);
	int r;

	if (!p)
		return (off_t)fast_sys(-EBADF);
	if (whence != SEEK_SET || off != 0)
		return (off_t)fast_sys(-EINVAL);
	if ((r = render(p)) < 0)
		return (off_t)fast_sys(r);
	return 0;
}
