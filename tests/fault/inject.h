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
	SITE_EPOLL_PWAIT,
	SITE_EPOLL_PWAIT2,
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
/* The maxevents and timeout the nth epoll_wait (from 1, counted as
 * fault_calls counts; the first 8 kept) was given: 0, or -1 when there
 * was no such call. */
int fault_wait_args(unsigned n, int *max, int *ms);
/* What the nth epoll_pwait (first 8 kept) was given: count, timeout and
 * mask; and the nth epoll_pwait2's (its timeout {-1, -1} for NULL).  0,
 * or -1 when there was no such call. */
struct timespec;
int fault_pwait_args(unsigned n, int *max, int *ms, const void **mask);
int fault_pwait2_args(unsigned n, int *max, struct timespec *timeout,
		      const void **mask);
/* Allocations not yet freed. */
long fault_live_allocations(void);

/* A second fault, armed beside the first (same counting). */
void fault_arm_also(int site, unsigned n, int err);

/* Scripted answers: reads of /proc/self/fdinfo return `text` in chunks of
 * `chunk` bytes (NULL: the real file); clock_gettime returns times[0],
 * times[1], ... (count 0: the real clock). */
struct timespec;
void fault_fake_fdinfo(const char *text, unsigned chunk);
void fault_fake_clock(const struct timespec *times, unsigned count);

#endif
