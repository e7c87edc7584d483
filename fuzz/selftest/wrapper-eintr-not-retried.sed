# file: src/wait.c
# The planted wrapper bug: safepoll_wait made without SAFEPOLL_EINTR
# hands a signal's EINTR to the caller instead of waiting again for the
# time left.  Needs a wait with a TIMEOUT through safepoll, under
# timed.c's signals.
s/return errno == EINTR && (sp->flags & SAFEPOLL_EINTR) == 0;/return (void)sp, 0;/
