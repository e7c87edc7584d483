/* The mutator's promises (mutate.h):
 *  - every mutant and cross-over of every seed (the traces given, from
 *    corpus/), of garbage and of nothing, for any max_size, is a whole
 *    number of operations within max_size and FUZZ_INPUT_MAX, and decodes
 *    to a trace that parses within the bounds;
 *  - a mutant that inserted a binding has every later operation on the
 *    objects it was on before (the same trace, its slots shifted);
 *  - the kinds it inserts follow format.c's weights (not byte 0's
 *    epoll), and MAX is not mostly 1.
 * Usage: test_mutate TRACE...   (exit status 0 when all hold) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "mutate.h"
#include "tool/tool.h"
#include "check.h"

static int failures;

struct seed {
	uint8_t b[FUZZ_INPUT_MAX];
	size_t len;
};

/* Decodes and parses; 0 when the trace is valid and within the bounds. */
static int decode(const uint8_t *b, size_t len, struct trace *t)
{
	struct fuzz_program p;
	char err[TRACE_ERR_MAX];
	size_t binds = 0;
	int r;

	if (fuzz_decode(b, len, &p) < 0)
		return -1;
	r = trace_parse(t, "<mutant>", p.text.s, p.text.len, err);
	CHECK(r == 0, "a mutant does not parse: %s\n%s", err, p.text.s);
	fuzz_program_free(&p);
	if (r != 0)
		return -1;
	for (size_t k = 0; k < t->nops; k++)
		binds += t->ops[k].bind >= 0;
	CHECK(t->nops <= FUZZ_OPS_MAX && binds <= FUZZ_OBJECTS_MAX,
	      "a mutant of %zu operations, %zu bindings", t->nops, binds);
	return 0;
}

static void valid(const uint8_t *b, size_t len, size_t max_size,
		  const char *what)
{
	struct trace t;

	CHECK(len <= max_size && len <= FUZZ_INPUT_MAX &&
		      len % FUZZ_OP_BYTES == 0,
	      "%s: %zu bytes out of %zu allowed", what, len, max_size);
	if (decode(b, len, &t) == 0)
		trace_free(&t);
}

static size_t load_seeds(int n, char **paths, struct seed *seeds)
{
	size_t count = 0;

	for (int i = 0; i < n; i++) {
		struct trace_buf text = { 0 }, notes = { 0 };
		struct trace t;

		if (tool_read_file(paths[i], &text) == 0 &&
		    tool_parse(paths[i], text.s, text.len, &t) == 0) {
			seeds[count].len =
				fuzz_encode(&t, seeds[count].b, &notes);
			count++;
			trace_free(&t);
		} else {
			CHECK(0, "%s: not a seed", paths[i]);
		}
		trace_buf_free(&text);
		trace_buf_free(&notes);
	}
	return count;
}

/* Chains of mutations and cross-overs from every seed, and garbage, under
 * max sizes from 0 up to past FUZZ_INPUT_MAX. */
static void all_valid(const struct seed *seeds, size_t n)
{
	uint64_t x = 1;

	for (size_t i = 0; i < n; i++) {
		uint8_t buf[FUZZ_INPUT_MAX + 64];
		size_t len = seeds[i].len;

		memcpy(buf, seeds[i].b, len);
		for (unsigned j = 0; j < 40; j++) {
			size_t max = j % 8 ? FUZZ_INPUT_MAX : (x++ * 37) % sizeof(buf);
			const struct seed *other = &seeds[(i + j + 1) % n];

			if (len > max)
				len = max;
			len = fuzz_mutate(buf, len, max, x++);
			valid(buf, len, max, "mutant");
			if (j % 4 == 3) {
				uint8_t out[sizeof(buf)];
				size_t olen = fuzz_cross_over(
					buf, len, other->b, other->len, out,
					max, x++);

				valid(out, olen, max, "cross-over");
			}
		}
	}
	for (unsigned i = 0; i < 20000; i++) {
		uint8_t buf[FUZZ_INPUT_MAX + 100];
		size_t len = i % sizeof(buf), max = (i * 7919u) % sizeof(buf);

		for (size_t j = 0; j < len; j++) {
			x = x * 6364136223846793005ull + 1;
			buf[j] = (uint8_t)(x >> 33);
		}
		if (max < len)
			max = len; /* libFuzzer's buffer holds the input */
		valid(buf, fuzz_mutate(buf, len, max, i), max, "garbage");
	}
	CHECK(fuzz_mutate(NULL, 0, 0, 1) == 0, "nothing into no room");
}

static int shifted(int slot, int from, int by)
{
	return slot >= from ? slot + by : slot;
}

/* after = before, its slots from `from` on shifted by `by`. */
static bool same_shifted(const struct trace_op *before,
			 const struct trace_op *after, int from, int by)
{
	return before->kind == after->kind &&
	       shifted(before->bind, from, by) == after->bind &&
	       shifted(before->fd, from, by) == after->fd &&
	       shifted(before->ep, from, by) == after->ep &&
	       before->eventfd == after->eventfd && before->n == after->n &&
	       before->how == after->how && before->events == after->events &&
	       before->max == after->max;
}

/* Whether after is before with a binding inserted at i: the same
 * operations up to i, and the same on the same objects after it. */
static bool inserted_at(const struct trace *before, const struct trace *after,
			size_t i)
{
	const struct trace_op *b = &after->ops[i];
	int by = b->kind == TRACE_PIPE || b->kind == TRACE_SOCKETPAIR ? 2 : 1;

	if (b->bind < 0 || after->nops != before->nops + 1)
		return false;
	for (size_t j = 0; j < before->nops; j++)
		if (!same_shifted(&before->ops[j], &after->ops[j + (j >= i)],
				  j < i ? 0 : b->bind, j < i ? 0 : by))
			return false;
	return true;
}

/* The mutants one operation longer with a binding where they first
 * differ must be that binding inserted there (or before it, among equal
 * operations: a pipe inserted next to a pipe can be either) with
 * everything after it on the same objects. */
static void bindings_kept(const struct seed *seeds, size_t n)
{
	unsigned checked = 0;

	for (size_t i = 0; i < n; i++) {
		struct trace before;

		if (decode(seeds[i].b, seeds[i].len, &before) != 0)
			continue;
		for (uint64_t k = 0; k < 200; k++) {
			uint8_t buf[FUZZ_INPUT_MAX];
			size_t len, at = 0;
			bool candidate, kept = false;
			struct trace after;

			memcpy(buf, seeds[i].b, seeds[i].len);
			len = fuzz_mutate(buf, seeds[i].len, sizeof(buf),
					  i * 1000 + k);
			if (decode(buf, len, &after) != 0)
				continue;
			while (at < before.nops && at < after.nops &&
			       same_shifted(&before.ops[at], &after.ops[at], 0, 0))
				at++;
			candidate = at < after.nops && after.ops[at].bind >= 0;
			for (size_t j = 0; candidate && j <= at; j++)
				kept |= inserted_at(&before, &after, j);
			if (after.nops == before.nops + 1 && candidate) {
				checked++;
				CHECK(kept,
				      "seed %zu, mutation %llu: a binding "
				      "inserted up to line %zu (`%s`) moved "
				      "later operands to other objects",
				      i, (unsigned long long)k, at + 1,
				      after.ops[at].text);
			}
			trace_free(&after);
		}
		trace_free(&before);
	}
	/* So that a mutator that never inserts a binding cannot pass. */
	CHECK(checked >= n, "only %u inserted bindings in %zu seeds' mutants",
	      checked, n);
	printf("test_mutate: %u mutants inserted a binding, each checked\n",
	       checked);
}

/* From nothing the only mutation is an insert: its kind by the weights,
 * within 6 standard deviations for each kind. */
static void kinds_weighed(void)
{
	enum { RUNS = 100000 };
	unsigned seen[FUZZ_KINDS] = { 0 }, weight[FUZZ_KINDS] = { 0 };
	unsigned waits = 0, max1 = 0;

	for (unsigned b = 0; b < FUZZ_KINDS; b++)
		weight[fuzz_kind_of((uint8_t)b)]++;
	for (uint64_t i = 0; i < RUNS; i++) {
		uint8_t buf[FUZZ_INPUT_MAX];
		size_t len = fuzz_mutate(buf, 0, sizeof(buf), i);
		enum fuzz_kind k = fuzz_kind_of(buf[0]);

		CHECK(len == FUZZ_OP_BYTES, "from nothing: %zu bytes", len);
		seen[k]++;
		if (k == FUZZ_WAIT || k == FUZZ_FETCH || k == FUZZ_WAITARRAY) {
			waits++;
			max1 += fuzz_max_decode(buf[2]) == 1;
		}
	}
	for (unsigned k = 0; k < FUZZ_KINDS; k++) {
		double p = weight[k] / (double)FUZZ_KINDS;
		double want = RUNS * p, off = seen[k] - want;

		CHECK(off * off <= 36 * RUNS * p * (1 - p) + 1,
		      "kind %u drawn %u times in %d, its weight says %.0f", k,
		      seen[k], RUNS, want);
	}
	CHECK(max1 * 20 < waits, "MAX 1 in %u of %u waits", max1, waits);
	printf("test_mutate: kinds by their weights (epoll %u of %d), MAX 1 "
	       "in %u of %u waits\n",
	       seen[FUZZ_EPOLL], RUNS, max1, waits);
}

int main(int argc, char **argv)
{
	struct seed *seeds = calloc((size_t)argc, sizeof(*seeds));
	size_t n;

	if (!seeds || argc < 2) {
		fputs("usage: test_mutate TRACE...\n", stderr);
		return 2;
	}
	n = load_seeds(argc - 1, argv + 1, seeds);
	all_valid(seeds, n);
	bindings_kept(seeds, n);
	kinds_weighed();
	free(seeds);
	if (failures) {
		fprintf(stderr, "test_mutate: %d failures\n", failures);
		return 1;
	}
	printf("test_mutate: mutants of %zu seeds, garbage and nothing "
	       "decode to valid bounded traces\n",
	       n);
	return 0;
}
