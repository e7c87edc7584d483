# safepoll_add refuses an event bit with no name as -EPERM, not -EINVAL:
# the kernel's answer for a file epoll cannot watch, which a caller (and
# safepoll_close) reads as "this fd's record is stale".
# file: ctl.c
# proof: wp:safepoll_add
/^int safepoll_add(/,/^}/s/^\t\treturn -EINVAL;$/\t\treturn -EPERM;/
