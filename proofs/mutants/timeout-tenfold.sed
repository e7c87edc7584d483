# sp_time_left counts a second as ten: after a signal, waits end early.
# file: timeout.c
# proof: wp:sp_time_left
s/^\tspent_ms = (sec \* 1000000000 + nsec) \/ 1000000;$/\tspent_ms = (sec * 10000000000 + nsec) \/ 1000000;/
