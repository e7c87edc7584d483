# The fault-injection suite: the library's objects relinked so that their
# system calls go through tests/fault/inject.c.

FAULT_CALLS := epoll_create1 epoll_ctl epoll_wait close clock_gettime open \
	read malloc free
TEST_TARGETS += test-fault

## make test-fault  every syscall failed with every documented errno, in turn
$(BUILD)/fault/safepoll_wrapped.o: $(LIB_OBJS) | $(BUILD)/fault
	$(LD) -r $(FAULT_CALLS:%=--wrap=%) -o $@ $^

$(BUILD)/fault/test_fault: tests/fault/test_fault.c tests/fault/inject.c \
		tests/fault/inject.h $(BUILD)/fault/safepoll_wrapped.o
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) tests/fault/test_fault.c \
		tests/fault/inject.c $(BUILD)/fault/safepoll_wrapped.o \
		$(ALL_LDFLAGS) -o $@

.PHONY: test-fault
test-fault: $(BUILD)/fault/test_fault
	$<

$(BUILD)/fault:
	mkdir -p $@
