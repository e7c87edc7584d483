/* epoll_pwait(2): epoll_wait with *sigmask as the thread's signal mask for
 * the wait, installed and restored atomically (NULL: the mask as it is).
 * Models fs/eventpoll.c do_epoll_pwait: set_user_sigmask, do_epoll_wait,
 * restore_saved_sigmask_unless.  glibc passes the kernel's sigset size,
 * so the mask is refused only when unreadable.  Checks what epoll_wait's
 * contract checks and that the mask is readable; assumes what it
 * assumes. */
/*@
  requires maxevents: 0 <= maxevents <= SPEC_EP_MAX_EVENTS; // do_epoll_wait: maxevents <= 0 || > EP_MAX_EVENTS -> EINVAL
  requires events: \valid(events + (0 .. maxevents - 1)); // do_epoll_wait: access_ok(events, maxevents * sizeof) else EFAULT
  requires sigmask: sigmask == \null || \valid_read(sigmask); // set_user_sigmask: copy_from_user else EFAULT
  assigns result: \result \from indirect:epfd, indirect:maxevents, indirect:timeout, indirect:sigmask; // man 2 epoll_pwait RETURN VALUE
  assigns events: events[0 .. maxevents - 1] \from indirect:epfd, indirect:maxevents, indirect:timeout, indirect:sigmask; // ep_send_events: __put_user of each event
  assigns error: errno \from indirect:epfd, indirect:maxevents, indirect:timeout, indirect:sigmask; // man 2 epoll_pwait ERRORS
  ensures result: -1 <= \result <= maxevents; // ep_send_events: stops at maxevents
  ensures error: \result == -1 ==> errno == EBADF || errno == EFAULT || errno == EINTR || errno == EINVAL; // man 2 epoll_pwait ERRORS
  ensures refused: maxevents == 0 ==> \result == -1 && (errno == EBADF || errno == EINVAL); // do_epoll_wait, after a readable mask is installed: as epoll_wait's
*/
int epoll_pwait(int epfd, struct epoll_event *events, int maxevents,
		int timeout, const sigset_t *sigmask);
