/* timer_signal: a timer and signals as safepoll events, through a
 * timerfd and a signalfd.
 *
 *   timer_signal
 *
 * Prints "ready" once its signals are routed to the signalfd.  Each
 * SIGUSR1 starts a one-shot timer of 10 ms; each time a timer expires it
 * prints "timer N".  SIGTERM or SIGINT print "stopping after N timers"
 * and end it with status 0.
 *
 * Why descriptors and not handlers: a handler can only set a flag, and
 * safepoll_wait(-1) waits again after the EINTR the signal caused (unless
 * the instance was made with SAFEPOLL_EINTR), so the flag would not be
 * looked at until some other event came.  A signalfd makes the signal an
 * event of the wait itself; a timerfd does the same for a deadline, and
 * any number of them can be registered. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include <safepoll.h>

enum source { FROM_SIGNALS, FROM_TIMER };
static enum source signals = FROM_SIGNALS, timer = FROM_TIMER;

/* 1 when asked to stop. */
static int on_signals(int sfd, int tfd)
{
	const struct itimerspec in_10ms = {{0, 0}, {0, 10 * 1000 * 1000}};
	struct signalfd_siginfo si;

	while (read(sfd, &si, sizeof si) == (ssize_t)sizeof si) {
		if (si.ssi_signo != SIGUSR1)
			return 1;
		if (timerfd_settime(tfd, 0, &in_10ms, NULL) < 0)
			return -1;
	}
	return 0;
}

/* The timer's count of expirations since the last read (0 when a read
 * came first: the fd is non-blocking). */
static uint64_t on_timer(int tfd)
{
	uint64_t expired = 0;

	if (read(tfd, &expired, sizeof expired) != (ssize_t)sizeof expired)
		return 0;
	return expired;
}

int main(void)
{
	struct safepoll *sp;
	struct safepoll_event ev;
	sigset_t mask;
	uint64_t fired = 0;
	int sfd, tfd, rc, stop = 0;

	sigemptyset(&mask);
	sigaddset(&mask, SIGUSR1);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGINT);
	/* Blocked, so that they wait in the signalfd instead of acting. */
	if (sigprocmask(SIG_BLOCK, &mask, NULL) < 0 ||
	    (sfd = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC)) < 0 ||
	    (tfd = timerfd_create(CLOCK_MONOTONIC,
				  TFD_NONBLOCK | TFD_CLOEXEC)) < 0 ||
	    safepoll_new(&sp, 2, 0) < 0 ||
	    safepoll_add(sp, sfd, EPOLLIN, &signals) < 0 ||
	    safepoll_add(sp, tfd, EPOLLIN, &timer) < 0) {
		perror("timer_signal: setting up");
		return 1;
	}
	printf("ready\n");
	fflush(stdout);
	while (stop == 0) {
		if ((rc = safepoll_wait(sp, SAFEPOLL_BATCH, -1)) < 0)
			break;
		for (uint32_t i = 0; (rc = safepoll_event(sp, i, &ev)) >= 0;
		     i++) {
			if (rc == 0) /* nothing is removed here: never */
				continue;
			if (ev.udata == &signals) {
				stop = on_signals(sfd, tfd);
				continue;
			}
			for (uint64_t n = on_timer(tfd); n > 0; n--)
				printf("timer %llu\n",
				       (unsigned long long)++fired);
			fflush(stdout);
		}
	}
	printf("stopping after %llu timers\n", (unsigned long long)fired);
	safepoll_close(sp, sfd);
	safepoll_close(sp, tfd);
	return safepoll_free(sp) < 0 || stop < 0 || rc != -ENOENT;
}
