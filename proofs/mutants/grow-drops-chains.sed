# safepoll_grow copies the slots but not the chain heads: no registration
# is found by fd again (a mod answers -ENOENT, an add makes a second one).
# file: instance.c
# proof: wp:copy_slots
s/^\t\tto\[i\].head = from\[i\].head;$/\t\tto[i].head = SP_NIL;/
