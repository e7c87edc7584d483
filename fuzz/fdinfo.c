/* The kept fdinfo files of fdinfo.h.  The format read is that of
 * fs/eventpoll.c's ep_show_fdinfo: one "tfd: T events: E data: D ..."
 * line per registration, read by replay_fdinfo_text (with
 * trace/fdinfo_tfd.c, the tools' one parser of those lines). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "fdinfo.h"
#include "hooks.h"

/* Per epoll number below the model's table: its kept file, or 0. */
static int kept[FUZZ_MODEL_NOFILE];

/* The kept file of epfd, opened now if need be; -errno.  Where nothing
 * can be kept (RLIMIT_NOFILE at most FUZZ_MODEL_NOFILE), *once gets an
 * fd the caller closes after reading. */
static int open_kept(int epfd, int *once)
{
	char path[64];
	int fd, high;

	*once = -1;
	if (kept[epfd])
		return kept[epfd];
	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", epfd);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	high = fcntl(fd, F_DUPFD_CLOEXEC, FUZZ_MODEL_NOFILE);
	if (high < 0) {
		*once = fd;
		return fd;
	}
	close(fd);
	kept[epfd] = high;
	return high;
}

/* The whole text, read from offset 0 of a kept file (or -errno).  A
 * read at offset 0 makes seq_file show the file anew (fs/seq_file.c
 * starts over there), so pread needs no lseek to 0 first.  One read is
 * all: fdinfo is one seq_file record (single_open), made whole in the
 * kernel's buffer and copied out as far as it goes, so a read that
 * leaves room in buf has it all, and the read of 0 bytes that would say
 * so is a call saved (a twelfth of a kernel-mode run's calls). */
static int read_all(int fd, char *buf, size_t cap, size_t *len)
{
	ssize_t n;

	do
		n = pread(fd, buf, cap - 1, 0);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	if ((size_t)n == cap - 1)
		return -EOVERFLOW;
	buf[n] = '\0';
	*len = (size_t)n;
	return 0;
}

int fuzz_fdinfo(struct trace_buf *b, int epfd)
{
	/* A trace of FUZZ_OPS_MAX operations registers fewer than 64
	 * files; a line is under 128 bytes. */
	static char text[65536];
	size_t len;
	int fd, r, once;

	if (epfd < 0 || epfd >= FUZZ_MODEL_NOFILE)
		return -EBADF;
	fd = open_kept(epfd, &once);
	if (fd < 0)
		return fd;
	r = read_all(fd, text, sizeof(text), &len);
	if (once >= 0)
		close(once);
	if (r < 0)
		return r;
	return replay_fdinfo_text(b, epfd, text);
}

void fuzz_fdinfo_forget(void)
{
	for (int fd = 0; fd < FUZZ_MODEL_NOFILE; fd++)
		if (kept[fd]) {
			close(kept[fd]);
			kept[fd] = 0;
		}
}
