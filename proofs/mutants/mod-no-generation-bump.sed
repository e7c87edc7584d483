# safepoll_mod keeps the generation: the registration the mod reached
# and an older one at the same number share a live token.
# file: ctl.c
# proof: wp:safepoll_mod
s/^\t\ttoken += 0x100000000u;$/\t\ttoken += 0;/
