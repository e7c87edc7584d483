/* Byte contents of pipes and sockets: see bytestream.h. */
#include <stdlib.h>
#include <string.h>

#include "bytestream.h"
#include "model_impl.h"

#define FILLER 'x'

struct seg {
	struct list_head link;
	uint64_t len;
	uint64_t off; /* bytes of a literal already consumed */
	bool literal;
	uint8_t lit[8];
};

void bs_init(struct bytestream *bs)
{
	INIT_LIST_HEAD(&bs->segs);
}

void bs_destroy(struct bytestream *bs)
{
	while (!list_empty(&bs->segs)) {
		struct seg *s = list_first_entry(&bs->segs, struct seg, link);

		list_del_init(&s->link);
		free(s);
	}
}

void bs_push(struct bytestream *bs, uint64_t n, const uint8_t *lit)
{
	struct seg *s;

	if (n == 0)
		return;
	if (!lit && !list_empty(&bs->segs)) {
		struct seg *last = list_entry(bs->segs.prev, struct seg, link);

		if (!last->literal) {
			last->len += n;
			return;
		}
	}
	s = calloc(1, sizeof(*s));
	if (!s)
		model_oom();
	s->len = n;
	if (lit) {
		s->literal = true;
		memcpy(s->lit, lit, n > 8 ? 8 : (size_t)n);
	}
	list_add_tail(&s->link, &bs->segs);
}

void bs_pop(struct bytestream *bs, uint64_t n, uint8_t *out, uint64_t room)
{
	uint64_t done = 0;

	while (n && !list_empty(&bs->segs)) {
		struct seg *s = list_first_entry(&bs->segs, struct seg, link);
		uint64_t take = s->len < n ? s->len : n;

		for (uint64_t i = 0; done + i < room && i < take; i++)
			out[done + i] =
				s->literal ? s->lit[s->off + i] : FILLER;
		done += take;
		n -= take;
		s->len -= take;
		s->off += take;
		if (!s->len) {
			list_del_init(&s->link);
			free(s);
		}
	}
}
