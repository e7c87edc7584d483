/* safepoll-replay's parts: the engines that carry out a trace's operations
 * (the kernel, the model, safepoll), the bookkeeping each keeps of what it
 * was told, and the runs that print and compare their lines. */
#ifndef SAFEPOLL_REPLAY_H
#define SAFEPOLL_REPLAY_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "trace.h"

/* Exit statuses. */
#define REPLAY_OK 0
#define REPLAY_DIFF 1 /* --check found a difference */
#define REPLAY_BAD 2 /* a malformed trace, a bad argument */
#define REPLAY_BLOCKED 3 /* a wait with a negative timeout never ended */
#define REPLAY_FAILED 4 /* the replay itself failed (memory, fork, ...) */

/* How long a wait that blocks for ever is given before the replay ends. */
#define REPLAY_BLOCK_SECONDS 10u

/* The largest MAX the event buffer is sized for beyond what can be ready. */
#define REPLAY_EVENTS_SPARE 4096

/* One event a wait returned: the data of its registration (for safepoll,
 * what its udata carries) and its events. */
struct replay_event {
	uint64_t data;
	uint32_t events;
};

/* What an operation did, the same for every engine. */
struct replay_outcome {
	int64_t ret; /* >= 0, or a negative errno value */
	int fds[2]; /* the descriptors a binding operation made */
	uint64_t value; /* an eventfd read's counter */
	uint32_t revents; /* poll */
	size_t nev; /* wait: how many events in the run's buffer */
	uint64_t dropped; /* wait through safepoll: dead events dropped */
	bool blocked; /* a wait that would block for ever */
};

/* The bookkeeping of one engine, from its own results: which descriptor
 * each FD reference was bound to, which open file each number holds, and
 * which registration (epoll file, target file, fd number) a label id
 * belongs to.  Files are numbered from 1 as they are made; 0 = none. */
struct replay_track {
	const struct trace *t;
	int *slotfd; /* per slot: its number, or -1 */
	uint32_t *file_of; /* per fd number: its file, or 0 */
	size_t nfds;
	uint8_t *kind; /* per file: enum replay_file_kind */
	uint32_t *inode; /* per file: its inode, named by a file on it (0: the
			  * anonymous inode); see replay_same_inode */
	size_t nfiles;
	uint32_t next_file;
	int max_fd; /* the highest number ever given out */
	struct regkey *regs; /* open addressing, see track.c */
	size_t regs_cap;
	size_t regs_count;
};

int replay_track_init(struct replay_track *tk, const struct trace *t);
void replay_track_free(struct replay_track *tk);
enum replay_file_kind {
	REPLAY_NO_FILE,
	REPLAY_EPOLL,
	REPLAY_EVENTFD,
	REPLAY_OTHER
};

/* The number a slot's reference names now (-1 if its binding failed). */
int replay_fd(const struct replay_track *tk, int slot);
uint32_t replay_file(const struct replay_track *tk, int fd);
enum replay_file_kind replay_file_kind(const struct replay_track *tk, int fd);
/* Records what operation i did.  Returns 0, or -1 when memory ran out. */
int replay_track_apply(struct replay_track *tk, size_t i,
		       const struct replay_outcome *o);
/* The file of the registration labelled id that the kernel keys on
 * ep's file and number fd (made by an add: it may be gone since, by a
 * del or its file's release), or 0 if no add made one. */
uint32_t replay_reg_file(const struct replay_track *tk, int ep, int fd,
			 uint64_t id);
/* Whether files a and b (0: none) are on one inode: what fstat and
 * fdinfo's ino and sdev can tell apart. */
bool replay_same_inode(const struct replay_track *tk, uint32_t a, uint32_t b);
/* The data to give a `mod` (operation i): the label id of the
 * registration it reaches, or i itself if it reaches none. */
uint64_t replay_mod_data(const struct replay_track *tk, size_t i);
/* The lowest number holding each epoll file, in increasing order: calls
 * fn(arg, fd) for each; stops at and returns fn's first non-zero result. */
int replay_each_epoll(const struct replay_track *tk,
		      int (*fn)(void *arg, int fd), void *arg);

/* The label a registration's data stands for: the FD reference its `add`
 * named, or "0x<hex>" (in scratch) for data no `add` gave. */
const char *replay_label(const struct trace *t, uint64_t data,
			 char scratch[24]);

/* An engine carries out operation i of its trace, records it in its
 * track, and fills *o (wait events go to ev, which holds evcap). */
/* A raw registration's data: its label id above slot 0xffffffff, which
 * no safepoll table has (SP_NIL), so that no generation, however near
 * the top a trace starts it (`instance`), makes it one of safepoll's
 * live tokens. */
#define REPLAY_RAW_DATA(id) ((uint64_t)(id) << 32 | 0xffffffffu)
#define REPLAY_RAW_ID(data) ((data) >> 32)
#define REPLAY_IS_RAW(data) ((uint32_t)(data) == 0xffffffffu)

struct replay_engine {
	const char *name;
	struct replay_track track;
	struct replay_event *ev;
	size_t evcap;
	struct trace_event *tev; /* evcap of them, for printing */
	char (*scratch)[24]; /* evcap labels for unknown data */
	unsigned block_seconds; /* a wait's grace before it counts as blocked */
	struct replay_kernel *raw; /* for the system calls it makes itself */
	/* Raw add and mod data as REPLAY_RAW_DATA(id), not the label id:
	 * the wrapper engine's, whose epolls also hold safepoll's tokens. */
	bool raw_data;
	struct replay_batch *batches; /* see replay_batch_keep */
	size_t nbatches;
	void *state;
	int (*op)(struct replay_engine *e, size_t i, struct replay_outcome *o);
	void (*fini)(struct replay_engine *e);
};

int replay_kernel_init(struct replay_engine *e, const struct trace *t);
int replay_model_init(struct replay_engine *e, const struct trace *t);
int replay_wrapper_init(struct replay_engine *e, const struct trace *t);
void replay_engine_fini(struct replay_engine *e);

/* The wrapper words' batch (trace/WRAPPER-WORDS.md).  After a wait or a
 * fetch on number ep: keeps the first TRACE_BATCH of its n events (label
 * ids) as the batch of the epoll file ep holds.  Returns 0, or -1 when
 * memory ran out. */
int replay_batch_keep(struct replay_engine *e, int ep,
		      const struct replay_event *ev, size_t n);
/* The events of outcome o, as a wait's batch (none when it failed). */
size_t replay_batch_len(const struct replay_outcome *o);
/* `event EP I`: event i of that batch into e->ev[0] (ret 1), or -ENOENT
 * past its end. */
void replay_batch_event(struct replay_engine *e, int ep, uint32_t i,
			struct replay_outcome *o);
/* `delclose` (safepoll_close): after the delete answered del_ret,
 * whether the fd is closed all the same (0, ENOENT, EPERM). */
bool replay_delclose_closes(int64_t del_ret);
/* The kernel's limit on a wait's count (fs/eventpoll.c EP_MAX_EVENTS). */
#define REPLAY_EP_MAX_EVENTS ((int)(INT_MAX / 12))
/* A fetch's MAX as safepoll_wait passes it: at most TRACE_BATCH, but a
 * count the kernel refuses as it is. */
int replay_fetch_max(int max);
/* Shared by the engines: what every engine needs once, at init. */
int replay_engine_setup(struct replay_engine *e, const struct trace *t,
			const char *name);

/* The raw system calls of the kernel engine (on e->raw), for the wrapper
 * to reuse on everything it does not send through safepoll. */
struct replay_kernel *replay_kernel_new(size_t evcap);
/* Where `file` makes its nameless file: "/tmp", as LANGUAGE.md says.
 * The fuzzer points it at a tmpfs when it can: the same kind of file
 * (regular, empty, no poll of its own), made for an eighth of what an
 * ext4 /tmp costs (57 us against 7 us here). */
extern const char *replay_file_dir;
void replay_kernel_free(struct replay_kernel *k);
int replay_kernel_raw(struct replay_engine *e, size_t i,
		      struct replay_outcome *o);

/* --check's view into the engines: the wrapper's safepoll invariant
 * (appends a note per failing instance; returns how many failed) and the
 * model's interest lists (as replay_fdinfo prints the kernel's). */
int replay_wrapper_check(struct replay_engine *e, struct trace_buf *notes);
int replay_model_interest(struct replay_engine *e, struct trace_buf *b);
/* The kernel answered ret (0 or a negative errno value) to operation i,
 * an add: the model engine follows it where the kernel leaves the answer
 * to chance (model_follow in specs/model/model.h).  Called before the
 * model runs i. */
void replay_model_follow(struct replay_engine *e, size_t i, int ret);

/* Runs fn(arg) and reports whether it was still running after `seconds`
 * (it is then abandoned: the caller must end the run). */
bool replay_deadline(unsigned seconds, void (*fn)(void *arg), void *arg);
void replay_signals_init(void);

/* Appends operation i's result line as engine e saw it. */
void replay_line(struct trace_buf *b, const struct replay_engine *e, size_t i,
		 const struct replay_outcome *o);

/* The kernel's interest list of epoll fd `epfd`, from
 * /proc/self/fdinfo: appends an item of trace/interest.h per
 * registration.  Returns 0 or a negative errno value. */
int replay_fdinfo(struct trace_buf *b, int epfd);

/* The same from fdinfo text already read (NUL-terminated): one item per
 * "tfd:" line (trace/fdinfo_tfd.h), other lines skipped.  Returns 0,
 * -ENOMEM when b could not grow, or -EPROTO for a "tfd:" line it cannot
 * read, said on stderr (which line, which column, what was expected). */
int replay_fdinfo_text(struct trace_buf *b, int epfd, const char *text);

/* Compares the kernel's interest lists with the model's (both as
 * trace/interest.h writes them); appends a "! model: interest ..." note
 * per epoll fd where they differ.  Returns how many, or -1: no memory, or
 * a list that is not of that form (said on stderr: which list, where). */
int replay_compare_interest(const struct trace *t, const char *kernel,
			    const char *model, struct trace_buf *notes);

/* The wrapper's (epoll file, safepoll token) -> label id map.  safepoll's
 * dead token (UINT64_MAX: a mod of a number it has no record of) is one
 * datum for every registration it gives it, so it maps to the first
 * one's label, and `dead` holds the labels of all that hold it now. */
struct replay_tokens {
	struct token *v;
	size_t cap, n;
	struct dead_label *dead;
	size_t ndead, deadcap;
};

/* After an add or mod through safepoll on epfd (whose file is `file`):
 * maps the new token of fd's registration to label id, and leaves it in
 * *token (untouched when none is new); a dead token puts id among the
 * file's dead labels, a live one takes it out. */
int replay_tokens_learn(struct replay_tokens *m, uint32_t file, int epfd,
			int fd, uint64_t id, uint64_t *token);
/* The token the wrapper engine's last add or mod through safepoll that
 * succeeded left in the kernel (learnt from fdinfo, not from safepoll's
 * table). */
uint64_t replay_wrapper_token(const struct replay_engine *e);
/* The table the wrapper engine gives the safepoll instance that epoll or
 * instance op makes. */
uint32_t replay_wrapper_room(const struct trace *t, const struct trace_op *op);
bool replay_tokens_find(const struct replay_tokens *m, uint32_t file,
			uint64_t token, uint64_t *id);
/* Whether label id's registration on the epoll file holds the dead
 * token: a raw wait's events of such registrations cannot be told apart
 * (each prints as the first one's label). */
bool replay_tokens_dead(const struct replay_tokens *m, uint32_t file,
			uint64_t id);
/* The same for the wrapper engine's epoll at descriptor ep. */
bool replay_wrapper_dead_label(const struct replay_engine *e, int ep,
			       uint64_t id);
/* Whether the wrapper engine's operation i, a wait, fetch, waitarray or
 * event, went to the kernel raw, not through safepoll: its epoll's
 * instance lost its number, or the batch an event reads was fetched raw. */
bool replay_wrapper_raw(const struct replay_engine *e, size_t i);
/* Whether event a of the wrapper engine's wait on ep is event b (of
 * another engine, labelled alike): the same bits and label, or, raw,
 * two labels of registrations that hold the dead token, which the one
 * datum cannot tell apart. */
bool replay_wrapper_same_event(const struct replay_engine *e, int ep,
			       bool raw, const struct replay_event *a,
			       const struct replay_event *b);
void replay_tokens_free(struct replay_tokens *m);

/* Whether safepoll's answer ret to operation op is one of its own
 * refusals, made without the kernel's word: an add or mod with a bit
 * outside SAFEPOLL_EVENTS (-EINVAL), or no slot for it (-ENOSPC). */
bool replay_wrapper_own(const struct trace_op *op, int64_t ret);

/* Whether safepoll's line wl for operation op agrees with the kernel's
 * kl: equal, one of safepoll's own refusals, or for a wait, the kernel's events with exactly `dropped`
 * of them left out (dead ones safepoll dropped), in the same order. */
bool replay_wrapper_agrees(const struct trace_op *op, const char *kl,
			   const char *wl, uint64_t dropped);

/* One mode over one trace, printing to stdout; the exit status. */
int replay_run(const struct trace *t,
	       int (*init)(struct replay_engine *, const struct trace *),
	       bool snapshots);
int replay_check(const struct trace *t);

#endif
