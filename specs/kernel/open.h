/* open(2) of an existing file for reading (safepoll opens only
 * /proc/self/fdinfo/<epfd>), in place of Frama-C's variadic one: the
 * mode argument is read only with O_CREAT or O_TMPFILE (man 2 open), so
 * two arguments model every call safepoll makes.  Checks that the path
 * is a readable string, in the bounded form that Eva and E-ACSL can
 * evaluate as well as WP: a buffer of SPEC_PATH_BYTES (safepoll's own)
 * whose last byte is NUL holds a string; assumes a descriptor or -1 with
 * errno > 0. */
#define SPEC_PATH_BYTES 32

/* The number the last open returned (-1 when it failed), as ghost state:
 * what lets a contract say that a function closes what it opened
 * (safepoll_check's read of fdinfo leaks no descriptor). */
//@ ghost int spec_opened;

/*@
  requires path: \valid_read(path + (0 .. SPEC_PATH_BYTES - 1)) && path[SPEC_PATH_BYTES - 1] == 0; // fs/namei.c getname: strncpy_from_user reads up to the NUL, which this buffer has
  requires flags: (flags & O_CREAT) == 0; // man 2 open: without O_CREAT no mode is read
  assigns result: \result \from indirect:path[0 ..], indirect:flags; // man 2 open RETURN VALUE
  assigns error: errno \from indirect:path[0 ..], indirect:flags; // man 2 open ERRORS
  assigns opened: spec_opened \from indirect:path[0 ..], indirect:flags; // the number returned
  ensures result: \result >= -1; // man 2 open RETURN VALUE: a file descriptor or -1
  ensures opened: spec_opened == \result; // ghost bookkeeping, not a kernel fact
  ensures error: \result == -1 ==> 0 < errno <= 4095; // man 2 open ERRORS (many); include/linux/err.h MAX_ERRNO
*/
int open(const char *path, int flags);
