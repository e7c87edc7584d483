# safepoll_close closes the instance's epoll descriptor, not fd.
# file: ctl.c
# proof: wp:safepoll_close
s/^\tif (close(fd) < 0)$/\tif (close(sp->epfd) < 0)/
