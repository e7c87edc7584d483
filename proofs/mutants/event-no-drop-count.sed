# safepoll_event drops a dead event without counting it: safepoll_dropped
# under-reports the events it kept from the caller.
# file: safepoll_loop.h
# proof: wp:safepoll_event_4
s/^\tsp->dropped++;$/\t(void)sp->dropped;/
