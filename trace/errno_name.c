/* Errno names as results print them ("EAGAIN"), from glibc's own table. */
#include <stdio.h>
#include <string.h>

#include "trace.h"

const char *trace_errno_name(int e)
{
	/* Only for a value glibc has no name for, which no call here
	 * returns; static, since the name outlives the call. */
	static char unknown[32];
	const char *name = strerrorname_np(e);

	if (name)
		return name;
	snprintf(unknown, sizeof(unknown), "errno%d", e);
	return unknown;
}
