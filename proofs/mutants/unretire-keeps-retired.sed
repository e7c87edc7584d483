# sp_unretire puts the slot at the head of the free list without linking
# it to the rest: it still links to itself, so it stays retired, and the
# free slots the list held before are lost to every later add.
# file: table.c
# proof: wp:sp_unretire
s/^\tsp->regs\[slot\]\.next = sp->free_head;$/\t(void)0;/
