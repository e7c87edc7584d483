# safepoll_wait does not clamp maxevents to the batch (it tests the
# kernel's bound, already checked, instead of SAFEPOLL_BATCH): any count
# the kernel accepts reaches epoll_wait with the instance's 128 events.
# file: safepoll_loop.h
# proof: eva wp:safepoll_wait_4
s/^\tif (maxevents > SAFEPOLL_BATCH)$/\tif (maxevents > SAFEPOLL_EP_MAX_EVENTS)/
