# safepoll_event compares only the token's lower half, the slot index:
# a stale token of a reused slot (an older generation) reaches the caller.
# file: safepoll_loop.h
# proof: wp:safepoll_event_4
s/^\(\tif (slot < sp->capacity && \)sp->regs\[slot\]\.token == token) {$/\1sp->regs[slot].token % 0x100000000u == slot) {/
