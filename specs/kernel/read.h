/* read(2) into a byte buffer.  Models fs/read_write.c ksys_read and
 * vfs_read: at most count bytes are stored, the count is returned.
 * Declared with char * (glibc: void *) so that WP's typed memory model
 * needs no cast: safepoll reads only into char arrays.  Checks that the
 * buffer is writable for count bytes; assumes a count in [0, count] or
 * -1 with errno > 0. */
/*@
  requires count: count <= 0x7ffff000; // fs/read_write.c vfs_read: count clamped to MAX_RW_COUNT
  requires buf: \valid(buf + (0 .. count - 1)); // man 2 read ERRORS: EFAULT
  assigns result: \result \from indirect:fd, indirect:count; // man 2 read RETURN VALUE
  assigns buf: buf[0 .. count - 1] \from indirect:fd, indirect:count; // vfs_read
  assigns error: errno \from indirect:fd, indirect:count; // man 2 read ERRORS
  ensures result: -1 <= \result <= count; // man 2 read RETURN VALUE: bytes read, 0 at end of file, or -1
  ensures error: \result == -1 ==> 0 < errno <= 4095; // man 2 read ERRORS; include/linux/err.h MAX_ERRNO
*/
ssize_t read(int fd, char *buf, size_t count);
