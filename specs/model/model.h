/* The reference model of Linux 6.18 (x86_64) epoll and of the files it
 * watches: an executable restatement of fs/eventpoll.c, fs/pipe.c,
 * fs/eventfd.c and net/unix/af_unix.c, with no system call in it.
 *
 * Every function mirrors one system call as the trace language
 * (trace/LANGUAGE.md) issues it and answers as the kernel would: a
 * non-negative result, or a negative errno value.  Descriptors are the
 * numbers the kernel would hand out (lowest free first; 0, 1 and 2 are
 * taken by files the model does not otherwise know).
 */
#ifndef SAFEPOLL_MODEL_H
#define SAFEPOLL_MODEL_H

#include <stdint.h>

struct model;

/* One event as epoll_wait returns it. */
struct model_event {
	uint32_t events;
	uint64_t data;
};

/* One registration as /proc/self/fdinfo/<epfd> lists it. */
struct model_reg {
	int fd;
	uint32_t events;
	uint64_t data;
};

/* What a wait that would block for ever returns: nothing is ready and
 * the timeout is negative.  Not an errno value. */
#define MODEL_BLOCKS_FOREVER (-100000)

/* nofile: RLIMIT_NOFILE, the first number that cannot be a descriptor
 * (at least 3).  NULL when out of memory.  The model aborts if memory
 * runs out later: it cannot mirror an ENOMEM of the kernel. */
struct model *model_new(int nofile);

/* The kernel every model made from now on describes: a release "X.Y"
 * (5.10 or later; newer than 6.18 is 6.18) with Debian's configuration.
 * -1 for a release the model does not know.  Without a call, the running
 * kernel (uname). */
int model_set_linux(const char *release);
/* "X.Y" of the kernel the model describes. */
const char *model_linux(void);
void model_free(struct model *m);

int model_epoll_create1(struct model *m); /* EPOLL_CLOEXEC */
int model_pipe2(struct model *m, int fds[2]); /* O_NONBLOCK */
int model_socketpair(struct model *m, int fds[2]); /* AF_UNIX, SOCK_STREAM */
int model_eventfd(struct model *m, unsigned int initval); /* EFD_NONBLOCK */
int model_tmpfile(struct model *m); /* O_TMPFILE|O_RDWR */
int model_dupfd(struct model *m, int fd); /* F_DUPFD_CLOEXEC, 0 */
int model_close(struct model *m, int fd);

/* write(2) of n filler bytes; on an eventfd, of the 8-byte value n.
 * "On an eventfd" means the file now at fd is one.  A trace decides by
 * the NAME instead (LANGUAGE.md), and the two differ once a number is reused
 * by another kind of file: a replay should call model_write_value for an
 * eventfd name and model_write_filler for any other, which say exactly
 * what goes to the kernel. */
int64_t model_write(struct model *m, int fd, uint64_t n);
/* read(2) of up to n bytes (an eventfd takes n >= 8 and gives 8); the
 * first 8 bytes read go to *value, which for an eventfd is its counter.
 * A trace reads through an eventfd NAME with n = 8 (model_read_value). */
int64_t model_read(struct model *m, int fd, uint64_t n, uint64_t *value);

/* write(2) of the 8 bytes of value (little-endian), whatever fd is. */
int64_t model_write_value(struct model *m, int fd, uint64_t value);
/* write(2) of n filler bytes ('x'), whatever fd is. */
int64_t model_write_filler(struct model *m, int fd, uint64_t n);
/* read(2) into an 8-byte buffer, whatever fd is; *value (may be NULL)
 * gets the bytes read, little-endian, zero above them. */
int64_t model_read_value(struct model *m, int fd, uint64_t *value);
/* read(2) of up to n bytes, whatever fd is; *value (may be NULL) gets the
 * first up to 8 bytes read, as model_read_value. */
int64_t model_read_bytes(struct model *m, int fd, uint64_t n, uint64_t *value);
int model_shutdown(struct model *m, int fd, int how); /* SHUT_RD/WR/RDWR */
int model_setpipe_sz(struct model *m, int fd, int bytes); /* new capacity */

/* poll(2) of one fd with timeout 0: the revents (POLLNVAL for a closed
 * number, 0 for a negative one).  events holds POLL* bits only. */
uint32_t model_poll(struct model *m, int fd, uint32_t events);

int model_epoll_ctl(struct model *m, int ep, int op, int fd, uint32_t events,
		    uint64_t data);
/* What the kernel answered (0 or a negative errno value) to the call the
 * next model_epoll_ctl mirrors, from a checker that has seen it.  Where
 * the kernel's answer depends on what nothing can predict, the model
 * follows it; elsewhere it is ignored.  One place so far: on 5.10 an
 * epoll added above a chain that reaches one epoll by paths of different
 * lengths is too deep (ELOOP) or not (any other answer) as the order of
 * file addresses has it (ep_ctl.c).  Without a call the model answers as
 * its own order (by time of insertion) has it. */
void model_follow(struct model *m, int result);
/* Fills out[0..n-1] and returns n, or a negative errno value, or
 * MODEL_BLOCKS_FOREVER.  A positive timeout with nothing ready gives 0.
 * n is at most max and at most the number of registrations of ep. */
int model_epoll_wait(struct model *m, int ep, struct model_event *out, int max,
		     int timeout);

/* The interest list of ep, as fdinfo would list it.  The kernel orders it
 * by file address, which nothing can predict, so the order here is by fd
 * and callers compare the lists as sets.  Returns the count (which may
 * exceed max; only max are stored) or a negative errno value. */
int model_interest(const struct model *m, int ep, struct model_reg *out,
		   int max);

#endif
