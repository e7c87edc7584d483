/* close(2), in place of Frama-C's, which requires fd < 1024.
 * Models fs/open.c close_fd and filp_flush: any int is accepted, a number
 * that names no file gives EBADF, and the number is freed even when an
 * error is returned.  Checks nothing; assumes 0 or -1 with a listed errno. */
/*@
  assigns result: \result \from indirect:fd; // man 2 close RETURN VALUE
  assigns error: errno \from indirect:fd; // man 2 close ERRORS
  ensures result: \result == 0 || \result == -1; // man 2 close RETURN VALUE
  ensures error: \result == -1 ==> errno == EBADF || errno == EINTR || errno == EIO || errno == ENOSPC || errno == EDQUOT; // man 2 close ERRORS
*/
int close(int fd);
