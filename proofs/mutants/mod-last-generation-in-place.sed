# safepoll_mod at a slot's last generation mods in place: the generation
# cannot move on, so an event fetched before the mod is handed out with
# the new udata (hardening defect 1).
# file: ctl.c
# proof: wp:safepoll_mod
s/^\t\treturn mod_to_free_slot(sp, slot, prev, fd, events, udata);$/\t\treturn mod_in_place(sp, slot, prev, fd, events, udata);/
