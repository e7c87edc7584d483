# ctl answers every kernel error with -1 (-EPERM): safepoll_close then
# closes fds it should not.
# file: ctl.c
# proof: wp:ctl
/^\tif (epoll_ctl(sp->epfd, op, fd, ev) < 0)$/{n;s/^\t\treturn -errno;$/\t\treturn -1;/;}
