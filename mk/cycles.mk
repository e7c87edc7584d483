# No circle outside src/ (src/ keeps its own check): of #include among the
# sources, and of calls among the object files of each program.

## make test-cycles  no #include circle among replay/ trace/ fuzz/ specs/
##                   tests/ examples/ bench/, no circle of calls between the
##                   files of safepoll-replay, the fuzzer or its tool
.PHONY: test-cycles
TEST_TARGETS += test-cycles
# By path: mk/replay.mk and mk/fuzz.mk are read after this file.
test-cycles: $(BUILD)/safepoll-replay $(BUILD)/fuzz/safepoll-fuzz-tool
	@python3 tests/cycles/includes.py replay trace fuzz specs tests \
		examples bench
	@python3 tests/cycles/calls.py $(BUILD)/replay/*.o $(BUILD)/trace/*.o
	@python3 tests/cycles/calls.py $(BUILD)/fuzz/tool/fuzz/*.o \
		$(BUILD)/fuzz/tool/fuzz/tool/*.o
