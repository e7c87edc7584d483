/* Result lines: "TOKENS => RESULT", as LANGUAGE.md's "What a replay prints" says. */
#include <inttypes.h>

#include "trace.h"

void trace_print_result(struct trace_buf *b, const struct trace_result *r)
{
	switch (r->kind) {
	case TRACE_R_OK: trace_buf_puts(b, "ok"); break;
	case TRACE_R_COUNT: trace_buf_printf(b, "%" PRId64, r->count); break;
	case TRACE_R_VALUE:
		trace_buf_printf(b, "%" PRId64 " value=%" PRIu64, r->count,
				 r->value);
		break;
	case TRACE_R_ERRNO: trace_buf_puts(b, trace_errno_name(r->err)); break;
	case TRACE_R_POLL: trace_events_print(b, r->revents); break;
	case TRACE_R_WAIT:
		if (r->nev == 0)
			trace_buf_puts(b, "none");
		for (size_t i = 0; i < r->nev; i++) {
			if (i > 0)
				trace_buf_puts(b, " ");
			trace_buf_puts(b, r->ev[i].label);
			trace_buf_puts(b, "=");
			trace_events_print(b, r->ev[i].events);
		}
		break;
	}
}

void trace_print_line(struct trace_buf *b, const struct trace_op *op,
		      const struct trace_result *r)
{
	trace_buf_puts(b, op->text);
	trace_buf_puts(b, " => ");
	trace_print_result(b, r);
}
