/* clock_gettime(2) on CLOCK_MONOTONIC, the only clock safepoll reads.
 * Models kernel/time/posix-timers.c posix_get_monotonic_timespec
 * (ktime_get_ts64, then timens_add_monotonic).  Checks the clock and that
 * *tp is writable; assumes a normalized, non-negative time or -1. */
/*@
  requires clock: clk_id == CLOCK_MONOTONIC; // man 2 clock_gettime: the only clock modelled here
  requires tp: \valid(tp); // man 2 clock_gettime ERRORS: EFAULT
  assigns result: \result \from indirect:clk_id; // man 2 clock_gettime RETURN VALUE
  assigns time: *tp \from indirect:clk_id; // posix_get_monotonic_timespec; put_timespec64
  assigns error: errno \from indirect:clk_id; // man 2 clock_gettime ERRORS
  ensures result: \result == 0 || \result == -1; // man 2 clock_gettime RETURN VALUE
  ensures normalized: \result == 0 ==> 0 <= tp->tv_nsec < 1000000000; // ktime_get_ts64: timespec64_add_ns keeps tv_nsec < NSEC_PER_SEC
  ensures since_boot: \result == 0 ==> tp->tv_sec >= 0; // man 7 time_namespaces; kernel/time/namespace.c proc_timens_set_offset refuses a negative monotonic time (ERANGE)
  ensures error: \result == -1 ==> errno == EFAULT || errno == EINVAL; // man 2 clock_gettime ERRORS
*/
int clock_gettime(clockid_t clk_id, struct timespec *tp);
