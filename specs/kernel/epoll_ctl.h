/* epoll_ctl(2): adds, modifies or removes one registration.
 * Models fs/eventpoll.c do_epoll_ctl, ep_insert, ep_modify, ep_remove.
 * Checks that the event safepoll passes is readable (the kernel copies it
 * for every op but EPOLL_CTL_DEL) and that the op is one of the three;
 * assumes 0 or -1 with a listed errno.  Nothing is assumed about which
 * registrations the kernel holds: safepoll's safety does not rest on it. */
/* What the last epoll_ctl was asked, as ghost state: what lets a contract
 * say which token the kernel holds for fd's registration after an add or
 * a mod (ep_insert and ep_modify keep the event's data as given:
 * epi->event.data = event->data). */
//@ ghost int spec_ctl_op;
//@ ghost int spec_ctl_fd;
//@ ghost uint64_t spec_ctl_data;

/*@
  requires op: op == EPOLL_CTL_ADD || op == EPOLL_CTL_MOD || op == EPOLL_CTL_DEL; // do_epoll_ctl: default -> EINVAL
  requires event: op == EPOLL_CTL_DEL || \valid_read(event); // SYSCALL_DEFINE4(epoll_ctl): ep_op_has_event -> copy_from_user
  assigns result: \result \from indirect:epfd, indirect:op, indirect:fd, indirect:*event; // man 2 epoll_ctl RETURN VALUE
  assigns error: errno \from indirect:epfd, indirect:op, indirect:fd, indirect:*event; // man 2 epoll_ctl ERRORS
  assigns told: spec_ctl_op \from op; // ghost bookkeeping, not a kernel fact
  assigns told_fd: spec_ctl_fd \from fd; // ghost bookkeeping, not a kernel fact
  assigns told_data: spec_ctl_data \from indirect:op, *event; // ghost bookkeeping, not a kernel fact
  ensures result: \result == 0 || \result == -1; // man 2 epoll_ctl RETURN VALUE
  ensures told: spec_ctl_op == op && spec_ctl_fd == fd; // ghost bookkeeping, not a kernel fact
  ensures told_data: op != EPOLL_CTL_DEL ==> spec_ctl_data == event->data.u64; // ghost bookkeeping, not a kernel fact
  ensures fd: \result == 0 ==> fd >= 0; // do_epoll_ctl: fdget(fd) of a negative number fails -> EBADF
  ensures self: fd == epfd ==> \result == -1 && (errno == EBADF || errno == EINVAL); // do_epoll_ctl, 5.10 to 6.18: an epoll is pollable (no EPERM), then f.file == tf.file -> EINVAL
  ensures error: \result == -1 ==> errno == EBADF || errno == EEXIST || errno == EINVAL || errno == ELOOP || errno == ENOENT || errno == ENOMEM || errno == ENOSPC || errno == EPERM || errno == EFAULT; // man 2 epoll_ctl ERRORS; do_epoll_ctl
*/
int epoll_ctl(int epfd, int op, int fd, struct epoll_event *event);
