# examples/: an echo server on safepoll, the same on raw epoll, and a
# timer and signals through timerfd and signalfd; each built as a user
# would build it (the header and the archive, no project flags) and
# driven by a test of its own.

EXAMPLES := echo_server echo_epoll timer_signal
EXAMPLE_BINS := $(EXAMPLES:%=$(BUILD)/examples/%)

$(BUILD)/examples/%: examples/%.c $(LIB_A) | $(BUILD)/examples
	$(CC) -Isrc $(ALL_CFLAGS) $< $(LIB_A) $(ALL_LDFLAGS) -o $@

$(BUILD)/examples/drive_echo: examples/tests/drive_echo.c | $(BUILD)/examples
	$(CC) $(ALL_CFLAGS) $< $(ALL_LDFLAGS) -o $@

$(BUILD)/examples:
	mkdir -p $@

## make test-examples  the examples against real loopback clients (many at
##                     once, a slow reader, resets) and real signals
.PHONY: test-examples
TEST_TARGETS += test-examples
test-examples: $(EXAMPLE_BINS) $(BUILD)/examples/drive_echo
	$(BUILD)/examples/drive_echo $(BUILD)/examples/echo_server
	$(BUILD)/examples/drive_echo $(BUILD)/examples/echo_epoll
	bash examples/tests/drive_timer.sh $(BUILD)/examples/timer_signal
	@sh examples/tests/line_counts.sh README.md examples
