/* drive_echo: runs an echo server of examples/ and drives it with real
 * loopback clients, checking every byte that comes back.
 *
 *   drive_echo SERVER
 *
 * 1. 64 clients at once, each sending 256 KiB of its own pattern.
 * 2. A slow reader: it reads nothing until the server says (SIGUSR1) that
 *    it waits for EPOLLOUT on it, then everything, checked.
 * 3. 16 clients that send and then reset (SO_LINGER 0) without reading.
 * 4. The server reports no connection open, then SIGTERM: exit status 0
 *    and a summary with as many connections closed as accepted.
 * Nothing here depends on timing: every wait is for an event, and the
 * 10 s bounds only turn a hang into a failure. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define NCLIENTS 64
#define EACH (256u * 1024u)
#define NRESETS 16
#define STALL_MS 10000

struct client {
	int fd, id;
	size_t sent, recvd, total;
};

static const char *server;
static pid_t pid;
static FILE *from_server;
static int port, passed;

static void die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "drive_echo: %s: ", server);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (pid > 0)
		kill(pid, SIGKILL);
	exit(1);
}

static void pass(const char *what)
{
	printf("ok: %s: %s\n", server, what);
	passed++;
}

/* Byte k of client id's stream: differs between clients and positions. */
static char pattern(int id, size_t k)
{
	return (char)(id * 131 + k * 7 + (k >> 9));
}

/* The server's next line.  fgets, not fscanf: a "\n" in a scanf format
 * waits for the next non-space character, which comes with the next
 * line only. */
static const char *next_line(void)
{
	static char line[256];

	if (!fgets(line, sizeof line, from_server))
		line[0] = 0;
	return line;
}

static void start_server(void)
{
	int p[2];

	if (pipe2(p, O_CLOEXEC) < 0 || (pid = fork()) < 0)
		die("fork: %s", strerror(errno));
	if (pid == 0) {
		dup2(p[1], 1);
		execl(server, server, "0", (char *)NULL);
		_exit(127);
	}
	close(p[1]);
	from_server = fdopen(p[0], "r");
	if (!from_server ||
	    sscanf(next_line(), "listening on 127.0.0.1:%d", &port) != 1)
		die("no 'listening on 127.0.0.1:PORT' line");
}

/* SIGUSR1, and the server's answer: open connections, and how many of
 * them wait for EPOLLOUT. */
static void ask(unsigned long *open, unsigned long *waiting)
{
	kill(pid, SIGUSR1);
	if (sscanf(next_line(), "open %lu, waiting for EPOLLOUT %lu", open,
		   waiting) != 2)
		die("no answer to SIGUSR1");
}

static int connect_client(int bufsize)
{
	struct sockaddr_in a = {.sin_family = AF_INET,
				.sin_port = htons((uint16_t)port),
				.sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		die("socket: %s", strerror(errno));
	/* Small buffers (before connect, so that the window is small too). */
	if (bufsize && (setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &bufsize,
				   sizeof bufsize) < 0 ||
			setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &bufsize,
				   sizeof bufsize) < 0))
		die("setsockopt: %s", strerror(errno));
	if (connect(fd, (struct sockaddr *)&a, sizeof a) < 0)
		die("connect: %s", strerror(errno));
	if (fcntl(fd, F_SETFL, O_NONBLOCK) < 0)
		die("fcntl: %s", strerror(errno));
	return fd;
}

/* Sends what the kernel takes now, up to c->total. */
static void client_write(struct client *c)
{
	char buf[65536];
	size_t n = c->total - c->sent < sizeof buf ? c->total - c->sent
						   : sizeof buf;
	ssize_t w;

	for (size_t k = 0; k < n; k++)
		buf[k] = pattern(c->id, c->sent + k);
	w = send(c->fd, buf, n, MSG_NOSIGNAL);
	if (w < 0 && errno != EAGAIN)
		die("client %d: send: %s", c->id, strerror(errno));
	if (w > 0)
		c->sent += (size_t)w;
}

/* Reads what is there and checks it against what was sent. */
static void client_read(struct client *c)
{
	char buf[65536];
	ssize_t r = recv(c->fd, buf, sizeof buf, 0);

	if (r < 0 && errno == EAGAIN)
		return;
	if (r <= 0)
		die("client %d: %s after %zu of %zu bytes", c->id,
		    r == 0 ? "end of stream" : strerror(errno), c->recvd,
		    c->total);
	for (ssize_t k = 0; k < r; k++)
		if (buf[k] != pattern(c->id, c->recvd + (size_t)k))
			die("client %d: byte %zu differs", c->id,
			    c->recvd + (size_t)k);
	c->recvd += (size_t)r;
	if (c->recvd > c->sent)
		die("client %d: more back than sent", c->id);
}

/* Runs clients until each got back all it sent. */
static void run(struct client *cs, int n)
{
	struct pollfd pfd[NCLIENTS];
	int left = n;

	while (left > 0) {
		for (int i = 0; i < n; i++) {
			pfd[i].fd = cs[i].recvd < cs[i].total ? cs[i].fd : -1;
			pfd[i].events =
				POLLIN |
				(cs[i].sent < cs[i].total ? POLLOUT : 0);
		}
		if (poll(pfd, (nfds_t)n, STALL_MS) <= 0)
			die("no client could move for 10 s");
		for (int i = 0; i < n; i++) {
			if (pfd[i].revents & POLLOUT)
				client_write(&cs[i]);
			if (pfd[i].revents & (POLLIN | POLLHUP | POLLERR))
				client_read(&cs[i]);
			if (pfd[i].fd >= 0 && cs[i].recvd == cs[i].total)
				left--;
		}
	}
	for (int i = 0; i < n; i++)
		close(cs[i].fd);
}

static void many_at_once(void)
{
	struct client cs[NCLIENTS];

	for (int i = 0; i < NCLIENTS; i++)
		cs[i] = (struct client){connect_client(0), i, 0, 0, EACH};
	run(cs, NCLIENTS);
	pass("64 clients at once, 256 KiB each, echoed");
}

/* Writes without reading until the server waits for EPOLLOUT on this
 * client: its echo then has nowhere to go, so it must stop reading. */
static void slow_reader(void)
{
	struct client c = {connect_client(4096), 1000, 0, 0, SIZE_MAX};
	unsigned long open, waiting = 0;
	const struct timespec pace = {0, 1000000};

	for (int i = 0; waiting == 0; i++) {
		struct pollfd p = {c.fd, POLLOUT, 0};

		if (i == STALL_MS)
			die("the server never waited for EPOLLOUT");
		if (poll(&p, 1, 0) > 0)
			client_write(&c);
		else
			nanosleep(&pace, NULL);
		ask(&open, &waiting);
	}
	c.total = c.sent + 65536;
	run(&c, 1);
	pass("a slow reader: the server waited for EPOLLOUT, all echoed");
}

static void resets(void)
{
	struct linger now = {1, 0};
	unsigned long open = 1, waiting;
	const struct timespec pace = {0, 1000000};

	for (int i = 0; i < NRESETS; i++) {
		struct client c = {connect_client(4096), 2000 + i, 0, 0, EACH};

		client_write(&c);
		if (setsockopt(c.fd, SOL_SOCKET, SO_LINGER, &now, sizeof now))
			die("SO_LINGER: %s", strerror(errno));
		close(c.fd); /* unread data and linger 0: a reset */
	}
	for (int i = 0; open > 0; i++) {
		if (i == STALL_MS)
			die("%lu connections still open after resets", open);
		nanosleep(&pace, NULL);
		ask(&open, &waiting);
	}
	pass("16 clients reset: all closed by the server");
}

static void shut_down(void)
{
	unsigned long accepted, closed, full;
	unsigned long long stale;
	int status;

	kill(pid, SIGTERM);
	if (sscanf(next_line(),
		   "accepted %lu, closed %lu, waited for EPOLLOUT %lu times, "
		   "dropped %llu stale events",
		   &accepted, &closed, &full, &stale) != 4)
		die("no summary after SIGTERM");
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0)
		die("did not exit 0 after SIGTERM (status %#x)", status);
	pid = 0;
	if (accepted != NCLIENTS + 1 + NRESETS || closed != accepted ||
	    full == 0)
		die("summary: accepted %lu, closed %lu, full %lu", accepted,
		    closed, full);
	pass("SIGTERM: exit 0, every accepted connection closed");
}

/* A read of the server's output has no bound of its own: a server that
 * stops answering ends the drive here, instead of hanging make. */
static void watchdog(int sig)
{
	(void)sig;
	if (pid > 0)
		kill(pid, SIGKILL);
	static const char msg[] = "drive_echo: no end after 120 s\n";
	(void)!write(2, msg, sizeof msg - 1);
	_exit(1);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: drive_echo SERVER\n");
		return 2;
	}
	server = argv[1];
	signal(SIGPIPE, SIG_IGN);
	signal(SIGALRM, watchdog);
	alarm(120);
	start_server();
	many_at_once();
	slow_reader();
	resets();
	shut_down();
	printf("%s: %d passed, 0 failed\n", server, passed);
	return 0;
}
