/* make eacsl: the entry point Frama-C is given (-main).  E-ACSL works out
 * which memory blocks a run must track (here: every buffer a kernel
 * contract calls \valid on) from the calls below; without an entry point
 * it tracks none, and every \valid of a stack buffer would fail.  Never
 * called: the replay tool's main is the program's. */
#include <signal.h>
#include <stddef.h>

#include "safepoll.h"

int sp_eacsl_entry(void);

int sp_eacsl_entry(void)
{
	struct safepoll *sp = NULL, own;
	struct safepoll_reg regs[1];
	struct safepoll_event ev, out[1];
	struct timespec ts = {0, 1};
	sigset_t mask;

	if (safepoll_init(&own, regs, 1, 0) == 0)
		safepoll_fini(&own);
	if (safepoll_new(&sp, 1, 0) != 0)
		return 1;
	safepoll_add(sp, 0, EPOLLIN, NULL);
	safepoll_mod(sp, 0, EPOLLOUT, NULL);
	safepoll_del(sp, 0);
	safepoll_close(sp, 0);
	safepoll_wait(sp, 1, -1);
	safepoll_wait(sp, 1, 1);
	safepoll_wait(sp, 1, 0);
	safepoll_event(sp, 0, &ev);
	safepoll_wait_array(sp, out, 1, 0);
	sigemptyset(&mask);
	safepoll_pwait(sp, 1, 1, &mask);
	safepoll_pwait2(sp, 1, &ts, &mask);
	safepoll_pwait2(sp, 1, NULL, NULL);
	safepoll_check(sp);
	safepoll_dropped(sp);
	safepoll_fd(sp);
	return safepoll_free(sp);
}
