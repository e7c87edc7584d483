/* gen-trace [OPS [SEED]]: prints a well-formed trace of exactly OPS
 * operations (default 10000) that keeps a few epolls busy with pipes,
 * socket pairs and eventfds being made, registered, written, read,
 * waited for, modified, duplicated and closed.  Every wait has timeout 0,
 * so the trace never blocks; the same seed gives the same trace. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define NEPOLL 4
#define MAXOBJ 48

enum kind { PIPE, PAIR, EFD };

struct obj {
	enum kind kind;
	unsigned id;
	unsigned reg; /* bit e: registered in epoll e */
};

static uint64_t rng = 88172645463325252ull;
static struct obj objs[MAXOBJ];
static unsigned nobj, next_id, next_dup;
static long left;

static unsigned pick(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static void line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#include <stdarg.h>
static void line(const char *fmt, ...)
{
	va_list ap;

	if (left <= 0)
		return;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	left--;
}

static const char *const prefix[] = {"P", "S", "V"};

/* The reference of an object's end that reads (0) or writes (1). */
static void ref(const struct obj *o, int end, char *buf, size_t n)
{
	static const char *const ends[2][2] = {{".r", ".w"}, {".a", ".b"}};

	snprintf(buf, n, "%s%u%s", prefix[o->kind], o->id,
		 o->kind == EFD ? "" : ends[o->kind][end]);
}

static const char *events(void)
{
	static const char *const ev[] = {
		"in",	    "out",    "in|out",	   "in|et", "in|oneshot",
		"in|rdhup", "out|et", "in|out|et", "none",  "in|exclusive"};

	return ev[pick(sizeof(ev) / sizeof(ev[0]))];
}

static void make(void)
{
	static const char *const op[] = {"pipe", "socketpair", "eventfd"};
	struct obj *o = &objs[nobj++];
	char r[48];

	o->kind = (enum kind)pick(3);
	o->id = next_id++;
	o->reg = 0;
	line("%s %s%u", op[o->kind], prefix[o->kind], o->id);
	for (unsigned e = 0; e < NEPOLL; e++) {
		if (pick(3) != 0)
			continue;
		ref(o, 0, r, sizeof(r));
		line("add E%u %s %s", e, r, events());
		o->reg |= 1u << e;
	}
}

static void destroy(unsigned k)
{
	struct obj *o = &objs[k];
	char r[48];

	ref(o, 0, r, sizeof(r));
	line("close %s", r);
	if (o->kind != EFD) {
		ref(o, 1, r, sizeof(r));
		line("close %s", r);
	}
	objs[k] = objs[--nobj];
}

static void step(void)
{
	struct obj *o = &objs[pick(nobj)];
	unsigned e = pick(NEPOLL), c = pick(100);
	char r[48], w[48];

	ref(o, 0, r, sizeof(r));
	ref(o, 1, w, sizeof(w));
	if (c < 8 && nobj < MAXOBJ)
		make();
	else if (c < 12 && nobj > 8)
		destroy((unsigned)(o - objs));
	else if (c < 32)
		line("write %s %u", w,
		     o->kind == EFD ? 1 + pick(100) : 1 + pick(6000));
	else if (c < 46)
		line("read %s %u", r, 1 + pick(9000));
	else if (c < 68)
		line("wait E%u %u", e, 1 + pick(16));
	else if (c < 78) {
		line("%s E%u %s %s", o->reg & (1u << e) ? "mod" : "add", e, r,
		     events());
		o->reg |= 1u << e;
	} else if (c < 84) {
		line("del E%u %s", e, r);
		o->reg &= ~(1u << e);
	} else if (c < 90) {
		line("poll %s in|out", pick(2) ? r : w);
	} else if (c < 95) {
		line("dup %s D%u", r, next_dup);
		line("poll D%u in", next_dup);
		line("close D%u", next_dup++);
	} else if (c < 97 && o->kind == PAIR) {
		line("shutdown %s %s", w, pick(2) ? "wr" : "rd");
	} else {
		line("pipesize %s %u", w, 4096u << pick(5));
	}
}

int main(int argc, char **argv)
{
	left = argc > 1 ? atol(argv[1]) : 10000;
	if (argc > 2)
		rng ^= strtoull(argv[2], NULL, 10) * 0x9e3779b97f4a7c15ull;
	if (left <= 0 || rng == 0) {
		fprintf(stderr, "usage: gen-trace [OPS > 0 [SEED]]\n");
		return 2;
	}
	for (unsigned e = 0; e < NEPOLL; e++)
		line("epoll E%u", e);
	while (nobj < 16)
		make();
	while (left > 0)
		step();
	return 0;
}
