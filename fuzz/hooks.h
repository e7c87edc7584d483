/* What the harness changes in the replay's engines, at link time
 * (-Wl,--wrap=SYMBOL, see mk/fuzz.mk), so that they run in a fuzzer's
 * process as they run in safepoll-replay's, and fast enough:
 *
 *  - model_new: the model gets a table of at most FUZZ_MODEL_NOFILE
 *    numbers (a trace of FUZZ_OPS_MAX operations opens at most twice as
 *    many; a table the size of RLIMIT_NOFILE costs more than the run),
 *    and every number the process held at setup is reserved in it
 *    (model_reserve): the fuzzer's own files are not only 0, 1 and 2.
 *  - replay_kernel_new / replay_kernel_free: one set of the raw engine's
 *    buffers (8 MiB of filler and sink, made once) serves every run.
 *  - replay_fdinfo: read through fdinfo.h's kept files (the wrapper
 *    engine reads fdinfo after every add and mod to learn safepoll's
 *    tokens; the open-read-close was most of a run's time).
 *  - safepoll_new: the harness learns each instance the wrapper engine
 *    makes, to call safepoll_check on it and count its orphans.
 *
 * Each hook counts its calls, so that a run notices when the link lost
 * one (the engines would then run, unhooked, and answer differently). */
#ifndef SAFEPOLL_FUZZ_HOOKS_H
#define SAFEPOLL_FUZZ_HOOKS_H

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "replay.h"
#include "safepoll.h"

#define FUZZ_MODEL_NOFILE 1024
/* Events the shared raw buffer holds: the most an engine asks for. */
#define FUZZ_KERNEL_EVCAP REPLAY_EVENTS_SPARE

struct model *__real_model_new(int nofile);
struct model *__wrap_model_new(int nofile);
struct replay_kernel *__real_replay_kernel_new(size_t evcap);
struct replay_kernel *__wrap_replay_kernel_new(size_t evcap);
void __real_replay_kernel_free(struct replay_kernel *k);
void __wrap_replay_kernel_free(struct replay_kernel *k);
int __wrap_replay_fdinfo(struct trace_buf *b, int epfd);
int __real_safepoll_new(struct safepoll **out, uint32_t capacity,
			uint32_t flags);
int __wrap_safepoll_new(struct safepoll **out, uint32_t capacity,
			uint32_t flags);

/* Which numbers below FUZZ_MODEL_NOFILE the process holds now; the
 * lowest free one.  Returns 0, or -1 if 0, 1 or 2 is not open. */
int fuzz_hooks_scan(void);
int fuzz_hooks_lowest_free(void);
bool fuzz_hooks_reserved(int fd);

/* Sets each pf[j].revents to POLLNVAL when pf[j].fd holds nothing, to
 * anything else when it holds a file (0 for a negative fd: not asked).
 * The events asked are 0. */
void fuzz_hooks_probe(struct pollfd *pf, size_t n);

/* The safepoll instances made since the last reset, in order. */
void fuzz_hooks_reset(void);
size_t fuzz_hooks_instances(struct safepoll *const **v);

/* Calls of each hook so far: model_new, replay_kernel_new, safepoll_new. */
struct fuzz_hook_calls {
	uint64_t model_new, kernel_new, safepoll_new;
};
struct fuzz_hook_calls fuzz_hooks_calls(void);

#endif
