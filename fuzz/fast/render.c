/* /proc/self/fdinfo/<fd> of a model's file, in the kernel's text
 * (fs/proc/fd.c seq_show, then fs/eventpoll.c ep_show_fdinfo for an
 * epoll), so that safepoll's own parser (src/fdinfo.c) and the tools'
 * (trace/fdinfo_tfd.c) read it as they read the kernel's.  Formatted by
 * hand: it is made after every add and mod and at every check, and
 * printf was a tenth of a run. */
#include <errno.h>

#include "shim.h"

/* A trace of FUZZ_OPS_MAX operations makes fewer registrations. */
#define REGS_MAX 256

/* v in base 10 or 16, right-aligned in width (0: as long as it is). */
static char *num(char *p, uint64_t v, unsigned base, int width)
{
	char digits[20];
	int n = 0;

	do {
		digits[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	for (int pad = width - n; pad > 0; pad--)
		*p++ = ' ';
	while (n)
		*p++ = digits[--n];
	return p;
}

static char *str(char *p, const char *s)
{
	while (*s)
		*p++ = *s++;
	return p;
}

/* "tfd: %8d events: %8x data: %16llx  pos:%lli ino:%lx sdev:%x\n", for
 * the values the model has: fd >= 0, pos >= 0 (files are not sought). */
static size_t line(char *buf, const struct fast_reg *r)
{
	char *p = buf;

	p = num(str(p, "tfd: "), (uint64_t)r->fd, 10, 8);
	p = num(str(p, " events: "), r->events, 16, 8);
	p = num(str(p, " data: "), r->data, 16, 16);
	p = num(str(p, "  pos:"), (uint64_t)r->pos, 10, 0);
	p = num(str(p, " ino:"), r->ino, 16, 0);
	p = str(p, " sdev:0\n");
	return (size_t)(p - buf);
}

int fast_fdinfo_render(int fd, struct trace_buf *out)
{
	static struct fast_reg regs[REGS_MAX];
	uint64_t ino = fast_peek_inode(fd);
	char buf[160];
	char *p = buf;
	int n;

	if (!ino)
		return -ENOENT;
	/* The header's values are the kernel's for an anonymous inode's
	 * file; no reader here looks at them. */
	p = str(p, "pos:\t0\nflags:\t02000002\nmnt_id:\t15\nino:\t");
	p = str(num(p, ino, 10, 0), "\n");
	trace_buf_put(out, buf, (size_t)(p - buf));
	n = fast_peek_regs(fd, regs, REGS_MAX);
	if (n > REGS_MAX)
		return -EOVERFLOW;
	for (int j = 0; j < n; j++) {
		if (regs[j].fd < 0 || regs[j].pos < 0)
			return -ERANGE;
		trace_buf_put(out, buf, line(buf, &regs[j]));
	}
	return out->failed ? -ENOMEM : 0;
}
