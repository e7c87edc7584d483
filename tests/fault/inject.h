/* Fault injection at every system call safepoll makes: the test binary is
 * linked with -Wl,--wrap=<call> for each, so the release build carries no
 * seam at all. */
#ifndef SAFEPOLL_INJECT_H
#define SAFEPOLL_INJECT_H

enum site {
	SITE_EPOLL_CREATE1,
	SITE_EPOLL_CTL,
	SITE_EPOLL_WAIT,
	SITE_CLOSE,
	SITE_CLOCK_GETTIME,
	SITE_OPEN,
	SITE_READ,
	SITE_MALLOC,
	SITE_COUNT
};

/* The name of a site, and the errno values its man page documents. */
const char *site_name(int site);
const int *site_errnos(int site, int *count);

/* The nth call (from 1) at site fails with err; counting starts afresh. */
void fault_arm(int site, unsigned n, int err);
void fault_disarm(void);
/* Whether the armed fault has fired, and how often each site was called. */
int fault_fired(void);
unsigned fault_calls(int site);
/* Allocations not yet freed. */
long fault_live_allocations(void);

#endif
