/* The kernel's own list of an epoll's registrations: the "tfd:" lines of
 * /proc/self/fdinfo/<epfd> (fs/eventpoll.c: ep_show_fdinfo). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fdinfo_tfd.h"
#include "interest.h"
#include "replay.h"

static int slurp(int fd, struct trace_buf *text)
{
	char chunk[4096];
	ssize_t n;

	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		trace_buf_put(text, chunk, (size_t)n);
	}
	return text->failed ? -ENOMEM : 0;
}

int replay_fdinfo_text(struct trace_buf *b, int epfd, const char *text)
{
	unsigned n = 1;

	for (const char *line = text; *line; n++) {
		const char *nl = strchrnul(line, '\n');
		struct trace_tfd reg;
		char why[TRACE_TFD_WHY_MAX];
		int r = trace_fdinfo_tfd(line, (size_t)(nl - line), &reg, why);

		if (r < 0) {
			fprintf(stderr, "/proc/self/fdinfo/%d:%u: %s\n", epfd,
				n, why);
			return -EPROTO;
		}
		if (r > 0)
			trace_interest_put(b, epfd, reg.fd, reg.events,
					   reg.data);
		line = *nl ? nl + 1 : nl;
	}
	return b->failed ? -ENOMEM : 0;
}

int replay_fdinfo(struct trace_buf *b, int epfd)
{
	struct trace_buf text = {0};
	char path[64];
	int fd, r;

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", epfd);
	/* Opened and closed at once: the next number the trace gets is
	 * the one it would have got without us. */
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	r = slurp(fd, &text);
	close(fd);
	if (r == 0 && text.s)
		r = replay_fdinfo_text(b, epfd, text.s);
	trace_buf_free(&text);
	return r;
}
