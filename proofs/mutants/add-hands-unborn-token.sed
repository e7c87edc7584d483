# safepoll_add gives the kernel the free slot's token one generation
# ahead of the slot's own: the registration is made, but every event of
# it carries a token that is never live and is dropped.
# file: ctl.c
# proof: wp:add_to_free_slot
/^static int add_to_free_slot(/,/^}/s/^\t\t     sp_token(sp, sp->free_head), &ev);$/\t\t     sp_token(sp, sp->free_head) + 0x100000000u, \&ev);/
