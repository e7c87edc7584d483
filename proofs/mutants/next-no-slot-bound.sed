# safepoll_next indexes the table with a decoded slot it has not
# bounded: a token from the kernel can be anything.
# file: safepoll.h
# proof: eva wp:safepoll_next_3
s/^\(\t\tif (\)slot < sp->capacity && \(sp->regs\[slot\]\.fd >= 0 &&\)$/\1\2/
