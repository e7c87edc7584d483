# sp_time_left truncates a negative nanosecond difference toward zero, as
# before hardening defect 3: the spent time is rounded up and a wait that a
# signal interrupted ends up to a millisecond early.
# file: timeout.c
# proof: wp:sp_time_left
s/^\tspent_ms = (sec \* 1000000000 + nsec) \/ 1000000;$/\tspent_ms = sec * 1000 + nsec \/ 1000000;/
