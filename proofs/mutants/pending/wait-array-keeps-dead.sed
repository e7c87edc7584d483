# safepoll_wait_array stores every entry, dead ones and unwritten ones.
# file: wait.c
# proof: wp:safepoll_wait_array
s/^\t\tif (safepoll_event(sp, i, &out\[stored\]) == 1)$/\t\tif (safepoll_event(sp, i, \&out[stored]) >= 0)/
