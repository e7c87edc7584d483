# The trace language (trace/): the parser and printer of trace/LANGUAGE.md,
# as $(BUILD)/libtrace.a for the replay tool and the fuzzers; with them,
# the one reader of each other text the tools read (fdinfo_tfd.c: the
# kernel's "tfd:" lines; interest.c: the interest lists they pass on).

TRACE_SRCS := $(wildcard trace/*.c)
TRACE_OBJS := $(TRACE_SRCS:trace/%.c=$(BUILD)/trace/%.o)
TRACE_A := $(BUILD)/libtrace.a
ALL_TARGETS += $(TRACE_A)

$(BUILD)/trace/%.o: trace/%.c trace/*.h | $(BUILD)/trace
	$(CC) $(ALL_CPPFLAGS) -Itrace $(ALL_CFLAGS) -c $< -o $@

$(TRACE_A): $(TRACE_OBJS)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/trace:
	mkdir -p $@
