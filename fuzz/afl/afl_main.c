/* The AFL++ entry: persistent mode with the input in shared memory (no
 * file, no fork per input), calling the same fuzz_one as libFuzzer.
 * Built by afl-clang-fast, which defines the __AFL_* macros; any other
 * compiler gets a main that runs standard input once, so the file still
 * builds and runs (a crash from AFL++ replays with `prog < crash`). */
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#include "fuzz.h"

/* afl-clang-fast's __AFL_FUZZ_TESTCASE_LEN stores read()'s ssize_t in an
 * unsigned int: its conversion, not ours. */
#ifdef __clang__
#pragma clang diagnostic ignored "-Wshorten-64-to-32"
#pragma clang diagnostic ignored "-Wconversion"
#endif

#ifndef __AFL_FUZZ_TESTCASE_LEN
static ssize_t stdin_len;
static unsigned char stdin_buf[FUZZ_INPUT_MAX];
#define __AFL_FUZZ_TESTCASE_LEN stdin_len
#define __AFL_FUZZ_TESTCASE_BUF stdin_buf
#define __AFL_FUZZ_INIT()
#define __AFL_INIT()
#define __AFL_LOOP(x)                                                         \
	((stdin_len = read(0, stdin_buf, sizeof(stdin_buf))) > 0 ? 1 : 0)
#endif

__AFL_FUZZ_INIT();

int main(void)
{
	unsigned char *buf;

	if (fuzz_setup() < 0) {
		fputs("safepoll-fuzz-afl: descriptors 0, 1 and 2 must be open\n",
		      stderr);
		return 1;
	}
	/* The fork server starts here, after the setup every input shares. */
	__AFL_INIT();
	buf = __AFL_FUZZ_TESTCASE_BUF;
	while (__AFL_LOOP(100000))
		fuzz_one(buf, (size_t)__AFL_FUZZ_TESTCASE_LEN);
	return 0;
}
