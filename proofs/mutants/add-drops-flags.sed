# safepoll_add clears the instance's flags: after the first add a wait
# no longer hands SAFEPOLL_EINTR back to the caller and retries a signal
# instead (assigns *sp allows it; ensures instance and kept forbid it).
# file: ctl.c
# proof: wp:safepoll_add
/^int safepoll_add(/,/^}/s/^\trc = add_to_free_slot(sp, fd, events, udata);$/\trc = add_to_free_slot(sp, fd, events, udata); sp->flags = 0;/
