/* Pre-included in replay/wrapper.c when make eacsl compiles it again for
 * the instrumented replay tool (mk/eacsl.mk).  safepoll_wait is inline
 * (safepoll_loop.h): its copy in wrapper.c, compiled by gcc, calls
 * epoll_wait itself, and the untimed waits of the corpus would reach the
 * kernel with no clause checked.  Here that call goes to the wrapper
 * E-ACSL made around kernel.c's body (its name is E-ACSL's: a rename there
 * fails the link, not the check), which checks epoll_wait's requires and
 * ensures around the real call, as for the waits of src/.  Only wrapper.c
 * gets this: replay/kernel.c passes the kernel bad arguments on purpose. */
#ifndef SAFEPOLL_EACSL_INLINE_H
#define SAFEPOLL_EACSL_INLINE_H

#include <sys/epoll.h>

int __gen_e_acsl_spk_epoll_wait(int epfd, struct epoll_event *events,
				int maxevents, int timeout);
#define epoll_wait __gen_e_acsl_spk_epoll_wait

#endif
