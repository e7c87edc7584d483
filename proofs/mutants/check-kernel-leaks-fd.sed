# sp_check_kernel never closes the fdinfo file: every safepoll_check
# leaks an fd.
# file: fdinfo.c
# proof: wp:sp_check_kernel
s/^\tclose(fd);$/\t(void)fd;/
