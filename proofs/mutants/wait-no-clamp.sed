# safepoll_wait does not keep maxevents to the batch inline (it tests the
# kernel's bound, which the out-of-line wait checks, instead of
# SAFEPOLL_BATCH): any count the kernel accepts reaches epoll_wait with
# the instance's batch.
# file: safepoll_loop.h
# proof: eva wp:safepoll_wait_4
s/^\tif (maxevents <= 0 || maxevents > SAFEPOLL_BATCH || timeout_ms > 0)$/\tif (maxevents <= 0 || maxevents > SAFEPOLL_EP_MAX_EVENTS || timeout_ms > 0)/
