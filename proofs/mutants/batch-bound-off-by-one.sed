# safepoll_wait keeps one count past the batch inline: epoll_wait may
# write one event beyond it.  Caught by the epoll_wait contract (requires
# events).
# file: safepoll_loop.h
# proof: eva wp:safepoll_wait_4
s/^\tif (maxevents <= 0 || maxevents > SAFEPOLL_BATCH || timeout_ms > 0)$/\tif (maxevents <= 0 || maxevents > SAFEPOLL_BATCH + 1 || timeout_ms > 0)/
