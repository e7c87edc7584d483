# safepoll_del overwrites the instance's epoll descriptor: every later
# call fails (assigns *sp allows it).
# file: ctl.c
# proof: wp:safepoll_del
/^int safepoll_del(/,/^}/s/^\trc = ctl(sp, EPOLL_CTL_DEL, fd, 0, 0, &ev);$/\trc = ctl(sp, EPOLL_CTL_DEL, fd, 0, 0, \&ev); sp->epfd = -1;/
