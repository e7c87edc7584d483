/* Uses every function of the installed headers, in C89 (and so in C99,
 * C11 and C++ as well): make test-headers compiles it in each with
 * -pedantic -Werror, links it against the installed library and runs it. */
#define _POSIX_C_SOURCE 200809L /* pipe, sigemptyset: not the header's */
#include <safepoll.h>
#include <unistd.h>

int main(void)
{
	static struct safepoll_reg regs[2], more[4];
	static struct safepoll own;
	struct safepoll *sp = 0;
	struct safepoll_event ev, out[1];
	struct safepoll_report report;
	struct timespec ts;
	sigset_t mask;
	int p[2], fails = 0;

	ts.tv_sec = 0;
	ts.tv_nsec = 0;
	sigemptyset(&mask);
	fails += safepoll_init(&own, regs, 2, 0) != 0;
	fails += safepoll_grow(&own, more, 4) != 0;
	fails += safepoll_fini(&own) != 0;
	fails += safepoll_new(&sp, 2, SAFEPOLL_EINTR) != 0;
	if (fails || pipe(p) != 0)
		return 1;
	fails += safepoll_add(sp, p[0], EPOLLIN, &own) != 0;
	fails += safepoll_mod(sp, p[0], EPOLLIN | EPOLLET, &own) != 0;
	fails += write(p[1], "x", 1) != 1;
	fails += safepoll_wait(sp, 1, -1) != 1;
	fails += safepoll_event(sp, 0, &ev) != 1 || ev.udata != &own;
	fails += safepoll_event(sp, 1, &ev) != -ENOENT;
	fails += safepoll_wait_array(sp, out, 1, 0) < 0;
	fails += safepoll_pwait(sp, 1, 0, &mask) < 0;
	fails += safepoll_pwait2(sp, 1, &ts, &mask) < 0;
	fails += safepoll_check(sp) != 0;
	fails += safepoll_check_report(sp, &report) != 0;
	fails += safepoll_rebuild(sp) != 0;
	fails += safepoll_del(sp, p[0]) != 0;
	fails += safepoll_close(sp, p[1]) != 0;
	fails += safepoll_close(sp, p[0]) != 0;
	fails += safepoll_dropped(sp) != 0;
	fails += safepoll_fd(sp) < 0;
	fails += safepoll_free(sp) != 0;
	return fails != 0;
}
