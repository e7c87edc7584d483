# file: src/ctl.c
# The planted wrapper bug: safepoll_close closes before it deletes, so
# the delete meets a closed number (EBADF) and, when a dup keeps the file
# open, the registration stays in the kernel.  Only `delclose` calls
# safepoll_close: a trace's `close` is close(2).
s/^\tint rc = safepoll_del(sp, fd);$/\tint rc = close(fd) < 0 ? -errno : safepoll_del(sp, fd);/
