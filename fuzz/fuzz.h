/* The differential fuzzer of safepoll: fuzz bytes decoded into a trace of
 * trace/LANGUAGE.md, run through safepoll on the kernel and on the model in
 * lockstep, stopping at the first difference.  The byte format is in
 * decode.c; the checks in run.c; README.md says how to use it. */
#ifndef SAFEPOLL_FUZZ_H
#define SAFEPOLL_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "trace.h"

/* An operation is FUZZ_OP_BYTES bytes: kind, then four operand bytes. */
#define FUZZ_OP_BYTES 5
#define FUZZ_OPS_MAX 64
/* Binding operations (epoll pipe socketpair eventfd file dup). */
#define FUZZ_OBJECTS_MAX 16
#define FUZZ_INPUT_MAX (FUZZ_OPS_MAX * FUZZ_OP_BYTES)
/* Regular files (`file`) among them: epoll refuses them and poll finds
 * them always ready, so two say all there is; each costs ext4 37 us. */
#define FUZZ_FILES_MAX 2
/* A write to one is cut to this: its size only moves the file's offset
 * and size, which a page and one past 64 KiB show as well as the
 * megabytes of the size table, whose pages took a sixth of a run. */
#define FUZZ_FILE_WRITE_MAX 65537

/* The kind byte's canonical values (byte % FUZZ_KINDS picks the kind;
 * the table in format.c gives the common ones more than one value). */
enum fuzz_kind {
	FUZZ_EPOLL,
	FUZZ_PIPE,
	FUZZ_SOCKETPAIR,
	FUZZ_EVENTFD,
	FUZZ_FILE,
	FUZZ_DUP,
	FUZZ_CLOSE,
	FUZZ_WRITE,
	FUZZ_READ,
	FUZZ_SHUTDOWN,
	FUZZ_PIPESIZE,
	FUZZ_POLL,
	FUZZ_ADD,
	FUZZ_MOD,
	FUZZ_DEL,
	FUZZ_WAIT,
	FUZZ_CHECK, /* no operation: the deep checks after the previous one */
	FUZZ_FETCH, /* trace/WRAPPER-WORDS.md */
	FUZZ_EVENT,
	FUZZ_DELCLOSE, /* safepoll_close */
	FUZZ_WAITARRAY, /* safepoll_wait_array */
	FUZZ_INSTANCE, /* an epoll with a small table or old generations */
};
#define FUZZ_KINDS 64
/* Which kinds bind a name, and which of those bind an epoll. */
static inline bool fuzz_binds(enum fuzz_kind k)
{
	return k <= FUZZ_DUP || k == FUZZ_INSTANCE;
}

static inline bool fuzz_makes_epoll(enum fuzz_kind k)
{
	return k == FUZZ_EPOLL || k == FUZZ_INSTANCE;
}

/* `event`'s I: a batch of the fuzzer's few registrations is short. */
#define FUZZ_EVENT_INDICES 8

/* References: a binding makes one, a pipe or a socket pair two. */
#define FUZZ_REFS_MAX (2 * FUZZ_OBJECTS_MAX)

/* What the bytes decode to: the trace, parsed (t; its ops, slots and
 * texts live in the arrays below, so it is never given to trace_free
 * and a program is never copied or moved),
 * its text of one operation a line (no comments), and after which
 * operations the deep checks run (the interest lists and
 * safepoll_check: they read /proc, so they are not run after every
 * operation). */
struct fuzz_program {
	struct trace t;
	struct trace_buf text;
	bool check_after[FUZZ_OPS_MAX];
	struct trace_op ops[FUZZ_OPS_MAX];
	struct trace_slot slots[FUZZ_REFS_MAX];
	char names[FUZZ_REFS_MAX][8]; /* "S16.b" */
	char *lines; /* the text, NUL at each line's end: ops' text */
};

/* Decodes any bytes into a valid trace, parsed and as text.  Returns 0, or -1 when memory ran
 * out.  Bytes past FUZZ_INPUT_MAX are ignored. */
int fuzz_decode(const uint8_t *data, size_t size, struct fuzz_program *p);
/* The same trace without its text (each operation's is ""): what a run
 * needs.  The text is for reports and tools; made in every run it was a
 * tenth of the fast mode's. */
int fuzz_decode_ops(const uint8_t *data, size_t size,
		    struct fuzz_program *p);
void fuzz_program_free(struct fuzz_program *p);

/* The other way, for seeds from corpus/: the bytes that decode to t, as
 * closely as the format allows.  What comes after the FUZZ_OPS_MAXth
 * operation, the FUZZ_OBJECTS_MAXth binding or the FUZZ_FILES_MAXth file
 * is cut, timeouts become 0, a count the format cannot hold is rounded;
 * each such change gets a line in notes.  No checks are asked for: the
 * deep checks run after the last operation anyway, and corpus/ is
 * checked after every operation by `make test-corpus`.  Returns the byte
 * count. */
size_t fuzz_encode(const struct trace *t, uint8_t out[FUZZ_INPUT_MAX],
		   struct trace_buf *notes);

/* Once per process, before the first run: the descriptors the process
 * holds (the fuzzer's own) and SIGPIPE ignored.  Returns 0 or -1. */
int fuzz_setup(void);

/* Runs t through safepoll on the kernel and on the model.  check_after
 * NULL means the deep checks after every operation.  Every timeout must
 * be from 0 to FUZZ_TIMEOUT_MAX (timed.h) ms: a wait through safepoll
 * with one runs under a storm of signals.  Returns 0 when they agree, 1 at the first difference (report
 * says what), -1 when the run itself failed (report says why).  Every
 * descriptor the run opened is closed again. */
int fuzz_run(const struct trace *t, const bool *check_after,
	     struct trace_buf *report);

/* Decode and run: the body of every fuzzer entry point.  On a
 * difference the report (the trace and the differing line) goes to
 * stderr and the process aborts, which the fuzzing engine records. */
void fuzz_one(const uint8_t *data, size_t size);

/* libFuzzer's entry points (also what OSS-Fuzz and AFL++'s driver call). */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
/* libFuzzer's structure-aware mutation (lf_mutator.c, mutate.h). */
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size,
			       unsigned int seed);
size_t LLVMFuzzerCustomCrossOver(const uint8_t *data1, size_t size1,
				 const uint8_t *data2, size_t size2,
				 uint8_t *out, size_t max_out_size,
				 unsigned int seed);

#endif
