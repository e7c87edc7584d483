# safepoll_next accepts any generation up to the slot's: an older
# (stale) token of the same slot passes.
# file: safepoll.h
# proof: wp:safepoll_next_3
s/^\(\t\t    sp->regs\[slot\]\.gen\) == \((uint32_t)(token \/ 0x100000000u)) {\)$/\1 >= \2/
