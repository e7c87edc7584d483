# file: src/ctl.c
# The planted wrapper bug: safepoll_add lets a bit outside
# SAFEPOLL_EVENTS through to the kernel, which keeps it, where safepoll
# promises EINVAL.  Needs an add with a bit that has no word (0x...).
0,/if ((events & ~(uint32_t)SAFEPOLL_EVENTS) != 0)/s/if ((events & ~(uint32_t)SAFEPOLL_EVENTS) != 0)/if ((events \& ~(uint32_t)SAFEPOLL_EVENTS) == 1)/
