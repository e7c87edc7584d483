# file: src/timeout.c
# The planted wrapper bug: the time a signal's wait already spent is
# counted ten times over, so after an EINTR safepoll_wait waits again
# for too little and a wait with nothing ready ends before its TIMEOUT.
# Needs a wait with a TIMEOUT through safepoll, under timed.c's signals.
s|spent_ms = (sec \* 1000000000 + nsec) / 1000000;|spent_ms = (sec * 1000000000 + nsec) / 100000;|
