# file: src/safepoll.h
# The planted wrapper bug: safepoll_next (inline in the header) skips the
# generation check, so an event whose registration was deleted or
# replaced (its slot taken again) is handed out as the slot's live one.
s/sp->regs\[slot\]\.gen == (uint32_t)(token[^)]*)/1/
