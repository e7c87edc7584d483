# sp_take links the new slot to nothing: the slots of its chain below it
# are lost to every lookup, so a del of their fds leaves them live and an
# add makes second records for those fds.
# file: table.c
# proof: wp:sp_take
s/^\tr->next = i;$/\tr->next = SP_NIL;/
