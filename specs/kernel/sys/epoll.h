/* <sys/epoll.h> as Frama-C sees it: Frama-C's libc has none.  The types
 * and constants are glibc's (sysdeps/unix/sysv/linux/sys/epoll.h, x86_64:
 * the event is packed, 12 bytes); the contracts of the five calls are in
 * the files named for them.  The real build uses glibc's header. */
#ifndef SAFEPOLL_SPEC_SYS_EPOLL_H
#define SAFEPOLL_SPEC_SYS_EPOLL_H

#include <stdint.h>
#include <fcntl.h>
#include <signal.h>
#include <time.h>

#define EPOLLIN 0x001u
#define EPOLLPRI 0x002u
#define EPOLLOUT 0x004u
#define EPOLLRDNORM 0x040u
#define EPOLLRDBAND 0x080u
#define EPOLLWRNORM 0x100u
#define EPOLLWRBAND 0x200u
#define EPOLLMSG 0x400u
#define EPOLLERR 0x008u
#define EPOLLHUP 0x010u
#define EPOLLRDHUP 0x2000u
#define EPOLLEXCLUSIVE (1u << 28)
#define EPOLLWAKEUP (1u << 29)
#define EPOLLONESHOT (1u << 30)
#define EPOLLET (1u << 31)

#define EPOLL_CLOEXEC O_CLOEXEC

#define EPOLL_CTL_ADD 1
#define EPOLL_CTL_DEL 2
#define EPOLL_CTL_MOD 3

typedef union epoll_data {
	void *ptr;
	int fd;
	uint32_t u32;
	uint64_t u64;
} epoll_data_t;

struct epoll_event {
	uint32_t events;
	epoll_data_t data;
} __attribute__((__packed__));

/* include/uapi/linux/eventpoll.h is silent on it; fs/eventpoll.c:
 * EP_MAX_EVENTS (INT_MAX / sizeof(struct epoll_event)). */
#define SPEC_EP_MAX_EVENTS 178956970

#include "../epoll_create1.h"
#include "../epoll_ctl.h"
#include "../epoll_wait.h"
#include "../epoll_pwait.h"
#include "../epoll_pwait2.h"

#endif
