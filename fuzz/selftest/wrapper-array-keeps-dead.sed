# file: src/wait.c
# The planted wrapper bug: safepoll_wait_array stores every event it
# fetched, dead ones too.  Only `waitarray` calls safepoll_wait_array.
s/if (safepoll_event(sp, i, &out\[stored\]) == 1)/if (safepoll_event(sp, i, \&out[stored]) >= 0)/
