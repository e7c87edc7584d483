/* epoll_pwait2(2): epoll_pwait with a timeout in nanoseconds (NULL: for
 * ever), since Linux 5.11; an older kernel answers ENOSYS, and so does a
 * tool that does not know the call (valgrind 3.19).  Models
 * fs/eventpoll.c SYSCALL_DEFINE6(epoll_pwait2): the timeout is read and
 * checked (poll_select_set_timeout: timespec64_valid) before anything
 * else, then do_epoll_pwait.  Checks that the timeout is readable and one
 * the kernel takes, and what epoll_pwait's contract checks; assumes what
 * it assumes, ENOSYS added. */
/*@
  requires maxevents: 0 <= maxevents <= SPEC_EP_MAX_EVENTS; // do_epoll_wait: maxevents <= 0 || > EP_MAX_EVENTS -> EINVAL
  requires events: \valid(events + (0 .. maxevents - 1)); // do_epoll_wait: access_ok(events, maxevents * sizeof) else EFAULT
  requires timeout: timeout == \null || (\valid_read(timeout) && timeout->tv_sec >= 0 && 0 <= timeout->tv_nsec < 1000000000); // get_timespec64 else EFAULT; poll_select_set_timeout: !timespec64_valid -> EINVAL
  requires sigmask: sigmask == \null || \valid_read(sigmask); // set_user_sigmask: copy_from_user else EFAULT
  assigns result: \result \from indirect:epfd, indirect:maxevents, indirect:timeout, indirect:sigmask; // man 2 epoll_pwait2 RETURN VALUE
  assigns events: events[0 .. maxevents - 1] \from indirect:epfd, indirect:maxevents, indirect:timeout, indirect:sigmask; // ep_send_events: __put_user of each event
  assigns error: errno \from indirect:epfd, indirect:maxevents, indirect:timeout, indirect:sigmask; // man 2 epoll_pwait2 ERRORS; ENOSYS before Linux 5.11
  ensures result: -1 <= \result <= maxevents; // ep_send_events: stops at maxevents
  ensures error: \result == -1 ==> errno == EBADF || errno == EFAULT || errno == EINTR || errno == EINVAL || errno == ENOSYS; // man 2 epoll_pwait2 ERRORS; sys_ni_syscall before Linux 5.11
  ensures refused: maxevents == 0 ==> \result == -1 && (errno == EBADF || errno == EINVAL || errno == ENOSYS); // do_epoll_wait as epoll_wait's, or no such call
*/
int epoll_pwait2(int epfd, struct epoll_event *events, int maxevents,
		 const struct timespec *timeout, const sigset_t *sigmask);
