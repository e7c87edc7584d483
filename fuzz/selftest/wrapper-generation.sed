# file: src/safepoll_loop.h
# The planted wrapper bug: safepoll_event (inline in the header) checks
# only that the token's slot holds a registration, not its generation, so
# an event whose registration was deleted or replaced (its slot taken
# again, or its generation moved by a mod) is handed out as the slot's
# live one.
s/sp->regs\[slot\]\.token == token/(uint32_t)sp->regs[slot].token == slot/
