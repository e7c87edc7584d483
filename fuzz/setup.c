/* fuzz_setup: the process state every run assumes, made once by the
 * entry points and again by fuzz_run when an engine undid it.  Apart
 * from entry.c, so that the harness (run.c) and the entries both depend
 * on it and not on each other. */
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "hooks.h"
#include "replay.h"
#include "timed.h"

int fuzz_setup(void)
{
	struct sigaction sa;
	int shm;

	/* LANGUAGE.md: 0, 1 and 2 are taken; a write to a pipe with no reader
	 * fails with EPIPE instead of killing the fuzzer. */
	for (int fd = 0; fd < 3; fd++)
		if (fcntl(fd, F_GETFD) < 0 && open("/dev/null", O_RDWR) != fd)
			return -1;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_IGN;
	if (sigaction(SIGPIPE, &sa, NULL) < 0)
		return -1;
	if (fuzz_timed_setup() < 0)
		return -1;
	shm = open("/dev/shm", O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (shm >= 0) {
		replay_file_dir = "/dev/shm";
		close(shm);
	}
	return fuzz_hooks_scan();
}
