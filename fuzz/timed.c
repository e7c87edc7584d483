/* Signals every 250 us during a timed wait through safepoll (timed.h).
 * epoll_wait answers each with EINTR; safepoll_wait, made without
 * SAFEPOLL_EINTR, must wait again for the time left (sp_time_left), so
 * its answer is the model's, and with nothing ready it ends only once
 * TIMEOUT has passed on CLOCK_MONOTONIC: a deterministic check, since a
 * late end is allowed and an early one never is.  SIGURG: ignored by
 * default, and libFuzzer uses neither it nor a real-time signal here.
 * The fast mode's clock is the shim's (a millisecond a read) and its
 * waits never block, so there the storm and the check are left out. */
#include <errno.h>
#include <signal.h>
#include <string.h>

#include "timed.h"

static volatile sig_atomic_t delivered;
static timer_t timer;
static bool made;

#ifdef SAFEPOLL_FUZZ_FAST_SYSCALLS_H
int fuzz_timed_setup(void)
{
	return 0;
}
#else
static void on_signal(int sig)
{
	(void)sig;
	delivered++;
}

int fuzz_timed_setup(void)
{
	struct sigaction sa;
	struct sigevent sev;

	if (made)
		return 0;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	memset(&sev, 0, sizeof(sev));
	sev.sigev_notify = SIGEV_SIGNAL;
	sev.sigev_signo = SIGURG;
	if (sigaction(SIGURG, &sa, NULL) < 0 ||
	    timer_create(CLOCK_MONOTONIC, &sev, &timer) < 0)
		return -1;
	made = true;
	return 0;
}
#endif

static void set_timer(long first_ns, long every_ns)
{
	struct itimerspec its = {
		.it_value = {0, first_ns},
		.it_interval = {0, every_ns},
	};

	if (made)
		timer_settime(timer, 0, &its, NULL);
}

void fuzz_timed_begin(struct fuzz_timed *t)
{
	t->armed = made;
	t->signals = (unsigned long)delivered;
	set_timer(100000, 250000);
	clock_gettime(CLOCK_MONOTONIC, &t->start);
}

void fuzz_timed_end(struct fuzz_timed *t)
{
	clock_gettime(CLOCK_MONOTONIC, &t->end);
	set_timer(0, 0);
	t->signals = (unsigned long)delivered - t->signals;
}

int fuzz_timed_early(const struct fuzz_timed *t, int timeout_ms,
		     struct trace_buf *report)
{
	int64_t us = ((int64_t)t->end.tv_sec - t->start.tv_sec) * 1000000 +
		     (t->end.tv_nsec - t->start.tv_nsec) / 1000;

	if (!t->armed || us >= (int64_t)timeout_ms * 1000)
		return 0;
	trace_buf_printf(report,
			 "! safepoll: a wait of TIMEOUT %d ms with nothing "
			 "ready ended after %lld us, early (%lu signals "
			 "during it)\n",
			 timeout_ms, (long long)us, t->signals);
	return 1;
}
