# file: src/table.c
# The planted wrapper bug: a release at a slot's last generation wraps it
# to 0 instead of retiring the slot, so a token the slot gave out long
# ago could come back live.  Seen as a table that never shrinks: an add
# succeeds where every slot is held or retired.  Needs `instance` at or
# just below the last generation, with a small ROOM.
s/if (gen == UINT32_MAX) {/if (0) {/
