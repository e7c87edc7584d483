# safepoll_grow takes a capacity equal to the present one: it answers 0
# and adds nothing, where the caller was told -EINVAL.
# file: instance.c
# proof: wp:safepoll_grow
s/^\tif (capacity <= sp->capacity || capacity > SAFEPOLL_CAPACITY_MAX)$/\tif (capacity < sp->capacity || capacity > SAFEPOLL_CAPACITY_MAX)/
