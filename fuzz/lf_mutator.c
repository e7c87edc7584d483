/* libFuzzer's custom mutator and cross-over: mutate.c's whole-operation
 * changes, and one time in 8 libFuzzer's own byte-level mutations
 * (LLVMFuzzerMutate), which alone use the dictionary and the operands
 * libFuzzer saw compared.  LLVMFuzzerMutate is weak: these objects link
 * into safepoll-fuzz-tool and the tests too, which have no libFuzzer. */
#include "fuzz.h"
#include "mutate.h"

size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size)
	__attribute__((weak));

size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size,
			       unsigned int seed)
{
	if (LLVMFuzzerMutate && seed % 8 == 0)
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
