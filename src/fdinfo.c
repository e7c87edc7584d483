/* The kernel's registrations, read from /proc/self/fdinfo/<epfd> and
 * compared with the table: part of safepoll_check. */
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"

/* A cursor over one line of fdinfo. */
struct cursor {
	const char *p;
	const char *end;
};

/*@
  // The bytes from p to end, readable, in one buffer.
  predicate Bytes{L}(char *p, char *end) =
    \base_addr(p) == \base_addr(end) && p <= end &&
    \valid_read(p + (0 .. end - p - 1));
  // What a step of the parser leaves: the same buffer, read further.
  predicate Advanced{L1, L2}(struct cursor *c) =
    \at(c->end, L1) == \at(c->end, L2) &&
    \base_addr{L2}(\at(c->p, L1)) == \base_addr{L2}(\at(c->p, L2)) &&
    \at(c->p, L1) <= \at(c->p, L2) <= \at(c->end, L2);
*/

/* word and its length, as every buffer here travels. */
/*@
  requires cursor: \valid(c) && Bytes(c->p, c->end);
  requires word: \valid_read(word + (0 .. len - 1));
  assigns c->p;
  ensures cursor: Advanced{Pre, Post}(c);
*/
static int skip_word(struct cursor *c, const char *word, size_t len)
{
	/*@
	  loop invariant cursor: Advanced{Pre, Here}(c);
	  loop assigns c->p;
	  loop variant c->end - c->p;
	*/
	while (c->p < c->end && *c->p == ' ')
		c->p++;
	/*@
	  loop invariant cursor: Advanced{Pre, Here}(c);
	  loop invariant k: 0 <= k <= len;
	  loop assigns c->p, k;
	  loop variant len - k;
	*/
	for (size_t k = 0; k < len; k++, c->p++)
		if (c->p >= c->end || *c->p != word[k])
			return -1;
	/*@
	  loop invariant cursor: Advanced{Pre, Here}(c);
	  loop assigns c->p;
	  loop variant c->end - c->p;
	*/
	while (c->p < c->end && *c->p == ' ')
		c->p++;
	return 0;
}

/* Reads a number in base 10 or 16; at most 16 digits, so it fits. */
/*@
  requires cursor: \valid(c) && Bytes(c->p, c->end);
  requires out: \valid(out) && \separated(out, c);
  requires base: base == 10 || base == 16;
  assigns c->p, *out;
  ensures cursor: Advanced{Pre, Post}(c);
*/
static int number(struct cursor *c, unsigned base, uint64_t *out)
{
	uint64_t v = 0;
	unsigned digits = 0;

	/*@
	  loop invariant cursor: Advanced{Pre, Here}(c);
	  loop invariant digits: 0 <= digits <= 16;
	  loop assigns c->p, v, digits;
	  loop variant 16 - digits;
	*/
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
	return digits > 0 && (c->p >= c->end || *c->p == ' ') ? 0 : -1;
}

/* The kernel's mask of a registration against the table's.  EPOLLWAKEUP
 * aside (dropped without CAP_BLOCK_SUSPEND), they are equal, except that
 * a oneshot item that fired keeps only its flag bits (ep_send_events:
 * EP_PRIVATE_BITS) until a mod re-arms it. */
/*@ assigns \nothing; */
static int same_mask(uint32_t table, uint32_t kernel)
{
	const uint32_t flags = EPOLLWAKEUP | EPOLLONESHOT | EPOLLET |
			       EPOLLEXCLUSIVE;

	table &= ~(uint32_t)EPOLLWAKEUP;
	kernel &= ~(uint32_t)EPOLLWAKEUP;
	return kernel == table ||
	       ((table & EPOLLONESHOT) != 0 && kernel == (table & flags));
}

/* Passes over a field's value, whatever it is (pos: a signed offset). */
/*@
  requires cursor: \valid(c) && Bytes(c->p, c->end);
  assigns c->p;
  ensures cursor: Advanced{Pre, Post}(c);
*/
static void skip_value(struct cursor *c)
{
	/*@
	  loop invariant cursor: Advanced{Pre, Here}(c);
	  loop assigns c->p;
	  loop variant c->end - c->p;
	*/
	while (c->p < c->end && *c->p != ' ')
		c->p++;
}

/* Whether fd names the file fdinfo lists as ino on sdev.  sdev is the
 * kernel's own dev_t (major << 20 | minor, include/linux/kdev_t.h); stat
 * gives new_encode_dev's: minor's low byte, major, then minor's upper
 * bits.  An fd fstat cannot read names no file safepoll can vouch for. */
/*@
  assigns errno;
*/
static int same_file(int fd, uint64_t ino, uint64_t sdev)
{
	struct stat st;
	uint64_t major = sdev >> 20, minor = sdev & 0xfffff;

	if (fstat(fd, &st) < 0)
		return 0;
	return (uint64_t)st.st_ino == ino &&
	       (uint64_t)st.st_dev == ((minor & 0xff) | (major << 8) |
				       ((minor & ~(uint64_t)0xff) << 12));
}

/* Marks slot i seen, and stale when its fd no longer names the file the
 * kernel holds the slot's token on.  Apart from check_line, whose proof
 * this keeps small: fstat writes errno between the line's start and the
 * mark. */
/*@
  requires valid: Storage(sp);
  requires slot: 0 <= i < sp->capacity;
  assigns sp->regs[i].events, errno;
  ensures same: MarksOnly{Pre, Post}(sp);
*/
static void mark_seen(struct safepoll *sp, uint32_t i, uint64_t ino,
		      uint64_t sdev)
{
	int same = same_file(sp->regs[i].fd, ino, sdev);

	//@ assert kept: MarksOnly{Pre, Here}(sp) && Storage(sp);
	if (same)
		sp_mark(sp, i);
	else
		sp_mark_stale(sp, i);
}

/* One "tfd: <fd> events: <hex> data: <hex>  pos:<n> ino:<hex> sdev:<hex>"
 * line, as ep_show_fdinfo prints it (every kernel since 4.13); other
 * lines are passed over.  A dead token is counted in *dead; a live one
 * whose fd no longer names the registered file marks its slot stale. */
/*@
  requires valid: Instance(sp);
  requires line: \base_addr(line) == \base_addr(end) && line <= end &&
    \valid_read(line + (0 .. end - line - 1));
  requires dead: \valid(dead) &&
    \separated(dead, sp, sp->regs + (0 .. sp->capacity - 1), &errno);
  assigns sp->regs[0 .. sp->capacity - 1].events, errno, *dead;
  ensures result: \result == 0 || \result == SP_BAD;
  ensures same: MarksOnly{Pre, Post}(sp);
*/
static int check_line(struct safepoll *sp, const char *line, const char *end,
		      uint32_t *dead)
{
	struct cursor c = {line, end};
	uint64_t fd, events, token, ino, sdev;
	uint32_t slot;
	struct safepoll_reg *r;

	if (skip_word(&c, "tfd:", 4) < 0)
		return 0;
	if (number(&c, 10, &fd) < 0 || skip_word(&c, "events:", 7) < 0 ||
	    number(&c, 16, &events) < 0 || skip_word(&c, "data:", 5) < 0 ||
	    number(&c, 16, &token) < 0 || skip_word(&c, "pos:", 4) < 0)
		return SP_BAD;
	skip_value(&c);
	if (skip_word(&c, "ino:", 4) < 0 || number(&c, 16, &ino) < 0 ||
	    skip_word(&c, "sdev:", 5) < 0 || number(&c, 16, &sdev) < 0)
		return SP_BAD;
	slot = (uint32_t)(token % 0x100000000u);
	if (slot >= sp->capacity || sp->regs[slot].token != token) {
		(*dead)++;
		return 0;
	}
	r = &sp->regs[slot];
	if ((uint64_t)r->fd != fd || (r->events & SP_MARK) != 0 ||
	    !same_mask(r->events, (uint32_t)events))
		return SP_BAD;
	mark_seen(sp, slot, ino, sdev);
	return 0;
}

/*@
  // v has at most 10 - n decimal digits: 2^32 - 1 has 10.
  predicate DigitsLeft(integer v, integer n) =
    (n == 0 && v <= 4294967295) || (n == 1 && v <= 429496729) ||
    (n == 2 && v <= 42949672) || (n == 3 && v <= 4294967) ||
    (n == 4 && v <= 429496) || (n == 5 && v <= 42949) ||
    (n == 6 && v <= 4294) || (n == 7 && v <= 429) || (n == 8 && v <= 42) ||
    (n == 9 && v <= 4) || (n == 10 && v == 0);
*/

/* "/proc/self/fdinfo/" and the decimal epfd (at most 10 digits), without
 * stdio. */
/*@
  requires path: \valid(path + (0 .. 31));
  requires epfd: epfd >= 0;
  assigns path[0 .. 31];
  ensures string: path[31] == 0;
*/
static void fdinfo_path(char path[32], int epfd)
{
	static const char prefix[] = "/proc/self/fdinfo/";
	char digits[10] = {0};
	unsigned v = (unsigned)epfd, n = 0, i;

	/* Ends in NUL whatever the digits: open's contract asks no more. */
	path[31] = 0;
	/*@
	  loop invariant i: 0 <= i <= 18;
	  loop assigns i, path[0 .. 17];
	  loop variant 18 - i;
	*/
	for (i = 0; prefix[i]; i++)
		path[i] = prefix[i];
	/*@
	  loop invariant n: 0 <= n <= 10 && DigitsLeft(v, n);
	  loop invariant more: n == 0 || v != 0;
	  loop assigns n, v, digits[0 .. 9];
	  loop variant v + 10 - n;
	*/
	do {
		digits[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	//@ ghost unsigned count = n, start = i;
	/*@
	  loop invariant n: 0 <= n <= count <= 10;
	  loop invariant i: i + n == start + count && start <= 18;
	  loop assigns n, i, path[18 .. 27];
	  loop variant n;
	*/
	while (n)
		path[i++] = digits[--n];
	path[i] = 0;
}

int sp_check_kernel(struct safepoll *sp, uint32_t *dead)
{
	char path[32], buf[4096], line[160] = {0};
	size_t len = 0;
	int rc = 0, fd;
	ssize_t n = 0;

	if (sp->epfd < 0)
		return -EBADF;
	fdinfo_path(path, sp->epfd);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	sp_clear_marks(sp);
	/*@
	  loop invariant len: 0 <= len <= 160;
	  loop invariant rc: rc == 0 || rc == SP_BAD;
	  loop invariant n: n <= 4096 && (n < 0 ==> 0 < errno <= 4095);
	  loop invariant same: MarksOnly{Pre, Here}(sp);
	  loop assigns n, rc, len, buf[0 .. 4095], line[0 .. 159], errno,
	    *dead, \at(sp->regs, Pre)[0 .. \at(sp->capacity, Pre) - 1].events;
	*/
	while (rc == 0 && (n = read(fd, buf, sizeof buf)) > 0) {
		/*@
		  loop invariant k: 0 <= k <= n;
		  loop invariant len: 0 <= len <= 160;
		  loop invariant rc: rc == 0 || rc == SP_BAD;
		  loop invariant same: MarksOnly{Pre, Here}(sp);
		  loop assigns k, rc, len, line[0 .. 159], errno, *dead,
		    \at(sp->regs, Pre)[0 .. \at(sp->capacity, Pre) - 1].events;
		  loop variant n - k;
		*/
		for (ssize_t k = 0; k < n && rc == 0; k++) {
			if (buf[k] != '\n') {
				if (len < sizeof line)
					line[len++] = buf[k];
				continue;
			}
			rc = check_line(sp, line, line + len, dead);
			len = 0;
		}
	}
	if (rc == 0 && n < 0)
		rc = -errno;
	/* The kernel ends every line with a newline; a last line without
	 * one is checked all the same. */
	if (rc == 0 && len > 0)
		rc = check_line(sp, line, line + len, dead);
	close(fd);
	return rc;
}

