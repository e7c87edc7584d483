# safepoll-replay (replay/): runs traces against the kernel, the model and
# safepoll, and compares them.

REPLAY_SRCS := $(wildcard replay/*.c)
REPLAY_OBJS := $(REPLAY_SRCS:replay/%.c=$(BUILD)/replay/%.o)
REPLAY := $(BUILD)/safepoll-replay
ALL_TARGETS += $(REPLAY)

## make build/safepoll-replay   the replay tool (see replay/README.md)
$(BUILD)/replay/%.o: replay/%.c replay/*.h trace/trace.h src/safepoll.h \
		| $(BUILD)/replay
	$(CC) $(ALL_CPPFLAGS) -Itrace $(ALL_CFLAGS) -c $< -o $@

$(REPLAY): $(REPLAY_OBJS) $(BUILD)/libtrace.a $(LIB_A)
	$(CC) $(ALL_LDFLAGS) $(REPLAY_OBJS) $(BUILD)/libtrace.a $(LIB_A) -o $@

$(BUILD)/replay:
	mkdir -p $@

## make test-replay  the parser's errors (FILE:LINE, status 2) and TRACE.md's example
.PHONY: test-replay
TEST_TARGETS += test-replay
test-replay: $(REPLAY)
	@sh replay/tests/run.sh $(REPLAY) kernel
