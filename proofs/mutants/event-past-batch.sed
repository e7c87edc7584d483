# safepoll_event's end test one too late: index batch_len, which the last
# wait did not fill (or one past the batch when it was full), is read as
# an event instead of ending the loop.
# file: safepoll_loop.h
# proof: eva wp:safepoll_event_4
s/^\tif (i >= sp->batch_len)$/\tif (i > sp->batch_len)/
