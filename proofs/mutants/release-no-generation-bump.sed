# sp_release frees a slot without bumping its generation: the next
# registration in the slot gets the token of the old one.
# file: table.c
# proof: wp:sp_release
s/^\t\tgen++;$/\t\t(void)gen;/
