/* echo_epoll: examples/echo_server.c on raw epoll, for comparison.  The
 * same behaviour and output; what safepoll did is done by hand here:
 * a connection closed by one event's handler may still have events later
 * in the same batch, whose data.ptr points at it, so it is not freed
 * until the batch is done, and each event checks that its connection
 * is still open.
 *
 *   echo_epoll [PORT]      (default 0: a free port)
 *
 * Listens on 127.0.0.1 and behaves as echo_server does, signalfd and
 * all; its output is the same. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <unistd.h>

#define BATCH 128

struct conn {
	int fd; /* -1 once closed */
	size_t len, off; /* buf[off .. len - 1] still to send */
	struct conn *prev, *next;
	char buf[16384];
};

/* What the udata of the two fixed registrations points at. */
static char listener_tag, signals_tag;

static struct conn *conns; /* every open connection, to close at the end */
static struct conn *dead; /* closed during this batch, freed after it */
static unsigned long long stale;
static unsigned long accepted, closed, full, open_now, waiting_now;

static void drop(int ep, struct conn *c)
{
	/* Deleted before it is closed: a dup'd fd would keep it
	 * registered otherwise. */
	epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
	close(c->fd);
	c->fd = -1;
	if (c->prev)
		c->prev->next = c->next;
	else
		conns = c->next;
	if (c->next)
		c->next->prev = c->prev;
	c->next = dead;
	dead = c;
	closed++;
	open_now--;
	waiting_now -= c->len > 0;
}

static int rearm(int ep, struct conn *c, uint32_t events)
{
	struct epoll_event e = {.events = events, .data.ptr = c};

	return epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &e);
}

/* Sends what is pending.  1: all sent; 0: the socket is full; -1: the
 * connection is gone (reset, or the peer closed). */
static int flush(struct conn *c)
{
	while (c->off < c->len) {
		ssize_t n = send(c->fd, c->buf + c->off, c->len - c->off,
				 MSG_NOSIGNAL);

		if (n < 0)
			return errno == EAGAIN ? 0 : -1;
		c->off += (size_t)n;
	}
	c->off = c->len = 0;
	return 1;
}

static void on_conn(int ep, struct conn *c)
{
	ssize_t n;
	int sent;

	if (c->len > 0) { /* woken by EPOLLOUT */
		sent = flush(c);
		if (sent == 1)
			waiting_now--;
		if (sent < 0 || (sent == 1 && rearm(ep, c, EPOLLIN) < 0))
			drop(ep, c);
		return;
	}
	/* One read an event: the mask is level-triggered, so whatever is
	 * left is reported again, after the other connections' turn. */
	n = recv(c->fd, c->buf, sizeof c->buf, 0);
	if (n < 0 && errno == EAGAIN)
		return;
	if (n <= 0) { /* end of stream, or an error such as ECONNRESET */
		drop(ep, c);
		return;
	}
	c->len = (size_t)n;
	sent = flush(c);
	if (sent < 0) {
		c->len = 0; /* not waiting: nothing to count in drop */
		drop(ep, c);
	} else if (sent == 0) {
		/* The peer reads slower than it writes: stop reading it
		 * until what it was sent has gone out. */
		full++;
		waiting_now++;
		if (rearm(ep, c, EPOLLOUT) < 0)
			drop(ep, c);
	}
}

static void on_listener(int ep, int lfd)
{
	int fd;

	while ((fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC)) >=
	       0) {
		struct conn *c = calloc(1, sizeof *c);
		struct epoll_event e = {.events = EPOLLIN, .data.ptr = c};

		accepted++;
		if (!c || epoll_ctl(ep, EPOLL_CTL_ADD, fd, &e) < 0) {
			/* No memory: turn the client away. */
			free(c);
			close(fd);
			closed++;
			continue;
		}
		c->fd = fd;
		c->next = conns;
		if (conns)
			conns->prev = c;
		conns = c;
		open_now++;
	}
}

/* 1 when the server is to stop. */
static int on_signal(int sfd)
{
	struct signalfd_siginfo si;

	while (read(sfd, &si, sizeof si) == (ssize_t)sizeof si) {
		if (si.ssi_signo != SIGUSR1)
			return 1;
		printf("open %lu, waiting for EPOLLOUT %lu\n", open_now,
		       waiting_now);
		fflush(stdout);
	}
	return 0;
}

static int listen_on(int port)
{
	struct sockaddr_in a = {.sin_family = AF_INET,
				.sin_port = htons((uint16_t)port),
				.sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t len = sizeof a;
	int one = 1;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);

	if (fd < 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0 ||
	    bind(fd, (struct sockaddr *)&a, sizeof a) < 0 ||
	    listen(fd, 128) < 0 ||
	    getsockname(fd, (struct sockaddr *)&a, &len) < 0) {
		perror("echo_epoll: listening on 127.0.0.1");
		return -1;
	}
	printf("listening on 127.0.0.1:%d\n", ntohs(a.sin_port));
	fflush(stdout);
	return fd;
}

static void free_dead(void)
{
	while (dead) {
		struct conn *c = dead;

		dead = c->next;
		free(c);
	}
}

static int add(int ep, int fd, void *tag)
{
	struct epoll_event e = {.events = EPOLLIN, .data.ptr = tag};

	return epoll_ctl(ep, EPOLL_CTL_ADD, fd, &e);
}

int main(int argc, char **argv)
{
	struct epoll_event evs[BATCH];
	sigset_t mask;
	int lfd, sfd, ep, n = 0, stop = 0;

	sigemptyset(&mask);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGUSR1);
	/* Blocked, so that they wait in the signalfd instead of acting. */
	if (sigprocmask(SIG_BLOCK, &mask, NULL) < 0 ||
	    (sfd = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC)) < 0 ||
	    (ep = epoll_create1(EPOLL_CLOEXEC)) < 0) {
		perror("echo_epoll: setting up");
		return 1;
	}
	lfd = listen_on(argc > 1 ? atoi(argv[1]) : 0);
	if (lfd < 0 || add(ep, lfd, &listener_tag) < 0 ||
	    add(ep, sfd, &signals_tag) < 0)
		return 1;
	while (!stop) {
		/* Signals are blocked: no EINTR to retry here. */
		if ((n = epoll_wait(ep, evs, BATCH, -1)) < 0)
			break;
		for (int i = 0; i < n; i++) {
			struct conn *c = evs[i].data.ptr;

			if (c == (void *)&listener_tag)
				on_listener(ep, lfd);
			else if (c == (void *)&signals_tag)
				stop |= on_signal(sfd);
			else if (c->fd < 0) /* closed earlier in this batch */
				stale++;
			else
				on_conn(ep, c);
		}
		free_dead();
	}
	while (conns)
		drop(ep, conns);
	free_dead();
	close(lfd);
	close(sfd);
	printf("accepted %lu, closed %lu, waited for EPOLLOUT %lu times, "
	       "dropped %llu stale events\n",
	       accepted, closed, full, stale);
	return close(ep) < 0 || n < 0;
}
