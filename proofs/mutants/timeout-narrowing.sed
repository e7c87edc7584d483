# The milliseconds spent kept in an int: sec * 1000 overflows it.
# file: timeout.c
# proof: eva wp:sp_time_left
s/^\tint64_t spent_ms;$/\tint spent_ms;/
