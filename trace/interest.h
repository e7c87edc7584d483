/* Interest lists as the tools pass them to each other in text: per
 * registration " EP:TFD:EVENTS:DATA" (decimal fds, hex events and data),
 * and " EP:error:ERRNO" for an epoll whose list the model could not give.
 * Written and read only here, so that both ends agree on the form: the
 * kernel's lists (replay_fdinfo) and the model's (replay_model_interest)
 * are read back by --check, the fuzzer's deep check and the wrapper's
 * map of tokens. */
#ifndef SAFEPOLL_TRACE_INTEREST_H
#define SAFEPOLL_TRACE_INTEREST_H

#include "trace.h"

struct trace_interest {
	int ep, tfd;
	uint32_t events;
	uint64_t data;
	bool error; /* "EP:error:ERRNO": only ep is set */
	const char *text; /* the item as written, len bytes */
	size_t len;
};

void trace_interest_put(struct trace_buf *b, int ep, int tfd, uint32_t events,
			uint64_t data);
/* The item of an epoll whose list failed with errno value err. */
void trace_interest_put_error(struct trace_buf *b, int ep, int err);

/* Reads the item at *s (after the spaces before it) of the list that
 * starts at list, and moves *s past it.  Returns 1 with *it, 0 at the
 * end of the list (or a NULL one), or -1 for text of neither form, with
 * why saying at which column of the list what was expected. */
int trace_interest_next(const char *list, const char **s,
			struct trace_interest *it, char why[TRACE_ERR_MAX]);

#endif
