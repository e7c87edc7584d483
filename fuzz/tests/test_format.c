/* The byte format's promises (decode.c, encode.c) and model_reserve:
 *  - every input decodes to a trace that parses, within the bounds, and
 *    the trace the decoder makes itself is what the parser makes of its
 *    text, field by field;
 *  - each trace given (corpus/) encodes to bytes that decode back to the
 *    same operations on the same references, except what the encoder
 *    said it changed;
 *  - model_reserve makes the model skip the numbers it reserves.
 * Usage: test_format TRACE...   (exit status 0 when all hold) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "model.h"
#include "model_reserve.h"
#include "check.h"

static int failures;

static int parse(const char *name, const char *text, size_t len,
		 struct trace *t)
{
	char err[TRACE_ERR_MAX];
	int r = trace_parse(t, name, text, len, err);

	CHECK(r == 0, "%s: does not parse: %s", name, err);
	return r;
}

static bool same_parsed_op(const struct trace_op *a, const struct trace_op *b)
{
	return a->kind == b->kind && a->line == b->line &&
	       strcmp(a->text, b->text) == 0 && a->bind == b->bind &&
	       a->fd == b->fd && a->ep == b->ep && a->eventfd == b->eventfd &&
	       a->n == b->n && a->how == b->how && a->events == b->events &&
	       a->max == b->max && a->timeout == b->timeout &&
	       a->room == b->room && a->gen == b->gen;
}

/* The decoder's own trace against the parser's of the same text. */
static void same_as_parsed(const char *name, const struct fuzz_program *p,
			   const struct trace *t)
{
	const struct trace *d = &p->t;

	CHECK(d->nops == t->nops && d->nslots == t->nslots &&
		      d->nadds == t->nadds,
	      "%s: the decoder made %zu operations, %zu references, %zu "
	      "adds; the parser %zu, %zu, %zu",
	      name, d->nops, d->nslots, d->nadds, t->nops, t->nslots,
	      t->nadds);
	for (size_t i = 0; i < d->nops && i < t->nops; i++)
		CHECK(same_parsed_op(&d->ops[i], &t->ops[i]),
		      "%s: operation %zu differs from the parser's: '%s', "
		      "parsed '%s'",
		      name, i, d->ops[i].text, t->ops[i].text);
	for (size_t i = 0; i < d->nslots && i < t->nslots; i++)
		CHECK(strcmp(d->slots[i].ref, t->slots[i].ref) == 0 &&
			      d->slots[i].eventfd == t->slots[i].eventfd,
		      "%s: reference %zu is %s (eventfd %d), parsed %s (%d)",
		      name, i, d->slots[i].ref, d->slots[i].eventfd,
		      t->slots[i].ref, t->slots[i].eventfd);
}

/* Writes to a regular file (bound by `file` or a dup of one) of more
 * than FUZZ_FILE_WRITE_MAX bytes; how many reached it in *cut. */
static size_t file_writes_over(const struct trace *t, size_t *cut)
{
	bool file[4 * FUZZ_OBJECTS_MAX] = { false };
	size_t over = 0;

	for (size_t k = 0; k < t->nops; k++) {
		const struct trace_op *o = &t->ops[k];

		if (o->kind == TRACE_FILE)
			file[o->bind] = true;
		if (o->kind == TRACE_DUP)
			file[o->bind] = file[o->fd];
		if (o->kind != TRACE_WRITE || !file[o->fd])
			continue;
		over += o->n > FUZZ_FILE_WRITE_MAX;
		*cut += o->n == FUZZ_FILE_WRITE_MAX;
	}
	return over;
}

/* Waits with a TIMEOUT (each sleeps when nothing is ready). */
static size_t timed_waits(const struct trace *t)
{
	size_t n = 0;

	for (size_t k = 0; k < t->nops; k++)
		n += t->ops[k].kind == TRACE_WAIT && t->ops[k].timeout > 0;
	return n;
}

/* Random inputs: valid, bounded traces. */
static void random_inputs(void)
{
	uint64_t x = 0x9e3779b97f4a7c15ull;
	size_t cut = 0, timed = 0;

	for (int i = 0; i < 20000; i++) {
		uint8_t in[FUZZ_INPUT_MAX + 7];
		size_t len = (size_t)(i % (FUZZ_INPUT_MAX + 8));
		struct fuzz_program p;
		struct trace t;
		size_t binds = 0;

		for (size_t j = 0; j < len; j++) {
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			in[j] = (uint8_t)x;
		}
		CHECK(fuzz_decode(in, len, &p) == 0, "decode: out of memory");
		if (parse("<random>", p.text.s, p.text.len, &t) == 0) {
			for (size_t k = 0; k < t.nops; k++)
				binds += t.ops[k].bind >= 0;
			CHECK(t.nops <= FUZZ_OPS_MAX &&
				      binds <= FUZZ_OBJECTS_MAX,
			      "random input %d: %zu operations, %zu bindings",
			      i, t.nops, binds);
			same_as_parsed("<random>", &p, &t);
			CHECK(file_writes_over(&t, &cut) == 0,
			      "random input %d: a write to a regular file of "
			      "more than %d bytes",
			      i, FUZZ_FILE_WRITE_MAX);
			CHECK(timed_waits(&t) <= 1,
			      "random input %d: %zu timed waits", i,
			      timed_waits(&t));
			timed += timed_waits(&t);
			trace_free(&t);
		}
		fuzz_program_free(&p);
	}
	CHECK(cut > 0, "no random write to a regular file was cut");
	CHECK(timed > 0, "no random input had a timed wait");
}

static bool same_op(const struct trace_op *a, const struct trace_op *b)
{
	return a->kind == b->kind && a->bind == b->bind && a->fd == b->fd &&
	       a->ep == b->ep && a->eventfd == b->eventfd && a->n == b->n &&
	       a->how == b->how && a->events == b->events &&
	       a->max == b->max && b->timeout == 0;
}

static void round_trip(const char *path)
{
	char buf[1 << 16];
	FILE *f = fopen(path, "r");
	size_t len = f ? fread(buf, 1, sizeof(buf), f) : 0;
	struct trace_buf notes = { 0 };
	uint8_t bytes[FUZZ_INPUT_MAX];
	struct fuzz_program p;
	struct trace t, u;
	size_t n;

	if (f)
		fclose(f);
	CHECK(f && len < sizeof(buf), "%s: cannot read", path);
	if (!f || len >= sizeof(buf) || parse(path, buf, len, &t) != 0)
		return;
	n = fuzz_encode(&t, bytes, &notes);
	CHECK(fuzz_decode(bytes, n, &p) == 0, "decode: out of memory");
	if (parse(path, p.text.s, p.text.len, &u) == 0) {
		size_t diff = 0, lines = 0;

		same_as_parsed(path, &p, &u);
		for (size_t i = 0; i < u.nops && i < t.nops; i++)
			diff += !same_op(&t.ops[i], &u.ops[i]);
		for (size_t i = 0; i < notes.len; i++)
			lines += notes.s[i] == '\n';
		/* A value the encoder changed is a note line; so is a cut. */
		CHECK(diff <= lines && (u.nops == t.nops || lines > 0),
		      "%s: %zu of %zu operations differ after the round trip "
		      "(%zu decoded); notes: %s",
		      path, diff, t.nops, u.nops, notes.s ? notes.s : "none");
		trace_free(&u);
	}
	fuzz_program_free(&p);
	trace_free(&t);
	trace_buf_free(&notes);
}

static void reserve(void)
{
	struct model *m = model_new(64);
	int fds[2];

	CHECK(m != NULL, "model_new failed");
	if (!m)
		return;
	CHECK(model_reserve(m, 5) == 0 && model_reserve(m, 3) == 0 &&
		      model_reserve(m, 3) == 0 && model_reserve(m, 64) < 0,
	      "model_reserve's results");
	CHECK(model_pipe2(m, fds) == 0 && fds[0] == 4 && fds[1] == 6,
	      "pipe after reserving 3 and 5: %d %d, not 4 6", fds[0], fds[1]);
	CHECK(model_eventfd(m, 0) == 7, "the next number is not 7");
	CHECK(model_close(m, 5) == 0 && model_eventfd(m, 0) == 5,
	      "a reserved number closed is free again");
	model_free(m);
}

int main(int argc, char **argv)
{
	random_inputs();
	reserve();
	for (int i = 1; i < argc; i++)
		round_trip(argv[i]);
	if (failures) {
		fprintf(stderr, "test_format: %d failures\n", failures);
		return 1;
	}
	printf("test_format: %d traces round-trip, random inputs decode to "
	       "valid bounded traces (the decoder's own parse agrees), "
	       "model_reserve holds\n",
	       argc - 1);
	return 0;
}
