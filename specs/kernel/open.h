/* open(2) of an existing file for reading (safepoll opens only
 * /proc/self/fdinfo/<epfd>), in place of Frama-C's variadic one: the
 * mode argument is read only with O_CREAT or O_TMPFILE (man 2 open), so
 * two arguments model every call safepoll makes.  Checks that the path
 * is a readable string; assumes a descriptor or -1 with errno > 0. */
/*@
  requires path: \exists integer n; 0 <= n && \valid_read(path + (0 .. n)) && path[n] == 0; // fs/namei.c getname: strncpy_from_user up to the NUL
  requires flags: (flags & O_CREAT) == 0; // man 2 open: without O_CREAT no mode is read
  assigns result: \result \from indirect:path[0 ..], indirect:flags; // man 2 open RETURN VALUE
  assigns error: errno \from indirect:path[0 ..], indirect:flags; // man 2 open ERRORS
  ensures result: \result >= -1; // man 2 open RETURN VALUE: a file descriptor or -1
  ensures error: \result == -1 ==> 0 < errno <= 4095; // man 2 open ERRORS (many); include/linux/err.h MAX_ERRNO
*/
int open(const char *path, int flags);
