/* dropcap PROGRAM ARG...: runs PROGRAM without CAP_SYS_RESOURCE.
 *
 * The corpus's outputs were recorded by a root without CAP_SYS_RESOURCE
 * (pipe-size-max expects EPERM above /proc/sys/fs/pipe-max-size); inside
 * the booted kernel init is root with every capability, so without this a
 * kernel would answer differently for a reason that is not its version. */
#define _GNU_SOURCE
#include <linux/capability.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];
	unsigned bit = CAP_SYS_RESOURCE;

	if (argc < 2) {
		fprintf(stderr, "usage: dropcap PROGRAM ARG...\n");
		return 2;
	}
	if (prctl(PR_CAPBSET_DROP, bit, 0, 0, 0) < 0 ||
	    syscall(SYS_capget, &h, d) < 0) {
		perror("dropcap");
		return 2;
	}
	d[bit / 32].effective &= ~(1u << (bit % 32));
	d[bit / 32].permitted &= ~(1u << (bit % 32));
	d[bit / 32].inheritable &= ~(1u << (bit % 32));
	if (syscall(SYS_capset, &h, d) < 0) {
		perror("dropcap: capset");
		return 2;
	}
	execv(argv[1], argv + 1);
	perror(argv[1]);
	return 127;
}
