/* model_reserve(): a number taken before the model starts, by a file it
 * does not know (the fuzzer's own descriptors), held the way 0, 1 and 2
 * are. */
#include "kernel.h"
#include "model_impl.h"
#include "model_reserve.h"

int model_reserve(struct model *m, int fd)
{
	int r = fd_take(m, fd);

	if (r <= 0)
		return r;
	fd_install(m, fd, inherited_file_create(m));
	return 0;
}
