/* epoll_wait(2): fetches up to maxevents ready events.
 * Models fs/eventpoll.c do_epoll_wait, ep_poll, ep_send_events.
 * Checks that the buffer is writable for maxevents events and that
 * maxevents is one the kernel accepts, or 0, which it refuses before it
 * waits or writes (safepoll passes 0 to get the kernel's answer to a count
 * it refuses); assumes a count in [0, maxevents] or -1 with a listed
 * errno.  Nothing is assumed about what the events
 * hold: a token can be anything, and safepoll checks each one. */
/*@
  requires maxevents: 0 <= maxevents <= SPEC_EP_MAX_EVENTS; // do_epoll_wait: maxevents <= 0 || > EP_MAX_EVENTS -> EINVAL
  requires events: \valid(events + (0 .. maxevents - 1)); // do_epoll_wait: access_ok(events, maxevents * sizeof) else EFAULT
  assigns result: \result \from indirect:epfd, indirect:maxevents, indirect:timeout; // man 2 epoll_wait RETURN VALUE
  assigns events: events[0 .. maxevents - 1] \from indirect:epfd, indirect:maxevents, indirect:timeout; // ep_send_events: __put_user of each event
  assigns error: errno \from indirect:epfd, indirect:maxevents, indirect:timeout; // man 2 epoll_wait ERRORS
  ensures result: -1 <= \result <= maxevents; // ep_send_events: stops at maxevents
  ensures error: \result == -1 ==> errno == EBADF || errno == EFAULT || errno == EINTR || errno == EINVAL; // man 2 epoll_wait ERRORS
  ensures refused: maxevents == 0 ==> \result == -1 && (errno == EBADF || errno == EINVAL); // do_epoll_wait: an epfd not open (EBADF, first on Linux 6.18), not an epoll file or the count (EINVAL), before any wait
*/
int epoll_wait(int epfd, struct epoll_event *events, int maxevents, int timeout);
