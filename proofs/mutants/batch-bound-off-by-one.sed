# The event buffer bound one past the batch: epoll_wait may write one
# event beyond it.  Caught by the epoll_wait contract (requires events).
# file: wait.c
# proof: eva wp:safepoll_wait
s/^\(\tmax = maxevents < (int)sp->batch_cap ? maxevents : (int)sp->batch_cap\);$/\1 + 1;/
