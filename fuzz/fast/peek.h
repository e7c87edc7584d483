/* What the shim needs of the model beyond model.h: its one instance, the
 * table operations of dup3, which file a number holds and which file a
 * registration is on (fdinfo's ino).  Apart from shim.h because the
 * model's kernel.h defines the EPOLL and SHUT constants that libc's
 * headers define too: peek.c includes the model's headers only. */
#ifndef SAFEPOLL_FUZZ_FAST_PEEK_H
#define SAFEPOLL_FUZZ_FAST_PEEK_H

#include <stdbool.h>
#include <stdint.h>

/* The one model every call goes to, made at the first call: like the
 * process's kernel it lives as long as the process, and each run must
 * leave it as it found it (run.c checks that, as it does the kernel). */
struct model *fast_model(void);

/* Whether a file is open at fd. */
bool fast_peek_open(int fd);
/* fs/file.c do_dup2 once ksys_dup3 checked its arguments: oldfd's file
 * at newfd, newfd's old file closed after.  Returns newfd, or -EBADF. */
int fast_peek_dup2(int oldfd, int newfd);
/* RLIMIT_NOFILE of the model. */
int fast_peek_nofile(void);

/* The inode the file at fd is on (0: nothing open there), as fstat's
 * st_ino: the one anonymous inode of every epoll and eventfd
 * (fs/anon_inodes.c), a pipe's own (both ends), a socket's own, a
 * regular file's own.  track.c's replay_same_inode says the same. */
uint64_t fast_peek_inode(int fd);

/* One registration as ep_show_fdinfo prints it. */
struct fast_reg {
	int fd;
	uint32_t events;
	uint64_t data;
	int64_t pos;
	uint64_t ino; /* of the file registered, which fd may no longer hold */
};
/* The registrations of the epoll at ep, in the model's order; returns
 * their count (only max stored), 0 for a number that holds no epoll. */
int fast_peek_regs(int ep, struct fast_reg *out, int max);
/* Whether fd holds an epoll. */
bool fast_peek_is_epoll(int fd);

#endif
