# safepoll_mod keeps the generation: the registration the mod reached
# and an older one at the same number share a live token.
# file: ctl.c
# proof: wp:safepoll_mod
s/^\t\t\tsp->regs\[slot\]\.gen++;$/\t\t\t(void)sp->regs[slot].gen;/
