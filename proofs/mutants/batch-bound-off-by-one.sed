# safepoll_wait clamps maxevents one past the batch: epoll_wait may write
# one event beyond it.  Caught by the epoll_wait contract (requires
# events) and safepoll_wait_timed's (requires max).
# file: safepoll_loop.h
# proof: eva wp:safepoll_wait_4
s/^\tif (maxevents > SAFEPOLL_BATCH)$/\tif (maxevents > SAFEPOLL_BATCH + 1)/
