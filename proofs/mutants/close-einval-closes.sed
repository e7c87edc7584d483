# safepoll_close closes fd after -EINVAL too: safepoll_close(sp,
# safepoll_fd(sp)) closes the instance's own epoll descriptor.
# file: ctl.c
# proof: wp:safepoll_close
s/^\tif (rc < 0 && rc != -ENOENT && rc != -EPERM)$/\tif (rc < 0 \&\& rc != -ENOENT \&\& rc != -EPERM \&\& rc != -EINVAL)/
