/* The "tfd:" lines of an epoll's /proc/self/fdinfo/<epfd>, one per
 * registration, as fs/eventpoll.c's ep_show_fdinfo prints them:
 * "tfd: %8d events: %8x data: %16llx  pos:%lli ino:%lx sdev:%x".
 * The tools' one reader of them (safepoll's own, src/fdinfo.c, is kept
 * apart: it is proved as it stands).  Self-contained, so that the model's
 * kernel shim can link this file without the rest of libtrace. */
#ifndef SAFEPOLL_TRACE_FDINFO_TFD_H
#define SAFEPOLL_TRACE_FDINFO_TFD_H

#include <stddef.h>
#include <stdint.h>

struct trace_tfd {
	int fd;
	uint32_t events;
	uint64_t data;
};

/* "column N: expected ..." fits. */
#define TRACE_TFD_WHY_MAX 128

/* Reads one line of n bytes (without its '\n').  Returns 1 with *out for
 * a registration's line, 0 for any other line (pos:, flags:, mnt_id:,
 * ino:), or -1 for a line that starts with "tfd:" but does not go on as
 * above, with why saying at which column what was expected.  Only the
 * fields up to data are read: no tool needs pos, ino or sdev. */
int trace_fdinfo_tfd(const char *line, size_t n, struct trace_tfd *out,
		     char why[TRACE_TFD_WHY_MAX]);

#endif
