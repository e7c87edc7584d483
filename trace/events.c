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

static int word_bit(const char *s, size_t n, uint32_t *bit)
{
	for (size_t i = 0; i < COUNT(in_words); i++) {
		if (strlen(in_words[i].name) == n &&
		    memcmp(in_words[i].name, s, n) == 0) {
			*bit = in_words[i].bit;
			return 0;
		}
	}
	return -1;
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
