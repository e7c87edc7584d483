/* fstat(2): what file a descriptor names.  Models fs/stat.c vfs_fstat and
 * cp_new_stat: the file's inode number and its device, in
 * new_encode_dev's encoding, written out; a number that names no file
 * gives EBADF (a file system's getattr may fail otherwise: safepoll reads
 * no errno of it).  Checks that the buffer is writable; assumes 0 or -1
 * with errno > 0. */
/*@
  requires buf: \valid(buf); // man 2 fstat ERRORS: EFAULT
  assigns result: \result \from indirect:fd; // man 2 fstat RETURN VALUE
  assigns buf: *buf \from indirect:fd; // fs/stat.c cp_new_stat: copy_to_user of the whole struct
  assigns error: errno \from indirect:fd; // man 2 fstat ERRORS
  ensures result: \result == 0 || \result == -1; // man 2 fstat RETURN VALUE
  ensures error: \result == -1 ==> 0 < errno <= 4095; // man 2 fstat ERRORS; include/linux/err.h MAX_ERRNO
*/
int fstat(int fd, struct stat *buf);
