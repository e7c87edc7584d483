/* dup3(2): makes newfd name oldfd's open file, closing what newfd named.
 * Models fs/file.c ksys_dup3 and do_dup2: the number newfd stays taken
 * (so spec_closed does not move), its old file is released.  Frama-C's
 * libc has no dup3 (a GNU call).  Checks the flag safepoll passes;
 * assumes newfd or -1 with a listed errno. */
/*@
  requires flags: flags == 0 || flags == O_CLOEXEC; // ksys_dup3: flags & ~O_CLOEXEC -> EINVAL
  assigns result: \result \from indirect:oldfd, indirect:newfd, indirect:flags; // man 2 dup3 RETURN VALUE
  assigns error: errno \from indirect:oldfd, indirect:newfd, indirect:flags; // man 2 dup3 ERRORS
  ensures result: \result == newfd || \result == -1; // man 2 dup3 RETURN VALUE: the new descriptor
  ensures error: \result == -1 ==> errno == EBADF || errno == EBUSY || errno == EINTR || errno == EINVAL || errno == EMFILE; // man 2 dup3 ERRORS; ksys_dup3
*/
int dup3(int oldfd, int newfd, int flags);
