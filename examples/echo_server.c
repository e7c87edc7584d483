/* echo_server: a TCP echo server on safepoll.
 *
 *   echo_server [PORT]      (default 0: a free port)
 *
 * Listens on 127.0.0.1, prints "listening on 127.0.0.1:PORT", and sends
 * back whatever each client sends.  A client that does not read is not
 * read either: its output waits for EPOLLOUT, and its input stays in the
 * kernel meanwhile.  SIGUSR1 prints how many connections are open;
 * SIGTERM or SIGINT close everything and end with a summary line.
 * Signals arrive through a signalfd, as events like any other: a flag set
 * by a handler would never end safepoll_wait(-1), which waits again after
 * EINTR. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <safepoll.h>

#define MAX_CONNS 1024

struct conn {
	int fd;
	size_t len, off; /* buf[off .. len - 1] still to send */
	struct conn *prev, *next;
	char buf[16384];
};

/* What the udata of the two fixed registrations points at. */
static char listener_tag, signals_tag;

static struct conn *conns; /* every open connection, to close at the end */
static unsigned long accepted, closed, full, open_now, waiting_now;

static void drop(struct safepoll *sp, struct conn *c)
{
	/* Deleted before it is closed: an event of c later in this wait's
	 * batch is dropped by safepoll, never handed out with a freed c. */
	safepoll_close(sp, c->fd);
	if (c->prev)
		c->prev->next = c->next;
	else
		conns = c->next;
	if (c->next)
		c->next->prev = c->prev;
	waiting_now -= c->len > 0;
	free(c);
	closed++;
	open_now--;
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

static void on_conn(struct safepoll *sp, struct conn *c)
{
	ssize_t n;
	int sent;

	if (c->len > 0) { /* woken by EPOLLOUT */
		sent = flush(c);
		if (sent == 1)
			waiting_now--;
		if (sent < 0 ||
		    (sent == 1 && safepoll_mod(sp, c->fd, EPOLLIN, c) < 0))
			drop(sp, c);
		return;
	}
	/* One read an event: the mask is level-triggered, so whatever is
	 * left is reported again, after the other connections' turn. */
	n = recv(c->fd, c->buf, sizeof c->buf, 0);
	if (n < 0 && errno == EAGAIN)
		return;
	if (n <= 0) { /* end of stream, or an error such as ECONNRESET */
		drop(sp, c);
		return;
	}
	c->len = (size_t)n;
	sent = flush(c);
	if (sent < 0) {
		c->len = 0; /* not waiting: nothing to count in drop */
		drop(sp, c);
	} else if (sent == 0) {
		/* The peer reads slower than it writes: stop reading it
		 * until what it was sent has gone out. */
		full++;
		waiting_now++;
		if (safepoll_mod(sp, c->fd, EPOLLOUT, c) < 0)
			drop(sp, c);
	}
}

static void on_listener(struct safepoll *sp, int lfd)
{
	int fd;

	while ((fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC)) >=
	       0) {
		struct conn *c = calloc(1, sizeof *c);

		accepted++;
		if (!c || safepoll_add(sp, fd, EPOLLIN, c) < 0) {
			/* No memory or no slot left: turn the client away. */
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
		perror("echo_server: listening on 127.0.0.1");
		return -1;
	}
	printf("listening on 127.0.0.1:%d\n", ntohs(a.sin_port));
	fflush(stdout);
	return fd;
}

int main(int argc, char **argv)
{
	struct safepoll *sp;
	struct safepoll_event ev;
	sigset_t mask;
	int lfd, sfd, rc, stop = 0;

	sigemptyset(&mask);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGUSR1);
	/* Blocked, so that they wait in the signalfd instead of acting. */
	if (sigprocmask(SIG_BLOCK, &mask, NULL) < 0 ||
	    (sfd = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC)) < 0 ||
	    (rc = safepoll_new(&sp, MAX_CONNS + 2, 0)) < 0) {
		perror("echo_server: setting up");
		return 1;
	}
	lfd = listen_on(argc > 1 ? atoi(argv[1]) : 0);
	if (lfd < 0 || safepoll_add(sp, lfd, EPOLLIN, &listener_tag) < 0 ||
	    safepoll_add(sp, sfd, EPOLLIN, &signals_tag) < 0)
		return 1;
	while (!stop) {
		if ((rc = safepoll_wait(sp, SAFEPOLL_BATCH, -1)) < 0)
			break;
		for (uint32_t i = 0; (rc = safepoll_event(sp, i, &ev)) >= 0;
		     i++) {
			if (rc == 0) /* its connection was closed meanwhile */
				continue;
			if (ev.udata == &listener_tag)
				on_listener(sp, lfd);
			else if (ev.udata == &signals_tag)
				stop |= on_signal(sfd);
			else
				on_conn(sp, ev.udata);
		}
	}
	while (conns)
		drop(sp, conns);
	safepoll_close(sp, lfd);
	safepoll_close(sp, sfd);
	printf("accepted %lu, closed %lu, waited for EPOLLOUT %lu times, "
	       "dropped %llu stale events\n",
	       accepted, closed, full,
	       (unsigned long long)safepoll_dropped(sp));
	return safepoll_free(sp) < 0 || rc != -ENOENT;
}
