/* The fuzzer's tests' one assertion: say what failed, count it, go on,
 * so that one run shows every broken promise.  Each test defines
 * `static int failures;` and returns 1 when it is not 0. */
#ifndef SAFEPOLL_FUZZ_TESTS_CHECK_H
#define SAFEPOLL_FUZZ_TESTS_CHECK_H

#include <stdio.h>

#define CHECK(cond, ...)                                                      \
	do {                                                                  \
		if (!(cond)) {                                                \
			fprintf(stderr, __VA_ARGS__);                         \
			fputc('\n', stderr);                                  \
			failures++;                                           \
		}                                                             \
	} while (0)

#endif
