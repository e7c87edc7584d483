/* close(2), in place of Frama-C's, which requires fd < 1024.
 * Models fs/open.c close_fd and filp_flush: any int is accepted, a number
 * that names no file gives EBADF, and the number is freed even when an
 * error is returned.  Checks nothing; assumes 0 or -1 with a listed errno. */
/* The number the last close freed, as ghost state: what lets a contract
 * say which descriptor a function closes (safepoll_close closes fd and
 * nothing else, so never the instance's own). */
//@ ghost int spec_closed;

/*@
  assigns result: \result \from indirect:fd; // man 2 close RETURN VALUE
  assigns closed: spec_closed \from fd; // fs/open.c close_fd: the number is freed whatever close returns
  assigns error: errno \from indirect:fd; // man 2 close ERRORS
  ensures result: \result == 0 || \result == -1; // man 2 close RETURN VALUE
  ensures closed: spec_closed == fd; // fs/open.c close_fd: file_close_fd(fd) takes the number it is given
  ensures error: \result == -1 ==> errno == EBADF || errno == EINTR || errno == EIO || errno == ENOSPC || errno == EDQUOT; // man 2 close ERRORS
*/
int close(int fd);
