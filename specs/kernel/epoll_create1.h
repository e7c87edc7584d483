/* epoll_create1(2): a new epoll instance.
 * Models fs/eventpoll.c do_epoll_create: ep_alloc, get_unused_fd_flags,
 * anon_inode_getfile.  Checks that safepoll passes a flag the kernel
 * knows; assumes the result is a descriptor or -1 with a listed errno. */
/*@
  requires flags: flags == 0 || flags == EPOLL_CLOEXEC; // do_epoll_create: flags & ~EPOLL_CLOEXEC -> EINVAL
  assigns result: \result \from indirect:flags; // man 2 epoll_create RETURN VALUE
  assigns error: errno \from indirect:flags; // man 2 epoll_create ERRORS
  ensures result: \result >= -1; // man 2 epoll_create RETURN VALUE: a file descriptor or -1
  ensures error: \result == -1 ==> errno == EMFILE || errno == ENFILE || errno == ENOMEM; // man 2 epoll_create ERRORS; do_epoll_create
*/
int epoll_create1(int flags);
