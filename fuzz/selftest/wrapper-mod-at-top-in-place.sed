# file: src/ctl.c
# The planted wrapper bug: safepoll_mod at a slot's last generation
# modifies in place (the generation wraps to 0) instead of moving the
# registration to a free slot and retiring the old one.  Seen as a table
# that does not shrink, and as a mod that succeeds where no slot was free
# to move to.  Needs `instance` at the last generation.
s/if (sp->regs\[slot\].token \/ 0x100000000u == UINT32_MAX)/if (0)/
