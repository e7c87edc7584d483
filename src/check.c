/* safepoll_check: the table's invariant, checked against itself and
 * against the registrations the kernel lists in /proc/self/fdinfo. */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "table.h"

#define SP_BAD (-EUCLEAN)

static void clear_marks(struct safepoll *sp)
{
	/*@
	  loop invariant range: 0 <= i <= sp->capacity;
	  loop assigns i, sp->regs[0 .. sp->capacity - 1].mark;
	  loop variant sp->capacity - i;
	*/
	for (uint32_t i = 0; i < sp->capacity; i++)
		sp->regs[i].mark = 0;
}

/* Every free-list slot is free and the list ends; every other free slot is
 * retired (its generation used up); every live slot is the one its fd's
 * chain finds first, so no two live slots share an fd; the chains hold
 * the live slots and nothing else. */
static int check_table(struct safepoll *sp)
{
	uint32_t i = sp->free_head, steps = 0, live = 0;

	clear_marks(sp);
	/*@
	  loop invariant steps: 0 <= steps <= sp->capacity;
	  loop assigns i, steps, sp->regs[0 .. sp->capacity - 1].mark;
	  loop variant sp->capacity - steps;
	*/
	while (i != SP_NIL) {
		/* A cycle runs into the bound. */
		if (i >= sp->capacity || steps == sp->capacity ||
		    sp->regs[i].fd >= 0)
			return SP_BAD;
		sp->regs[i].mark = 1;
		i = sp->regs[i].next;
		steps++;
	}
	/*@
	  loop invariant range: 0 <= s <= sp->capacity;
	  loop invariant live: live <= s;
	  loop assigns s, live;
	  loop variant sp->capacity - s;
	*/
	for (uint32_t s = 0; s < sp->capacity; s++) {
		const struct safepoll_reg *r = &sp->regs[s];

		if (r->fd < 0 && r->mark == 0 && r->gen != UINT32_MAX)
			return SP_BAD;
		if (r->fd >= 0) {
			uint32_t prev;

			if (sp_lookup(sp, r->fd, &prev) != s)
				return SP_BAD;
			live++;
		}
	}
	/*@
	  loop invariant range: 0 <= c <= sp->hash_mask + 1;
	  loop assigns c, i, steps;
	  loop variant sp->hash_mask + 1 - c;
	*/
	for (uint32_t c = 0; c <= sp->hash_mask; c++) {
		/*@
		  loop assigns i, steps;
		  loop variant sp->capacity - steps;
		*/
		for (i = sp->regs[c].head, steps = 0; i != SP_NIL; steps++) {
			if (i >= sp->capacity || steps == sp->capacity ||
			    sp->regs[i].fd < 0 ||
			    ((uint32_t)sp->regs[i].fd & sp->hash_mask) != c)
				return SP_BAD;
			i = sp->regs[i].next;
		}
	}
	/* Each live slot was found in its chain, and each chain holds only
	 * live slots of its own, once: so the chains hold exactly them. */
	return live == sp->live ? 0 : SP_BAD;
}

/* A cursor over one line of fdinfo. */
struct cursor {
	const char *p;
	const char *end;
};

static int skip_word(struct cursor *c, const char *word)
{
	/*@ loop assigns c->p; */
	while (c->p < c->end && *c->p == ' ')
		c->p++;
	/*@ loop assigns c->p, word; */
	for (; *word; word++, c->p++)
		if (c->p >= c->end || *c->p != *word)
			return -1;
	/*@ loop assigns c->p; */
	while (c->p < c->end && *c->p == ' ')
		c->p++;
	return 0;
}

/* Reads a number in base 10 or 16; at most 16 digits, so it fits. */
static int number(struct cursor *c, unsigned base, uint64_t *out)
{
	uint64_t v = 0;
	unsigned digits = 0;

	/*@ loop assigns c->p, v, digits; */
	while (c->p < c->end && digits < 16) {
		char ch = *c->p;
		unsigned d;

		if (ch >= '0' && ch <= '9')
			d = (unsigned)(ch - '0');
		else if (base == 16 && ch >= 'a' && ch <= 'f')
			d = (unsigned)(ch - 'a' + 10);
		else
			break;
		v = v * base + d;
		c->p++;
		digits++;
	}
	*out = v;
	return digits > 0 && (c->p == c->end || *c->p == ' ') ? 0 : -1;
}

/* The kernel's mask of a registration against the table's.  EPOLLWAKEUP
 * aside (dropped without CAP_BLOCK_SUSPEND), they are equal, except that
 * a oneshot item that fired keeps only its flag bits (ep_send_events:
 * EP_PRIVATE_BITS) until a mod re-arms it. */
static int same_mask(uint32_t table, uint32_t kernel)
{
	const uint32_t flags = EPOLLWAKEUP | EPOLLONESHOT | EPOLLET |
			       EPOLLEXCLUSIVE;

	table &= ~(uint32_t)EPOLLWAKEUP;
	kernel &= ~(uint32_t)EPOLLWAKEUP;
	return kernel == table ||
	       ((table & EPOLLONESHOT) != 0 && kernel == (table & flags));
}

/* One "tfd: <fd> events: <hex> data: <hex> ..." line, as
 * ep_show_fdinfo prints it; other lines are passed over. */
static int check_line(struct safepoll *sp, const char *line, const char *end)
{
	struct cursor c = {line, end};
	uint64_t fd, events, token;
	uint32_t slot;
	struct safepoll_reg *r;

	if (skip_word(&c, "tfd:") < 0)
		return 0;
	if (number(&c, 10, &fd) < 0 || skip_word(&c, "events:") < 0 ||
	    number(&c, 16, &events) < 0 || skip_word(&c, "data:") < 0 ||
	    number(&c, 16, &token) < 0)
		return SP_BAD;
	slot = (uint32_t)token;
	if (slot >= sp->capacity)
		return 0;
	r = &sp->regs[slot];
	if (r->fd < 0 || r->gen != (uint32_t)(token >> 32))
		return 0;
	if ((uint64_t)r->fd != fd || r->mark != 0 ||
	    !same_mask(r->events, (uint32_t)events))
		return SP_BAD;
	r->mark = 1;
	return 0;
}

/* "/proc/self/fdinfo/" and the decimal epfd (at most 10 digits), without
 * stdio. */
static void fdinfo_path(char path[32], int epfd)
{
	static const char prefix[] = "/proc/self/fdinfo/";
	char digits[10];
	unsigned v = (unsigned)epfd, n = 0, i;

	for (i = 0; prefix[i]; i++)
		path[i] = prefix[i];
	do {
		digits[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		path[i++] = digits[--n];
	path[i] = 0;
}

/* Feeds fdinfo to check_line a line at a time.  A line longer than the
 * buffer keeps its first 160 bytes: a tfd line's fields all come within
 * its first 60. */
static int check_kernel(struct safepoll *sp)
{
	char path[32], buf[4096], line[160];
	size_t len = 0;
	int rc = 0, fd;
	ssize_t n = 0;

	if (sp->epfd < 0)
		return -EBADF;
	fdinfo_path(path, sp->epfd);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	clear_marks(sp);
	while (rc == 0 && (n = read(fd, buf, sizeof buf)) > 0) {
		for (ssize_t k = 0; k < n && rc == 0; k++) {
			if (buf[k] != '\n') {
				if (len < sizeof line)
					line[len++] = buf[k];
				continue;
			}
			rc = check_line(sp, line, line + len);
			len = 0;
		}
	}
	if (rc == 0 && n < 0)
		rc = -errno;
	/* The kernel ends every line with a newline; a last line without
	 * one is checked all the same. */
	if (rc == 0 && len > 0)
		rc = check_line(sp, line, line + len);
	close(fd);
	return rc;
}

int safepoll_check(struct safepoll *sp)
{
	int rc, orphans = 0;

	if (!sp)
		return -EFAULT;
	rc = check_table(sp);
	if (rc == 0)
		rc = check_kernel(sp);
	if (rc < 0)
		return rc;
	for (uint32_t s = 0; s < sp->capacity; s++)
		if (sp->regs[s].fd >= 0 && sp->regs[s].mark == 0)
			orphans++;
	return orphans;
}
