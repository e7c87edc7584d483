/* /proc/self/fdinfo/<fd> of a model's file, in the kernel's text
 * (fs/proc/fd.c seq_show, then fs/eventpoll.c ep_show_fdinfo for an
 * epoll), so that safepoll's own parser (src/fdinfo.c) and the tools'
 * (trace/fdinfo_tfd.c) read it as they read the kernel's. */
#include <errno.h>

#include "shim.h"

/* A trace of FUZZ_OPS_MAX operations makes fewer registrations. */
#define REGS_MAX 256

int fast_fdinfo_render(int fd, struct trace_buf *out)
{
	static struct fast_reg regs[REGS_MAX];
	uint64_t ino = fast_peek_inode(fd);
	int n;

	if (!ino)
		return -ENOENT;
	/* The header's values are the kernel's for an anonymous inode's
	 * file; no reader here looks at them. */
	trace_buf_printf(out, "pos:\t0\nflags:\t02000002\nmnt_id:\t15\n"
			      "ino:\t%llu\n", (unsigned long long)ino);
	n = fast_peek_regs(fd, regs, REGS_MAX);
	if (n > REGS_MAX)
		return -EOVERFLOW;
	for (int j = 0; j < n; j++)
		trace_buf_printf(out,
				 "tfd: %8d events: %8x data: %16llx  pos:%lli "
				 "ino:%llx sdev:%x\n",
				 regs[j].fd, regs[j].events,
				 (unsigned long long)regs[j].data,
				 (long long)regs[j].pos,
				 (unsigned long long)regs[j].ino, 0u);
	return out->failed ? -ENOMEM : 0;
}
