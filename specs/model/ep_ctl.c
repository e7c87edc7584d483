/* epoll_ctl(2): fs/eventpoll.c's do_epoll_ctl with its checks, in the
 * kernel's order (EBADF, EBADF, EPERM, EINVAL, ELOOP, then EEXIST/ENOENT),
 * and the nesting checks behind ELOOP (ep_loop_check) and behind the
 * EINVAL for too many wakeup paths (reverse_path_check). */
#include "eventpoll.h"

#define EP_PATH_LIMITS                                                         \
	{                                                                      \
		1000, 500, 100, 50, 10                                         \
	}

/* list_file(): remember a watched file for reverse_path_check(). */
void list_file(struct model *m, struct mfile *file)
{
	if (!file->tfile_listed) {
		file->tfile_listed = true;
		list_add(&file->tfile_link, &m->tfile_check_list);
	}
}

/* clear_tfile_check_list() */
static void clear_tfile_check_list(struct model *m)
{
	while (!list_empty(&m->tfile_check_list)) {
		struct mfile *f = list_first_entry(&m->tfile_check_list,
						   struct mfile, tfile_link);

		list_del_init(&f->tfile_link);
		f->tfile_listed = false;
	}
}

/* path_count_inc(): any number of direct watchers, but only so many
 * paths through 1, 2, 3 or 4 levels of nested epolls. */
static int path_count_inc(struct model *m, int nests)
{
	static const int path_limits[EP_PATH_ARR_SIZE] = EP_PATH_LIMITS;

	if (nests == 0)
		return 0;
	if (++m->path_count[nests] > path_limits[nests])
		return -1;
	return 0;
}

/* reverse_path_check_proc() */
static int reverse_path_check_proc(struct model *m, struct list_head *refs,
				   int depth)
{
	struct list_head *pos;
	int error = 0;

	if (depth > EP_MAX_NESTS) /* too deep nesting */
		return -1;
	for (pos = refs->next; pos != refs; pos = pos->next) {
		struct epitem *epi = list_entry(pos, struct epitem, fllink);
		struct list_head *up = ep_refs(epi->ep);

		if (list_empty(up))
			error = path_count_inc(m, depth);
		else
			error = reverse_path_check_proc(m, up, depth + 1);
		if (error != 0)
			break;
	}
	return error;
}

/* reverse_path_check(): 0, or -1 when a listed file has too many paths
 * up to top-level epolls. */
int reverse_path_check(struct model *m)
{
	struct list_head *pos;

	for (pos = m->tfile_check_list.next; pos != &m->tfile_check_list;
	     pos = pos->next) {
		struct mfile *f = list_entry(pos, struct mfile, tfile_link);
		int error;

		for (int i = 0; i < EP_PATH_ARR_SIZE;
		     i++) /* path_count_init() */
			m->path_count[i] = 0;
		error = reverse_path_check_proc(m, &f->f_ep, 0);
		if (error)
			return error;
	}
	return 0;
}

/* ep_loop_check_proc(): the height of the epoll tree below ep, or more
 * than EP_MAX_NESTS for a loop back to the epoll being inserted into or a
 * chain too deep.  Lists every plain file it meets.  skip: an epoll
 * already visited is passed over, not counted again, as 5.10 does; else
 * its height is reused, so the result is the longest chain below ep. */
static int ep_loop_check_proc(struct model *m, struct eventpoll *ep, int depth,
			      bool skip)
{
	struct list_head *pos;
	int result = 0;

	if (ep->gen == m->loop_check_gen)
		return ep->loop_check_depth;
	ep->gen = m->loop_check_gen;
	for (pos = ep->items.next; pos != &ep->items; pos = pos->next) {
		struct epitem *epi = list_entry(pos, struct epitem, rbn);

		if (is_file_epoll(epi->ffd.file)) {
			struct eventpoll *ep_tovisit =
				epi->ffd.file->private_data;

			if (skip && ep_tovisit->gen == m->loop_check_gen)
				continue;
			if (ep_tovisit == m->inserting_into ||
			    depth > EP_MAX_NESTS) {
				result = EP_MAX_NESTS + 1;
			} else {
				int d = ep_loop_check_proc(m, ep_tovisit,
							   depth + 1, skip) +
					1;

				if (d > result)
					result = d;
			}
			if (result > EP_MAX_NESTS)
				break;
		} else {
			list_file(m, epi->ffd.file);
		}
	}
	ep->loop_check_depth = result;
	return result;
}

/* ep_get_upwards_depth_proc(): how many epolls sit above ep. */
static int ep_get_upwards_depth_proc(struct model *m, struct eventpoll *ep,
				     int depth)
{
	struct list_head *refs = ep_refs(ep), *pos;
	int result = 0;

	if (ep->gen == m->loop_check_gen)
		return ep->loop_check_depth;
	for (pos = refs->next; pos != refs; pos = pos->next) {
		struct epitem *epi = list_entry(pos, struct epitem, fllink);
		int d = ep_get_upwards_depth_proc(m, epi->ep, depth + 1) + 1;

		if (d > result)
			result = d;
	}
	ep->gen = m->loop_check_gen;
	ep->loop_check_depth = result;
	return result;
}

/* How many epolls lie below ep, ep among them, or -1 if the epoll being
 * inserted into is one of them (a loop).  Lists every plain file met. */
static int nest_reach(struct model *m, struct eventpoll *ep)
{
	struct list_head *pos;
	int n = 1;

	ep->gen = m->loop_check_gen;
	for (pos = ep->items.next; pos != &ep->items; pos = pos->next) {
		struct epitem *epi = list_entry(pos, struct epitem, rbn);
		struct eventpoll *below = epi->ffd.file->private_data;
		int k;

		if (!is_file_epoll(epi->ffd.file)) {
			list_file(m, epi->ffd.file);
			continue;
		}
		if (below == m->inserting_into)
			return -1;
		if (below->gen == m->loop_check_gen)
			continue;
		k = nest_reach(m, below);
		if (k < 0)
			return -1;
		n += k;
	}
	return n;
}

/* How many epolls not counted before lie within EP_MAX_NESTS steps of
 * the walk's start, ep being depth steps below it.  Each keeps its
 * fewest steps in loop_check_depth and is walked again only when they
 * drop, so at most EP_MAX_NESTS + 1 times. */
static int nest_near(struct model *m, struct eventpoll *ep, int depth)
{
	struct list_head *pos;
	int n = ep->gen != m->loop_check_gen;

	if (!n && ep->loop_check_depth <= depth)
		return 0;
	ep->gen = m->loop_check_gen;
	ep->loop_check_depth = depth;
	if (depth == EP_MAX_NESTS)
		return n;
	for (pos = ep->items.next; pos != &ep->items; pos = pos->next) {
		struct epitem *epi = list_entry(pos, struct epitem, rbn);

		if (is_file_epoll(epi->ffd.file))
			n += nest_near(m, epi->ffd.file->private_data,
				       depth + 1);
	}
	return n;
}

/* 5.10's ep_loop_check_proc() counts an epoll reached by paths of
 * different lengths at the depth of the first path it takes, and takes
 * each epoll's items in the order of their file addresses (its red-black
 * tree), which nothing can predict.  A loop is ELOOP in every order.
 * Else ELOOP is possible when the longest chain below "to" is too deep
 * (the walk may take it first), and ok only when every epoll below lies
 * within EP_MAX_NESTS steps by some path (no walk meets an epoll nearer
 * than its fewest steps); so ok may be allowed where no order gives it,
 * but is never refused where one does.  Between the two the model takes the
 * kernel's answer (model_follow), else the one of its own order, own. */
static int ep_loop_check_510(struct model *m, struct eventpoll *to, int own)
{
	int all;

	m->loop_check_gen++;
	all = nest_reach(m, to);
	if (all < 0)
		return -1;
	m->loop_check_gen++;
	if (ep_loop_check_proc(m, to, 0, false) <= EP_MAX_NESTS)
		return 0;
	m->loop_check_gen++;
	if (nest_near(m, to, 0) < all)
		return -1;
	/* Past this check the kernel answers anything but ELOOP (ok,
	 * EEXIST, EINVAL of too many wakeup paths). */
	if (m->follow_set)
		return m->follow == -ELOOP ? -1 : 0;
	return own > EP_MAX_NESTS ? -1 : 0;
}

/* ep_loop_check(): no loop, and at most EP_MAX_NESTS + 1 epolls in any
 * chain once "to" hangs below "ep". */
static int ep_loop_check(struct model *m, struct eventpoll *ep,
			 struct eventpoll *to)
{
	int depth, upwards_depth;

	m->inserting_into = ep;
	depth = ep_loop_check_proc(m, to, 0, !m->k->nest_upwards_check);
	/* 5.10 walks downwards only; an over-deep chain above a plain file
	 * is then refused by reverse_path_check() with EINVAL. */
	if (!m->k->nest_upwards_check)
		return ep_loop_check_510(m, to, depth);
	if (depth > EP_MAX_NESTS)
		return -1;
	upwards_depth = ep_get_upwards_depth_proc(m, ep, 0);
	return (depth + 1 + upwards_depth > EP_MAX_NESTS) ? -1 : 0;
}

static bool ep_op_has_event(int op)
{
	return op != EPOLL_CTL_DEL;
}

/* do_epoll_ctl() */
int do_epoll_ctl(struct model *m, int epfd, int op, int fd, uint32_t events,
		 uint64_t data)
{
	struct mfile *f, *tf;
	struct eventpoll *ep;
	struct epitem *epi;
	int error, full_check = 0;

	f = fdget(m, epfd);
	if (!f)
		return -EBADF;
	tf = fdget(m, fd);
	if (!tf)
		return -EBADF;
	/* The target file descriptor must support poll */
	if (!file_can_poll(tf))
		return -EPERM;
	/* ep_take_care_of_epollwakeup(): without CONFIG_PM_SLEEP (the
	 * reference kernel) EPOLLWAKEUP is always dropped; with it, kept
	 * (the replay holds CAP_BLOCK_SUSPEND). */
	if (ep_op_has_event(op) && !m->k->pm_sleep)
		events &= ~EPOLLWAKEUP;

	error = -EINVAL;
	if (f == tf || !is_file_epoll(f))
		return error;
	/* EPOLLEXCLUSIVE only at ADD, not on an epoll, and only with
	 * in/out/err/hup/et. */
	if (ep_op_has_event(op) && (events & EPOLLEXCLUSIVE)) {
		if (op == EPOLL_CTL_MOD)
			return error;
		if (op == EPOLL_CTL_ADD &&
		    (is_file_epoll(tf) || (events & ~EPOLLEXCLUSIVE_OK_BITS)))
			return error;
	}
	ep = f->private_data;

	/* Adding to an epoll that is itself watched, or adding an epoll,
	 * takes the full check of loops and wakeup paths. */
	if (op == EPOLL_CTL_ADD) {
		if (!list_empty(&f->f_ep) || ep->gen == m->loop_check_gen ||
		    is_file_epoll(tf)) {
			m->loop_check_gen++;
			full_check = 1;
			if (is_file_epoll(tf)) {
				error = -ELOOP;
				if (ep_loop_check(m, ep, tf->private_data) != 0)
					goto error_tgt_fput;
			}
		}
	}

	epi = ep_find(ep, tf, fd);
	error = -EINVAL;
	switch (op) {
	case EPOLL_CTL_ADD:
		if (!epi)
			error = ep_insert(ep, events | EPOLLERR | EPOLLHUP,
					  data, tf, fd, full_check);
		else
			error = -EEXIST;
		break;
	case EPOLL_CTL_DEL:
		if (epi) {
			ep_remove_safe(ep, epi);
			error = 0;
		} else {
			error = -ENOENT;
		}
		break;
	case EPOLL_CTL_MOD:
		if (epi) {
			/* an exclusive item cannot be modified: EINVAL */
			if (!(epi->events & EPOLLEXCLUSIVE))
				error = ep_modify(ep, epi,
						  events | EPOLLERR | EPOLLHUP,
						  data);
		} else {
			error = -ENOENT;
		}
		break;
	}
error_tgt_fput:
	if (full_check) {
		clear_tfile_check_list(m);
		m->loop_check_gen++;
	}
	return error;
}
