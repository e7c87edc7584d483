/* Waits that block for ever: LANGUAGE.md lets a replay end them after a
 * while.  The wait is left by a jump out of the SIGALRM handler, which
 * also works when the wait is inside safepoll, which retries EINTR. */
#include <setjmp.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "replay.h"

static sigjmp_buf deadline_jump;
static volatile sig_atomic_t deadline_armed;

static void on_alarm(int sig)
{
	(void)sig;
	if (deadline_armed) {
		deadline_armed = 0;
		siglongjmp(deadline_jump, 1);
	}
}

void replay_signals_init(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	/* LANGUAGE.md: a write with no reader fails with EPIPE. */
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	sa.sa_handler = on_alarm;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
}

bool replay_deadline(unsigned seconds, void (*fn)(void *arg), void *arg)
{
	if (sigsetjmp(deadline_jump, 1) != 0) {
		alarm(0);
		return true;
	}
	deadline_armed = 1;
	alarm(seconds);
	fn(arg);
	alarm(0);
	deadline_armed = 0;
	return false;
}
