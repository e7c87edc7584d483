# safepoll_mod at the last generation moves the registration to a free
# slot but leaves the old slot live: an event fetched before the mod is
# still handed out, with the old udata and mask.
# file: ctl.c
# proof: wp:mod_to_free_slot
/^static int mod_to_free_slot(/,/^}/s/^\tsp_release(sp, slot, sp->regs\[moved\].next == slot ? moved : prev);$/\t(void)prev;/
