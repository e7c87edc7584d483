# safepoll_del releases the slot only on a stale answer, never on success:
# an event still in the batch is handed out with the deleted udata.
# file: ctl.c
# proof: wp:safepoll_del
s/^\tif (slot != SP_NIL && (rc == 0 || record_is_stale(rc))) {$/\tif (slot != SP_NIL \&\& (rc != 0 \&\& record_is_stale(rc))) {/
