# safepoll_wait_array fetches one event more than out holds.
# file: wait.c
# proof: eva wp:safepoll_wait_array
s/^\tn = safepoll_wait(sp, maxevents, timeout_ms);$/\tn = safepoll_wait(sp, maxevents < SAFEPOLL_EP_MAX_EVENTS ? maxevents + 1 : maxevents, timeout_ms);/
