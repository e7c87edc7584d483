/* The trace language, version 1 (trace/LANGUAGE.md): its parser and the
 * printer of its result lines.  No I/O here: a trace is parsed from a
 * buffer, errors come back as text, lines are built in memory; what to
 * read, where to print and how to exit is the caller's policy.
 */
#ifndef SAFEPOLL_TRACE_H
#define SAFEPOLL_TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* LANGUAGE.md's limit on N outside an eventfd. */
#define TRACE_N_MAX 4194304u
/* The most events `fetch` keeps and `event` reaches: SAFEPOLL_BATCH. */
#define TRACE_BATCH 128u
#define TRACE_NAME_MAX 31
/* `instance`'s largest ROOM: safepoll's SAFEPOLL_CAPACITY_MAX. */
#define TRACE_ROOM_MAX (1u << 24)

enum trace_kind {
	TRACE_EPOLL,
	TRACE_PIPE,
	TRACE_SOCKETPAIR,
	TRACE_EVENTFD,
	TRACE_FILE,
	TRACE_DUP,
	TRACE_CLOSE,
	TRACE_WRITE,
	TRACE_READ,
	TRACE_SHUTDOWN,
	TRACE_PIPESIZE,
	TRACE_POLL,
	TRACE_ADD,
	TRACE_MOD,
	TRACE_DEL,
	TRACE_WAIT,
	/* Wrapper words (trace/WRAPPER-WORDS.md): safepoll's batch. */
	TRACE_FETCH,
	TRACE_EVENT,
	TRACE_DELCLOSE,
	TRACE_WAITARRAY,
	TRACE_INSTANCE,
};

/* An FD reference, resolved when the trace is parsed.  At run time each
 * slot holds the one descriptor number its binding operation got. */
struct trace_slot {
	char *ref; /* as written: "E", "P.r", "S.b" */
	bool eventfd; /* bound by `eventfd`, or by `dup` of an eventfd */
};

struct trace_op {
	enum trace_kind kind;
	unsigned line;
	char *text; /* the line's tokens joined by single spaces */
	int bind; /* first slot bound (a pipe or socket pair binds
			     bind and bind + 1: .r/.w, .a/.b), or -1 */
	int fd; /* slot of the FD operand, or -1 */
	int ep; /* slot of the EP operand, or -1 */
	bool eventfd; /* fd is an eventfd reference */
	uint64_t n; /* N, INIT or BYTES */
	int how; /* shutdown: SHUT_RD, SHUT_WR or SHUT_RDWR */
	uint32_t events; /* EVENTS (for poll, the POLL* bits only) */
	int max; /* wait, fetch: MAX; event: I */
	int timeout; /* wait: TIMEOUT, 0 when absent */
	uint32_t room, gen; /* instance: ROOM and GEN */
};

struct trace {
	char *file;
	struct trace_op *ops;
	size_t nops;
	struct trace_slot *slots;
	size_t nslots;
	size_t nadds; /* how many `add` lines: a bound on what can be ready */
};

/* The message buffer trace_parse fills; "FILE:LINE: expected ..." fits. */
#define TRACE_ERR_MAX 320

/* trace_parse: parses buf[0 .. len - 1] (the contents of `file`) into *t.
 * Returns 0, or -1 for a malformed trace with err holding
 * "FILE:LINE: what was expected", or -2 when memory ran out.  On error
 * *t is left empty. */
int trace_parse(struct trace *t, const char *file, const char *buf, size_t len,
		char err[TRACE_ERR_MAX]);
void trace_free(struct trace *t);

/* A growable string; `failed` is set (and the text frozen) when memory
 * runs out, so callers check once at the end. */
struct trace_buf {
	char *s;
	size_t len;
	size_t cap;
	bool failed;
};

void trace_buf_put(struct trace_buf *b, const char *s, size_t n);
void trace_buf_puts(struct trace_buf *b, const char *s);
/* v in base 10 or 16 (lower-case digits, no prefix); v in decimal with
 * its sign.  By hand, not by printf: the fuzzer writes numbers in every
 * run, where printf was a twentieth of its fast mode. */
void trace_buf_put_u(struct trace_buf *b, uint64_t v, unsigned base);
void trace_buf_put_i(struct trace_buf *b, int64_t v);
void trace_buf_printf(struct trace_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void trace_buf_clear(struct trace_buf *b);
void trace_buf_free(struct trace_buf *b);

/* EVENTS: `none`, or words joined by `|`.  Returns 0 and the EPOLL* mask,
 * or -1 and in *bad the offset of the first word that is not one. */
int trace_events_parse(const char *s, size_t n, uint32_t *mask, size_t *bad);
/* Appends mask in LANGUAGE.md's order of words, unknown bits as 0x<hex>, or
 * `none` for 0. */
void trace_events_print(struct trace_buf *b, uint32_t mask);
/* The bits only epoll_ctl knows (exclusive wakeup oneshot et). */
uint32_t trace_epoll_only_bits(void);
/* The bits EVENTS has words for (safepoll's SAFEPOLL_EVENTS); any other
 * is written as its 0x word, in add and mod only. */
uint32_t trace_word_bits(void);

/* The name of errno value e ("EAGAIN"); never NULL. */
const char *trace_errno_name(int e);

/* What an operation gave, in the form LANGUAGE.md prints. */
enum trace_result_kind {
	TRACE_R_OK, /* `ok` */
	TRACE_R_COUNT, /* a byte count or a pipe capacity */
	TRACE_R_VALUE, /* an eventfd read: `8 value=V` */
	TRACE_R_ERRNO, /* the errno name */
	TRACE_R_POLL, /* revents */
	TRACE_R_WAIT, /* LABEL=events ..., or `none` */
};

struct trace_event {
	const char *label;
	uint32_t events;
};

struct trace_result {
	enum trace_result_kind kind;
	int64_t count;
	uint64_t value;
	int err;
	uint32_t revents;
	const struct trace_event *ev;
	size_t nev;
};

/* Appends op's line and result: "TOKENS => RESULT" (no newline). */
void trace_print_line(struct trace_buf *b, const struct trace_op *op,
		      const struct trace_result *r);
/* Appends only the result part. */
void trace_print_result(struct trace_buf *b, const struct trace_result *r);

#endif
