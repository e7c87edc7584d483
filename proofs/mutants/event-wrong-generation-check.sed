# safepoll_event accepts any token up to the slot's: an older (stale)
# generation of the same slot passes, and so does the last token of a
# slot since freed.
# file: safepoll_loop.h
# proof: wp:safepoll_event_4
s/^\(\tif (slot < sp->capacity && sp->regs\[slot\]\.token\) == \(token) {\)$/\1 >= \2/
