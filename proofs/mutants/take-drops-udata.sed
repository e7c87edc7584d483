# sp_take stores no udata: every event comes back with udata NULL.
# file: table.c
# proof: wp:sp_take
s/^\tr->udata = udata;$/\tr->udata = 0;/
