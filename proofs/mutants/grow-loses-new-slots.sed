# safepoll_grow leaves the free list as it was: the new slots are never
# taken, and a full table stays full after growth.
# file: instance.c
# proof: wp:safepoll_grow
s/^\tsp->free_head = old;$/\tsp->free_head = sp->free_head;/
