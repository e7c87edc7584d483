# file: src/wait.c
# The planted wrapper bug: safepoll_wait_array stores every event it
# fetched, dead ones too.  Only `waitarray` calls safepoll_wait_array.
s/^\t\tif (r == 1)$/\t\tif (r >= 0)/
