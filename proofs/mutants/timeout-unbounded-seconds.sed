# No bound on the seconds before they are turned into milliseconds: a
# clock far ahead overflows the 64-bit product.
# file: timeout.c
# proof: eva wp:sp_time_left
s/^\tif (sec > INT32_MAX \/ 1000 + 1)$/\tif (sec < 0 \&\& sec > 0)/
