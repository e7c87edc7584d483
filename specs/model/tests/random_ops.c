/* A random sequence of model.h calls, printed one result a line.  Built
 * against the model and against kernel_shim.c, the two transcripts of the
 * same seeds must be equal (`make test-model` diffs them): a check of the
 * model on sequences nobody wrote by hand.
 *
 *     random_ops FIRST_SEED COUNT OPS */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "../model.h"

static uint64_t rng;

static uint32_t rnd(uint32_t n)
{
	rng = rng * 6364136223846793005u + 1442695040888963407u;
	return (uint32_t)(rng >> 33) % n;
}

static int fds[64], nfds, eps[16], neps;

static int pick_fd(void)
{
	return nfds ? fds[rnd((uint32_t)nfds)] : 3;
}

static void remember(int fd, int is_epoll)
{
	if (fd < 0)
		return;
	if (nfds < 64)
		fds[nfds++] = fd;
	if (is_epoll && neps < 16)
		eps[neps++] = fd;
}

static uint32_t pick_events(void)
{
	static const uint32_t masks[] = {
		0x1,
		0x4,
		0x5,
		0x1 | 1u << 31,
		0x4 | 1u << 31,
		0x1 | 1u << 30,
		0x1 | 1u << 28,
		0x4 | 1u << 28,
		0x40,
		0x2001,
		0x0,
		0x5 | 1u << 31 | 1u << 30,
		0x1 | 1u << 28 | 1u << 31,
		0x100,
		0x2005 | 1u << 31,
		0x10,
	};

	return masks[rnd(sizeof(masks) / sizeof(masks[0]))];
}

static const uint64_t sizes[] = {0,    1,     8,     100,    4095,   4096,
				 4097, 36545, 65536, 100000, 212992, 300000};

static void one_op(struct model *m)
{
	int fd = pick_fd(), p[2], r;
	uint64_t v = 0;
	int64_t n;

	switch (rnd(20)) {
	case 0:
		r = model_epoll_create1(m);
		remember(r, 1);
		printf("epoll %d\n", r);
		break;
	case 1:
		r = model_pipe2(m, p);
		if (r == 0) {
			remember(p[0], 0);
			remember(p[1], 0);
		}
		printf("pipe %d %d %d\n", r, p[0], p[1]);
		break;
	case 2:
		r = model_socketpair(m, p);
		if (r == 0) {
			remember(p[0], 0);
			remember(p[1], 0);
		}
		printf("socketpair %d %d %d\n", r, p[0], p[1]);
		break;
	case 3:
		r = model_eventfd(m, rnd(3));
		remember(r, 0);
		printf("eventfd %d\n", r);
		break;
	case 4:
		r = model_dupfd(m, fd);
		remember(r, 0);
		printf("dup %d %d\n", fd, r);
		break;
	case 5: printf("close %d %d\n", fd, model_close(m, fd)); break;
	case 6:
	case 7:
		n = rnd(2) ? model_write_filler(m, fd, sizes[rnd(12)])
			   : model_write_value(m, fd,
					       rnd(3) ? rnd(3)
						      : UINT64_MAX - rnd(3));
		printf("write %d %" PRId64 "\n", fd, n);
		break;
	case 8:
	case 9:
		n = rnd(2) ? model_read_bytes(m, fd, sizes[rnd(12)], &v)
			   : model_read_value(m, fd, &v);
		printf("read %d %" PRId64 " %" PRIx64 "\n", fd, n,
		       n > 0 ? v : 0);
		break;
	case 10:
		printf("shutdown %d %d\n", fd,
		       model_shutdown(m, fd, (int)rnd(3)));
		break;
	case 11:
		printf("pipesize %d %d\n", fd,
		       model_setpipe_sz(m, fd, (int)(sizes[rnd(12)] * 2)));
		break;
	case 12: printf("poll %d %x\n", fd, model_poll(m, fd, 0x2007)); break;
	default: {
		int ep = neps ? eps[rnd((uint32_t)neps)] : 3;
		int op = 1 + (int)rnd(3);
		struct model_event ev[8];

		if (rnd(3)) {
			if (rnd(4) == 0 && neps)
				fd = eps[rnd((uint32_t)neps)];
			r = model_epoll_ctl(m, ep, op, fd, pick_events(),
					    (uint64_t)fd);
			printf("ctl %d %d %d %d\n", ep, op, fd, r);
			break;
		}
		r = model_epoll_wait(m, ep, ev, 1 + (int)rnd(8), 0);
		printf("wait %d %d", ep, r);
		for (int i = 0; i < r; i++)
			printf(" %" PRIu64 ":%x", ev[i].data, ev[i].events);
		printf("\n");
	}
	}
}

int main(int argc, char **argv)
{
	unsigned long first, count, ops;

	if (argc != 4) {
		fprintf(stderr, "usage: random_ops FIRST_SEED COUNT OPS\n");
		return 2;
	}
	first = strtoul(argv[1], NULL, 10);
	count = strtoul(argv[2], NULL, 10);
	ops = strtoul(argv[3], NULL, 10);
	for (unsigned long seed = first; seed < first + count; seed++) {
		struct model *m = model_new(20000);

		if (!m)
			return 1;
		rng = seed;
		nfds = neps = 0;
		printf("# seed %lu\n", seed);
		for (unsigned long i = 0; i < ops; i++)
			one_op(m);
		model_free(m);
	}
	return 0;
}
