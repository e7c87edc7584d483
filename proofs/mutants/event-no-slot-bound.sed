# safepoll_event indexes the table with a decoded slot it has not
# bounded: a token from the kernel can be anything.
# file: safepoll_loop.h
# proof: eva wp:safepoll_event_4
s/^\(\tif (\)slot < sp->capacity && \(sp->regs\[slot\]\.token == token) {\)$/\1\2/
