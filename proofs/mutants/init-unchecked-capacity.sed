# safepoll_init accepts a capacity above SAFEPOLL_CAPACITY_MAX.
# file: instance.c
# proof: eva wp:safepoll_init
/safepoll_init(struct safepoll \*sp/,/^}/s/^\(\tif (capacity == 0\) || capacity > SAFEPOLL_CAPACITY_MAX ||$/\1 ||/
