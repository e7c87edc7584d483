/* The kernel engine: each operation as the system call LANGUAGE.md's table
 * names, on the numbers the trace's names are bound to. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include "replay.h"

struct replay_kernel {
	char *filler; /* TRACE_N_MAX bytes of 'x' */
	char *sink; /* TRACE_N_MAX bytes for reads */
	struct epoll_event *events;
};

static int64_t sys(int64_t r)
{
	return r < 0 ? -errno : r;
}

struct wait_call {
	int ep, max, timeout;
	struct epoll_event *events;
	int64_t ret;
};

static void do_wait(void *arg)
{
	struct wait_call *w = arg;

	w->ret = sys(epoll_wait(w->ep, w->events, w->max, w->timeout));
}

static void kernel_wait(struct replay_engine *e, const struct trace_op *op,
			int ep, struct replay_outcome *o)
{
	struct replay_kernel *k = e->raw;
	struct wait_call w = {ep, op->max, op->timeout, k->events, 0};

	/* MAX goes to the kernel as written: the buffer holds as many
	 * events as there can be registrations, so no MAX overruns it. */
	if (op->timeout < 0) {
		if (replay_deadline(e->block_seconds, do_wait, &w)) {
			o->blocked = true;
			return;
		}
	} else {
		do_wait(&w);
	}
	o->ret = w.ret;
	for (int64_t j = 0; j < w.ret; j++) {
		e->ev[j].data = k->events[j].data.u64;
		e->ev[j].events = k->events[j].events;
	}
	o->nev = w.ret > 0 ? (size_t)w.ret : 0;
}

static void kernel_ctl(const struct replay_engine *e, size_t i, int ep, int fd,
		       struct replay_outcome *o)
{
	const struct trace_op *op = &e->track.t->ops[i];
	struct epoll_event ev = {.events = op->events};
	int how = op->kind == TRACE_ADD	  ? EPOLL_CTL_ADD
		  : op->kind == TRACE_MOD ? EPOLL_CTL_MOD
					  : EPOLL_CTL_DEL;

	ev.data.u64 = op->kind == TRACE_MOD ? replay_mod_data(&e->track, i) : i;
	if (e->raw_data)
		ev.data.u64 = REPLAY_RAW_DATA(ev.data.u64);
	o->ret = sys(epoll_ctl(ep, how, fd, &ev));
}

static void kernel_io(struct replay_kernel *k, const struct trace_op *op,
		      int fd, struct replay_outcome *o)
{
	uint64_t v = op->n;

	if (op->kind == TRACE_WRITE) {
		o->ret = op->eventfd ? sys(write(fd, &v, sizeof(v)))
				     : sys(write(fd, k->filler, op->n));
		return;
	}
	if (op->eventfd) {
		v = 0;
		o->ret = sys(read(fd, &v, sizeof(v)));
		o->value = v;
		return;
	}
	o->ret = sys(read(fd, k->sink, op->n));
}

const char *replay_file_dir = "/tmp";

int replay_kernel_raw(struct replay_engine *e, size_t i,
		      struct replay_outcome *o)
{
	struct replay_kernel *k = e->raw;
	const struct trace_op *op = &e->track.t->ops[i];
	int fd = replay_fd(&e->track, op->fd),
	    ep = replay_fd(&e->track, op->ep);
	struct pollfd pfd;

	switch (op->kind) {
	case TRACE_EPOLL:
	case TRACE_INSTANCE:
		o->ret = sys(o->fds[0] = epoll_create1(EPOLL_CLOEXEC));
		break;
	case TRACE_PIPE:
		o->ret = sys(pipe2(o->fds, O_NONBLOCK | O_CLOEXEC));
		break;
	case TRACE_SOCKETPAIR:
		o->ret = sys(socketpair(
			AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0,
			o->fds));
		break;
	case TRACE_EVENTFD:
		o->ret = sys(o->fds[0] = eventfd((unsigned)op->n,
						 EFD_NONBLOCK | EFD_CLOEXEC));
		break;
	case TRACE_FILE:
		o->ret = sys(o->fds[0] = open(replay_file_dir,
					      O_TMPFILE | O_RDWR | O_NONBLOCK |
						      O_CLOEXEC,
					      0600));
		break;
	case TRACE_DUP:
		o->ret = sys(o->fds[0] = fcntl(fd, F_DUPFD_CLOEXEC, 0));
		break;
	case TRACE_CLOSE: o->ret = sys(close(fd)); break;
	case TRACE_WRITE:
	case TRACE_READ: kernel_io(k, op, fd, o); break;
	case TRACE_SHUTDOWN: o->ret = sys(shutdown(fd, op->how)); break;
	case TRACE_PIPESIZE:
		o->ret = sys(fcntl(fd, F_SETPIPE_SZ, (int)op->n));
		break;
	case TRACE_POLL:
		pfd = (struct pollfd){.fd = fd, .events = (short)op->events};
		o->ret = sys(poll(&pfd, 1, 0));
		o->revents = (uint16_t)pfd.revents;
		break;
	case TRACE_ADD:
	case TRACE_MOD:
	case TRACE_DEL: kernel_ctl(e, i, ep, fd, o); break;
	case TRACE_WAIT: kernel_wait(e, op, ep, o); break;
	case TRACE_FETCH:
	case TRACE_WAITARRAY: {
		struct trace_op f = *op;

		f.max = replay_fetch_max(op->max);
		kernel_wait(e, &f, ep, o);
		break;
	}
	case TRACE_EVENT:
		replay_batch_event(e, ep, (uint32_t)op->max, o);
		break;
	case TRACE_DELCLOSE:
		o->ret = sys(epoll_ctl(ep, EPOLL_CTL_DEL, fd, NULL));
		if (replay_delclose_closes(o->ret))
			o->ret = sys(close(fd));
		break;
	}
	return 0;
}

static int kernel_op(struct replay_engine *e, size_t i,
		     struct replay_outcome *o)
{
	const struct trace_op *op = &e->track.t->ops[i];

	replay_kernel_raw(e, i, o);
	if (o->blocked)
		return 0;
	if ((op->kind == TRACE_WAIT || op->kind == TRACE_FETCH ||
	     op->kind == TRACE_WAITARRAY) &&
	    replay_batch_keep(e, replay_fd(&e->track, op->ep), e->ev,
			      replay_batch_len(o)) < 0)
		return -1;
	return replay_track_apply(&e->track, i, o);
}

void replay_kernel_free(struct replay_kernel *k)
{
	if (!k)
		return;
	free(k->filler);
	free(k->sink);
	free(k->events);
	free(k);
}

struct replay_kernel *replay_kernel_new(size_t evcap)
{
	struct replay_kernel *k = calloc(1, sizeof(*k));

	if (!k)
		return NULL;
	k->filler = malloc(TRACE_N_MAX);
	k->sink = malloc(TRACE_N_MAX);
	k->events = calloc(evcap, sizeof(*k->events));
	if (!k->filler || !k->sink || !k->events) {
		replay_kernel_free(k);
		return NULL;
	}
	memset(k->filler, 'x', TRACE_N_MAX);
	return k;
}

static void kernel_fini(struct replay_engine *e)
{
	replay_kernel_free(e->raw);
	e->raw = NULL;
}

int replay_kernel_init(struct replay_engine *e, const struct trace *t)
{
	if (replay_engine_setup(e, t, "kernel") < 0)
		return -1;
	e->op = kernel_op;
	e->fini = kernel_fini;
	e->raw = replay_kernel_new(e->evcap);
	return e->raw ? 0 : -1;
}
