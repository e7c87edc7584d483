# safepoll_event hands out on a mismatch: every dead event reaches the
# caller and every live one is dropped.
# file: safepoll_loop.h
# proof: wp:safepoll_event_4
s/^\(\tif (slot < sp->capacity && sp->regs\[slot\]\.token\) == \(token) {\)$/\1 != \2/
