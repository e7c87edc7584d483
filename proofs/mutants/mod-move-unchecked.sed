# A mod at the last generation moves to a free slot without checking that
# one is free: the free list's end (SP_NIL) becomes a slot index.
# file: ctl.c
# proof: wp:mod_to_free_slot
s/^\tif (sp->free_head == SP_NIL)$/\tif (sp->free_head == SP_NIL \&\& sp->free_head != SP_NIL)/
