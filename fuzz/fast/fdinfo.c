/* fuzz_fdinfo (fuzz/fdinfo.h) of the fast mode: the interest list of an
 * epoll of the shim's model, rendered as the kernel's fdinfo text and
 * read back by the same parser as the kernel's (replay_fdinfo_text), so
 * that the text the shim gives safepoll is read by a second parser too.
 * In place of fuzz/fdinfo.c, whose kept /proc files are the kernel's. */
#include <errno.h>

#include "fdinfo.h"
#include "replay.h"
#include "shim.h"

int fuzz_fdinfo(struct trace_buf *b, int epfd)
{
	static struct trace_buf text;
	int r;

	trace_buf_clear(&text);
	r = fast_fdinfo_render(epfd, &text);
	if (r < 0)
		return r;
	return replay_fdinfo_text(b, epfd, text.s);
}

/* Nothing is kept open. */
void fuzz_fdinfo_forget(void)
{
}
