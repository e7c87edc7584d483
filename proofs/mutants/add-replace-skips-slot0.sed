# safepoll_add does not retire a replaced record in slot 0: it keeps
# delivering events.
# file: ctl.c
# proof: wp:add_to_free_slot
s/^\tif (old != SP_NIL) {$/\tif (old != SP_NIL \&\& old != 0) {/
