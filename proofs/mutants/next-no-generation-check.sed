# safepoll_next hands out an event without checking the token's
# generation: a stale token of a reused slot reaches the caller.
# file: safepoll.h
# proof: wp:safepoll_next_3
s/^\(\t\t    \)sp->regs\[slot\]\.gen == (uint32_t)(token \/ 0x100000000u)) {$/\11) {/
