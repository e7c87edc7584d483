/* The model engine: each operation asked of the model of
 * specs/model/model.h, which answers as the kernel would, without a
 * system call. */
#include <errno.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/epoll.h>

#include "interest.h"
#include "model.h"
#include "replay.h"

struct model_engine {
	struct model *m;
	struct model_event *events;
	struct model_reg *regs;
	size_t nregs;
	size_t follow_op; /* replay_model_follow: operation + 1, or 0 */
	int follow;
};

static void model_wait(struct replay_engine *e, const struct trace_op *op,
		       int ep, struct replay_outcome *o)
{
	struct model_engine *me = e->state;
	int r = model_epoll_wait(me->m, ep, me->events, op->max, op->timeout);

	if (r == MODEL_BLOCKS_FOREVER) {
		o->blocked = true;
		return;
	}
	/* No more can be ready than there are registrations. */
	if (r > 0 && (size_t)r > e->evcap)
		r = -ENOBUFS;
	o->ret = r;
	for (int j = 0; j < r; j++) {
		e->ev[j].data = me->events[j].data;
		e->ev[j].events = me->events[j].events;
	}
	o->nev = r > 0 ? (size_t)r : 0;
}

static void model_ctl(struct replay_engine *e, size_t i, int ep, int fd,
		      struct replay_outcome *o)
{
	struct model_engine *me = e->state;
	const struct trace_op *op = &e->track.t->ops[i];
	int how = op->kind == TRACE_ADD	  ? EPOLL_CTL_ADD
		  : op->kind == TRACE_MOD ? EPOLL_CTL_MOD
					  : EPOLL_CTL_DEL;
	uint64_t data =
		op->kind == TRACE_MOD ? replay_mod_data(&e->track, i) : i;

	if (me->follow_op == i + 1)
		model_follow(me->m, me->follow);
	me->follow_op = 0;
	o->ret = model_epoll_ctl(me->m, ep, how, fd,
				 op->kind == TRACE_DEL ? 0 : op->events, data);
}

/* The trace decides by the reference, not by the file the number holds
 * now (LANGUAGE.md): through an eventfd name, the 8 bytes of a value; through
 * any other, filler bytes.  model.h's _value and _filler/_bytes calls say
 * exactly that, whatever file is at fd (an eventfd's number may be a
 * pipe's by now, and the other way round). */
static void model_io(struct replay_engine *e, const struct trace_op *op, int fd,
		     struct replay_outcome *o)
{
	struct model *m = ((struct model_engine *)e->state)->m;

	if (op->kind == TRACE_WRITE)
		o->ret = op->eventfd ? model_write_value(m, fd, op->n)
				     : model_write_filler(m, fd, op->n);
	else
		o->ret = op->eventfd
				 ? model_read_value(m, fd, &o->value)
				 : model_read_bytes(m, fd, op->n, &o->value);
}

/* A call that makes one descriptor: its number, or the error. */
static void made(struct replay_outcome *o, int r)
{
	o->ret = r < 0 ? r : 0;
	o->fds[0] = r;
}

static int model_op(struct replay_engine *e, size_t i, struct replay_outcome *o)
{
	struct model_engine *me = e->state;
	struct model *m = me->m;
	const struct trace_op *op = &e->track.t->ops[i];
	int fd = replay_fd(&e->track, op->fd),
	    ep = replay_fd(&e->track, op->ep);

	switch (op->kind) {
	case TRACE_EPOLL:
	case TRACE_INSTANCE: made(o, model_epoll_create1(m)); break;
	case TRACE_PIPE: o->ret = model_pipe2(m, o->fds); break;
	case TRACE_SOCKETPAIR: o->ret = model_socketpair(m, o->fds); break;
	case TRACE_EVENTFD: made(o, model_eventfd(m, (unsigned)op->n)); break;
	case TRACE_FILE: made(o, model_tmpfile(m)); break;
	case TRACE_DUP: made(o, model_dupfd(m, fd)); break;
	case TRACE_CLOSE: o->ret = model_close(m, fd); break;
	case TRACE_WRITE:
	case TRACE_READ: model_io(e, op, fd, o); break;
	case TRACE_SHUTDOWN: o->ret = model_shutdown(m, fd, op->how); break;
	case TRACE_PIPESIZE:
		o->ret = model_setpipe_sz(m, fd, (int)op->n);
		break;
	case TRACE_POLL: o->revents = model_poll(m, fd, op->events); break;
	case TRACE_ADD:
	case TRACE_MOD:
	case TRACE_DEL: model_ctl(e, i, ep, fd, o); break;
	case TRACE_WAIT: model_wait(e, op, ep, o); break;
	case TRACE_FETCH:
	case TRACE_WAITARRAY: {
		struct trace_op f = *op;

		f.max = replay_fetch_max(op->max);
		model_wait(e, &f, ep, o);
		break;
	}
	case TRACE_EVENT:
		replay_batch_event(e, ep, (uint32_t)op->max, o);
		break;
	case TRACE_DELCLOSE:
		o->ret = model_epoll_ctl(m, ep, EPOLL_CTL_DEL, fd, 0, 0);
		if (replay_delclose_closes(o->ret))
			o->ret = model_close(m, fd);
		break;
	}
	if (o->blocked)
		return 0;
	if ((op->kind == TRACE_WAIT || op->kind == TRACE_FETCH ||
	     op->kind == TRACE_WAITARRAY) &&
	    replay_batch_keep(e, ep, e->ev, replay_batch_len(o)) < 0)
		return -1;
	return replay_track_apply(&e->track, i, o);
}

static int append_interest(void *arg, int fd);

struct interest_walk {
	struct replay_engine *e;
	struct trace_buf *b;
};

int replay_model_interest(struct replay_engine *e, struct trace_buf *b)
{
	struct interest_walk walk = {e, b};

	return replay_each_epoll(&e->track, append_interest, &walk);
}

static int append_interest(void *arg, int fd)
{
	struct interest_walk *walk = arg;
	struct model_engine *me = walk->e->state;
	int n = model_interest(me->m, fd, me->regs, (int)me->nregs);

	if (n > 0 && (size_t)n > me->nregs) {
		struct model_reg *regs =
			realloc(me->regs, (size_t)n * sizeof(*regs));

		if (!regs)
			return -ENOMEM;
		me->regs = regs;
		me->nregs = (size_t)n;
		n = model_interest(me->m, fd, me->regs, n);
	}
	if (n < 0) {
		trace_interest_put_error(walk->b, fd, -n);
		return 0;
	}
	for (int j = 0; j < n && (size_t)j < me->nregs; j++)
		trace_interest_put(walk->b, fd, me->regs[j].fd,
				   me->regs[j].events, me->regs[j].data);
	return 0;
}

static void model_fini(struct replay_engine *e)
{
	struct model_engine *me = e->state;

	if (!me)
		return;
	if (me->m)
		model_free(me->m);
	free(me->events);
	free(me->regs);
	free(me);
	e->state = NULL;
}

/* The RLIMIT_NOFILE the model is told about: the replay's own. */
static int nofile(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) < 0 || rl.rlim_cur > 0x7fffffff)
		return 0x7fffffff;
	return (int)rl.rlim_cur;
}

int replay_model_init(struct replay_engine *e, const struct trace *t)
{
	struct model_engine *me;

	if (replay_engine_setup(e, t, "model") < 0)
		return -1;
	e->op = model_op;
	e->fini = model_fini;
	me = calloc(1, sizeof(*me));
	e->state = me;
	if (!me)
		return -1;
	me->m = model_new(nofile());
	me->events = calloc(e->evcap, sizeof(*me->events));
	if (!me->m || !me->events)
		return -1;
	return 0;
}

void replay_model_follow(struct replay_engine *e, size_t i, int ret)
{
	struct model_engine *me = e->state;

	me->follow_op = i + 1;
	me->follow = ret;
}
