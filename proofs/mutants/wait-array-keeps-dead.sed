# safepoll_wait_array stores every entry, dead ones and unwritten ones.
# file: wait.c
# proof: wp:safepoll_wait_array
s/^\t\tif (r == 1)$/\t\tif (r >= 0)/
