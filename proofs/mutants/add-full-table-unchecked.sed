# safepoll_add takes a slot without checking that one is free: the
# free list's end (SP_NIL) becomes a slot index.
# file: ctl.c
# proof: eva wp:safepoll_add
s/^\tif (sp->free_head == SP_NIL) {$/\tif (sp->free_head == SP_NIL \&\& sp->free_head != SP_NIL) {/
