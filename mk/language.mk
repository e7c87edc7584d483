# trace/LANGUAGE.md, the definition of the trace language, held to the
# parser, the printer and the replay that implement it.

## make test-language  LANGUAGE.md's tables are the parser's, its examples
##                     replay as written (trace/tests/language.sh)
.PHONY: test-language
TEST_TARGETS += test-language
# By path: mk/replay.mk, which names $(REPLAY), is read after this file.
test-language: $(BUILD)/safepoll-replay
	@sh trace/tests/language.sh $(REPLAY) trace/LANGUAGE.md
