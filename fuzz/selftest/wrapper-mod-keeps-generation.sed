# file: src/ctl.c
# The planted wrapper bug: safepoll_mod keeps the token's generation, so
# an event fetched before a handler's mod is handed out after it as live.
# Only a hand-out after a change in the same batch (`fetch`, then `event`
# with a `mod` between) shows it: a `wait` hands every event out at once.
s/^\tuint64_t token = sp->regs\[slot\].token + 0x100000000u;$/\tuint64_t token = sp->regs[slot].token + 0;/
