# safepoll-replay (replay/): runs traces against the kernel, the model and
# safepoll, and compares them.

REPLAY_SRCS := $(wildcard replay/*.c)
REPLAY_OBJS := $(REPLAY_SRCS:replay/%.c=$(BUILD)/replay/%.o)
ALL_TARGETS += $(REPLAY)

## make build/safepoll-replay   the replay tool (see replay/README.md)
# Its libraries by path: mk/trace.mk is included after this file.
REPLAY_LIBS := $(BUILD)/libtrace.a $(BUILD)/libspmodel.a $(LIB_A)

$(BUILD)/replay/%.o: replay/%.c replay/*.h trace/*.h src/safepoll.h \
		specs/model/model.h | $(BUILD)/replay
	$(CC) $(ALL_CPPFLAGS) -Itrace -Ispecs/model $(ALL_CFLAGS) -c $< -o $@

$(REPLAY): $(REPLAY_OBJS) $(REPLAY_LIBS)
	$(CC) $(ALL_LDFLAGS) $(REPLAY_OBJS) $(REPLAY_LIBS) -o $@

$(BUILD)/replay:
	mkdir -p $@

$(BUILD)/replay/test_compare: replay/tests/test_compare.c \
		$(BUILD)/replay/compare.o $(BUILD)/replay/track.o $(BUILD)/libtrace.a
	@sh mk/need.sh cmocka
	$(CC) $(ALL_CPPFLAGS) -Itrace -Ireplay $(ALL_CFLAGS) $^ $(ALL_LDFLAGS) \
		-lcmocka -o $@

$(BUILD)/replay/test_fdinfo: replay/tests/test_fdinfo.c \
		$(BUILD)/replay/fdinfo.o $(BUILD)/libtrace.a
	@sh mk/need.sh cmocka
	$(CC) $(ALL_CPPFLAGS) -Itrace -Ireplay $(ALL_CFLAGS) $^ $(ALL_LDFLAGS) \
		-lcmocka -o $@

# replay_fdinfo is the test's own: the kernel's list, in either order.
$(BUILD)/replay/test_tokens: replay/tests/test_tokens.c \
		$(BUILD)/replay/tokens.o $(BUILD)/libtrace.a
	@sh mk/need.sh cmocka
	$(CC) $(ALL_CPPFLAGS) -Itrace -Ireplay $(ALL_CFLAGS) $^ $(ALL_LDFLAGS) \
		-lcmocka -o $@

## make test-replay  the parser's errors (FILE:LINE, status 2), LANGUAGE.md's
##                   example in --kernel and --model, --check's comparisons,
##                   the reading of fdinfo's "tfd:" lines, the map of tokens
.PHONY: test-replay
TEST_TARGETS += test-replay
test-replay: $(REPLAY) $(BUILD)/replay/test_compare $(BUILD)/replay/test_fdinfo \
		$(BUILD)/replay/test_tokens
	$(BUILD)/replay/test_compare
	$(BUILD)/replay/test_fdinfo
	$(BUILD)/replay/test_tokens
	@sh replay/tests/run.sh $(REPLAY) kernel model

## make test-corpus  every corpus/*.trace in --check mode, output equal to its .out
.PHONY: test-corpus
TEST_TARGETS += test-corpus
test-corpus: $(REPLAY)
	@sh replay/tests/corpus.sh $(REPLAY) corpus
