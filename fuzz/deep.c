/* Interest lists compared as multisets of (epoll fd, target fd, events)
 * per epoll: the kernel's data are safepoll's tokens, the model's are
 * label ids, so data is compared only where it means the same on both
 * sides: in the orphan count, through the records. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deep.h"
#include "fdinfo.h"
#include "interest.h"

void deep_free(struct deep *d)
{
	trace_buf_free(&d->kb);
	trace_buf_free(&d->mb);
	free(d->k);
	free(d->m);
	memset(d, 0, sizeof(*d));
}

static int push(struct deep_item **v, size_t *n, size_t *cap,
		struct deep_item it)
{
	if (*n == *cap) {
		size_t c = *cap ? *cap * 2 : 64;
		struct deep_item *p = realloc(*v, c * sizeof(*p));

		if (!p)
			return -1;
		*v = p;
		*cap = c;
	}
	(*v)[(*n)++] = it;
	return 0;
}

/* An error item is kept as bad: it then differs from any list the
 * other side has. */
static int parse(const char *list, const char *whose, struct deep_item **v,
		 size_t *n, size_t *cap, struct trace_buf *report)
{
	struct trace_interest it;
	char why[TRACE_ERR_MAX];
	const char *s = list;
	int r;

	*n = 0;
	while ((r = trace_interest_next(list, &s, &it, why)) > 0) {
		struct deep_item di = { .ep = it.ep, .tfd = it.tfd,
					.events = it.events, .data = it.data,
					.bad = it.error };

		if (push(v, n, cap, di) < 0)
			return -1;
	}
	if (r < 0)
		trace_buf_printf(report, "the %s interest lists, %s\n", whose,
				 why);
	return r;
}

static int by_ep_tfd_events(const void *a, const void *b)
{
	const struct deep_item *x = a, *y = b;

	if (x->ep != y->ep)
		return x->ep < y->ep ? -1 : 1;
	if (x->bad != y->bad)
		return x->bad ? -1 : 1;
	if (x->tfd != y->tfd)
		return x->tfd < y->tfd ? -1 : 1;
	if (x->events != y->events)
		return x->events < y->events ? -1 : 1;
	return 0;
}

static bool same(const struct deep_item *x, const struct deep_item *y)
{
	return by_ep_tfd_events(x, y) == 0 && !x->bad;
}

/* One epoll's list: " TFD:events ..." or " none". */
static void show(struct trace_buf *b, const struct deep_item *v, size_t n,
		 int ep)
{
	size_t shown = 0;

	for (size_t j = 0; j < n; j++) {
		if (v[j].ep != ep)
			continue;
		shown++;
		if (v[j].bad) {
			trace_buf_puts(b, " (an error)");
			continue;
		}
		trace_buf_printf(b, " %d:", v[j].tfd);
		trace_events_print(b, v[j].events & 0xffff);
		if (v[j].events & ~0xffffu)
			trace_buf_printf(b, "|0x%x", v[j].events & ~0xffffu);
	}
	if (!shown)
		trace_buf_puts(b, " none");
}

static bool ep_agrees(const struct deep *d, int ep)
{
	size_t i = 0, j = 0;

	for (;;) {
		while (i < d->nk && d->k[i].ep != ep)
			i++;
		while (j < d->nm && d->m[j].ep != ep)
			j++;
		if (i == d->nk || j == d->nm)
			return i == d->nk && j == d->nm;
		if (!same(&d->k[i], &d->m[j]))
			return false;
		i++;
		j++;
	}
}

static int compare_lists(struct deep *d, struct trace_buf *report)
{
	size_t i = 0, j = 0;
	int diffs = 0;

	/* Both sorted by epoll fd: each epoll fd once. */
	while (i < d->nk || j < d->nm) {
		int ep = j >= d->nm || (i < d->nk && d->k[i].ep <= d->m[j].ep)
				 ? d->k[i].ep
				 : d->m[j].ep;

		if (!ep_agrees(d, ep)) {
			trace_buf_printf(report,
					 "! model: interest of epoll fd %d =>",
					 ep);
			show(report, d->m, d->nm, ep);
			trace_buf_puts(report, " (kernel:");
			show(report, d->k, d->nk, ep);
			trace_buf_puts(report, ")\n");
			diffs++;
		}
		while (i < d->nk && d->k[i].ep == ep)
			i++;
		while (j < d->nm && d->m[j].ep == ep)
			j++;
	}
	return diffs;
}

static int add_fdinfo(void *arg, int fd)
{
	return fuzz_fdinfo(arg, fd);
}

/* The number the lists show an epoll file under: replay_each_epoll's,
 * the lowest that holds it (a dup below the instance's own fd). */
static int listed_as(const struct replay_track *tk, uint32_t file)
{
	for (int fd = 0; fd <= tk->max_fd; fd++)
		if (replay_file(tk, fd) == file)
			return fd;
	return -1;
}

/* The records of in that the model's interest list of its epoll no
 * longer has, or has on another inode than the one their number holds
 * now.  The kernel keys a registration by file and number, so after
 * `close D1` (a dup keeping the file) or `dup E2 D1` it still lists D1's
 * registration, on a file D1 no longer names: safepoll_check counts such
 * a record stale when fdinfo's ino and sdev are not fstat's of D1, which
 * tells inodes apart, not files (every epoll and eventfd is on one, a
 * pipe's two ends on another).
 * Which file a number holds and a registration is on is the model's own
 * track (tk): the model's adds, dups and closes, each compared with the
 * kernel's. */
static int orphans(const struct deep *d, const struct replay_track *tk,
		   const struct shadow_inst *in, int ep)
{
	int n = 0;

	for (size_t r = 0; r < in->nrecs; r++) {
		const struct shadow_rec *rec = &in->recs[r];
		bool held = false;

		if (rec->detached ||
		    !replay_same_inode(tk, replay_file(tk, rec->fd),
				       replay_reg_file(tk, ep, rec->fd,
						       rec->id))) {
			n++;
			continue;
		}
		for (size_t j = 0; j < d->nm && !held; j++)
			held = !d->m[j].bad && d->m[j].ep == ep &&
			       d->m[j].tfd == rec->fd &&
			       d->m[j].data == rec->id;
		n += !held;
	}
	return n;
}

static int check_instances(struct deep *d, struct replay_engine *w,
			   const struct replay_engine *m, struct shadow *s,
			   struct trace_buf *report)
{
	int diffs = 0;

	for (size_t j = 0; j < s->n; j++) {
		struct shadow_inst *in = &s->v[j];
		int r, want;

		/* Its fd closed behind its back: nothing to compare.  Never
		 * changed by a ctl: its table is as safepoll_new made it,
		 * and the kernel can hold none of its tokens (a raw add's
		 * data names slot 0xffffffff, which no table has); this saves
		 * safepoll_check's open of /proc, a tenth of a run. */
		if (!in->touched || shadow_owner(s, &w->track, in->epfd) != in)
			continue;
		r = safepoll_check(in->sp);
		want = orphans(d, &m->track, in, listed_as(&w->track, in->file));
		if (r == want)
			continue;
		if (r < 0)
			trace_buf_printf(report,
					 "! safepoll: safepoll_check of epoll "
					 "fd %d => %s\n",
					 in->epfd, trace_errno_name(-r));
		else
			trace_buf_printf(report,
					 "! safepoll: safepoll_check of epoll "
					 "fd %d => %d orphans (the model: %d)\n",
					 in->epfd, r, want);
		diffs++;
	}
	return diffs;
}

int deep_check(struct deep *d, struct replay_engine *w,
	       struct replay_engine *m, struct shadow *s,
	       struct trace_buf *report)
{
	trace_buf_clear(&d->kb);
	trace_buf_clear(&d->mb);
	trace_buf_puts(&d->kb, "");
	trace_buf_puts(&d->mb, "");
	if (replay_each_epoll(&w->track, add_fdinfo, &d->kb) != 0 ||
	    replay_model_interest(m, &d->mb) != 0 || d->kb.failed ||
	    d->mb.failed)
		return -1;
	if (parse(d->kb.s, "kernel's", &d->k, &d->nk, &d->kcap, report) < 0 ||
	    parse(d->mb.s, "model's", &d->m, &d->nm, &d->mcap, report) < 0)
		return -1;
	if (d->nk)
		qsort(d->k, d->nk, sizeof(*d->k), by_ep_tfd_events);
	if (d->nm)
		qsort(d->m, d->nm, sizeof(*d->m), by_ep_tfd_events);
	return compare_lists(d, report) + check_instances(d, w, m, s, report);
}
