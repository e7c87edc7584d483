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

$(BUILD)/fault/test_edges: tests/fault/test_edges.c tests/fault/inject.c \
		tests/fault/inject.h tests/helpers.h $(BUILD)/fault/safepoll_wrapped.o
	@sh mk/need.sh cmocka
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) tests/fault/test_edges.c \
		tests/fault/inject.c $(BUILD)/fault/safepoll_wrapped.o \
		$(ALL_LDFLAGS) -lcmocka -o $@

.PHONY: test-fault
test-fault: $(BUILD)/fault/test_fault $(BUILD)/fault/test_edges
	$(BUILD)/fault/test_fault
	$(BUILD)/fault/test_edges

$(BUILD)/fault:
	mkdir -p $@

# Under valgrind too, with the unit tests.
.PHONY: test-fault-valgrind
test-valgrind: test-fault-valgrind
test-fault-valgrind: $(BUILD)/fault/test_fault $(BUILD)/fault/test_edges
	@sh mk/need.sh valgrind
	$(VALGRIND) $(BUILD)/fault/test_fault
	$(VALGRIND) $(BUILD)/fault/test_edges
