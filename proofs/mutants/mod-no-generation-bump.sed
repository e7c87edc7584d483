# safepoll_mod keeps the generation: the registration the mod reached
# and an older one at the same number share a live token.
# file: ctl.c
# proof: wp:mod_in_place
s/^\tuint64_t token = sp->regs\[slot\].token + 0x100000000u;$/\tuint64_t token = sp->regs[slot].token + 0;/
