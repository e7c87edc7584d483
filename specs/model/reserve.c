/* model_reserve(): a number taken before the model starts, by a file it
 * does not know (the fuzzer's own descriptors).  The table is filled the
 * way the kernel fills it, lowest number first, and the numbers below fd
 * are given back, so the table ends as if only fd had been opened. */
#include "kernel.h"
#include "model_impl.h"
#include "model_reserve.h"

int model_reserve(struct model *m, int fd)
{
	int got;

	if (fd < 0 || fd >= m->fdt.max_fds)
		return -EBADF;
	if (fdget(m, fd))
		return 0;
	got = get_unused_fd(m);
	if (got < 0)
		return got;
	if (got < fd) {
		/* Held until fd is reached, so that the next lowest free
		 * number comes up; the depth is at most fd. */
		int r = model_reserve(m, fd);

		put_unused_fd(m, got);
		return r;
	}
	if (got > fd) { /* cannot be: fd was free, and got is the lowest */
		put_unused_fd(m, got);
		return -EBADF;
	}
	fd_install(m, got, inherited_file_create(m));
	return 0;
}
