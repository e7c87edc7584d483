/* EVENTS words: parsing `in|out|et` into a mask and printing a mask back
 * in LANGUAGE.md's fixed order. */
#include <poll.h>
#include <string.h>
#include <sys/epoll.h>

#include "trace.h"

struct word {
	const char *name;
	uint32_t bit;
};

/* Accepted words, in LANGUAGE.md's list. */
static const struct word in_words[] = {
	{"in", EPOLLIN},	 {"pri", EPOLLPRI},
	{"out", EPOLLOUT},	 {"err", EPOLLERR},
	{"hup", EPOLLHUP},	 {"rdnorm", EPOLLRDNORM},
	{"rdband", EPOLLRDBAND}, {"wrnorm", EPOLLWRNORM},
	{"wrband", EPOLLWRBAND}, {"msg", EPOLLMSG},
	{"rdhup", EPOLLRDHUP},	 {"exclusive", EPOLLEXCLUSIVE},
	{"wakeup", EPOLLWAKEUP}, {"oneshot", EPOLLONESHOT},
	{"et", EPOLLET},
};

/* Printed words, in LANGUAGE.md's order of printing.  The EPOLL and POLL
 * values are the same on x86_64, and POLLNVAL has no EPOLL twin. */
static const struct word out_words[] = {
	{"in", POLLIN},		{"pri", POLLPRI},	{"out", POLLOUT},
	{"err", POLLERR},	{"hup", POLLHUP},	{"rdnorm", POLLRDNORM},
	{"rdband", POLLRDBAND}, {"wrnorm", POLLWRNORM}, {"wrband", POLLWRBAND},
	{"msg", POLLMSG},	{"rdhup", POLLRDHUP},	{"nval", POLLNVAL},
};

_Static_assert(EPOLLIN == POLLIN && EPOLLPRI == POLLPRI &&
		       EPOLLOUT == POLLOUT && EPOLLERR == POLLERR &&
		       EPOLLHUP == POLLHUP && EPOLLRDNORM == POLLRDNORM &&
		       EPOLLRDBAND == POLLRDBAND && EPOLLWRNORM == POLLWRNORM &&
		       EPOLLWRBAND == POLLWRBAND && EPOLLMSG == POLLMSG &&
		       EPOLLRDHUP == POLLRDHUP,
	       "EPOLL* and POLL* bits differ");

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

uint32_t trace_epoll_only_bits(void)
{
	return EPOLLEXCLUSIVE | EPOLLWAKEUP | EPOLLONESHOT | EPOLLET;
}

uint32_t trace_word_bits(void)
{
	uint32_t m = 0;

	for (size_t i = 0; i < COUNT(in_words); i++)
		m |= in_words[i].bit;
	return m;
}

/* `0x` and the lower-case hex of one bit that has no word: the form a
 * result prints such a bit in, so that a line can be copied back. */
static int hex_bit(const char *s, size_t n, uint32_t *bit)
{
	uint32_t v = 0;

	if (n < 3 || n > 10 || s[0] != '0' || s[1] != 'x')
		return -1;
	for (size_t i = 2; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			v = v << 4 | (uint32_t)(s[i] - '0');
		else if (s[i] >= 'a' && s[i] <= 'f')
			v = v << 4 | (uint32_t)(s[i] - 'a' + 10);
		else
			return -1;
	}
	if (s[2] == '0' || (v & (v - 1)) != 0 || (v & trace_word_bits()))
		return -1;
	*bit = v;
	return 0;
}

static int word_bit(const char *s, size_t n, uint32_t *bit)
{
	for (size_t i = 0; i < COUNT(in_words); i++) {
		if (strlen(in_words[i].name) == n &&
		    memcmp(in_words[i].name, s, n) == 0) {
			*bit = in_words[i].bit;
			return 0;
		}
	}
	return hex_bit(s, n, bit);
}

int trace_events_parse(const char *s, size_t n, uint32_t *mask, size_t *bad)
{
	uint32_t m = 0, bit;
	size_t start = 0;

	if (n == 4 && memcmp(s, "none", 4) == 0) {
		*mask = 0;
		return 0;
	}
	for (size_t i = 0; i <= n; i++) {
		if (i < n && s[i] != '|')
			continue;
		if (word_bit(s + start, i - start, &bit) < 0) {
			*bad = start;
			return -1;
		}
		m |= bit;
		start = i + 1;
	}
	*mask = m;
	return 0;
}

void trace_events_print(struct trace_buf *b, uint32_t mask)
{
	bool first = true;

	if (mask == 0) {
		trace_buf_puts(b, "none");
		return;
	}
	for (size_t i = 0; i < COUNT(out_words); i++) {
		if (!(mask & out_words[i].bit))
			continue;
		if (!first)
			trace_buf_puts(b, "|");
		trace_buf_puts(b, out_words[i].name);
		mask &= ~out_words[i].bit;
		first = false;
	}
	/* Bits with no word, each on its own, lowest first. */
	for (unsigned i = 0; i < 32; i++) {
		uint32_t bit = 1u << i;

		if (!(mask & bit))
			continue;
		trace_buf_printf(b, "%s0x%x", first ? "" : "|", bit);
		first = false;
	}
}
