/* libFuzzer's custom mutator and cross-over: mutate.c's whole-operation
 * changes, and some of the time libFuzzer's own byte-level mutations
 * (LLVMFuzzerMutate), which alone use the dictionary and the strings
 * libFuzzer saw compared (memcmp and the like; compare instructions are
 * not traced, mk/fuzz.mk): SAFEPOLL_FUZZ_BYTES in 8 (1 unless set; 0 to
 * 8), so that their share can be measured.  LLVMFuzzerMutate is weak:
 * these objects link into safepoll-fuzz-tool and the tests too, which
 * have no libFuzzer. */
#include <stdlib.h>

#include "fuzz.h"
#include "mutate.h"

size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size)
	__attribute__((weak));

static unsigned bytes_in_8(void)
{
	static int share = -1;

	if (share < 0) {
		const char *s = getenv("SAFEPOLL_FUZZ_BYTES");
		char *end;
		unsigned long v = s ? strtoul(s, &end, 10) : 1;

		share = s && (*s == '\0' || *end != '\0' || v > 8) ? 1 : (int)v;
	}
	return (unsigned)share;
}

size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size,
			       unsigned int seed)
{
	if (LLVMFuzzerMutate && seed % 8 < bytes_in_8())
		return LLVMFuzzerMutate(data, size, max_size);
	return fuzz_mutate(data, size, max_size, seed);
}

size_t LLVMFuzzerCustomCrossOver(const uint8_t *data1, size_t size1,
				 const uint8_t *data2, size_t size2,
				 uint8_t *out, size_t max_out_size,
				 unsigned int seed)
{
	return fuzz_cross_over(data1, size1, data2, size2, out, max_out_size,
			       seed);
}
