# file: src/ctl.c
# The planted wrapper bug: a full table's add keeps the record of a file
# closed behind safepoll's back even once the kernel took a new file at
# its number, so the add is refused (ENOSPC) though that record's slot
# could serve it.  Needs `instance` with a small ROOM and a close of a
# registered file.
/The kernel took a new (file, fd) pair/,/sp_release(sp, slot, prev);/s/if (slot != SP_NIL)/if (0)/
