# sp_release leaves the slot in its chain when another slot comes before
# it there: the chain then runs through a free slot, and a lookup of the
# next fd on it walks into a slot another registration may take.
# file: table.c
# proof: wp:sp_release
s/^\t\tsp->regs\[prev\]\.next = next;$/\t\t(void)next;/
