# The fault-injection suite: the library's objects relinked so that their
# system calls go through tests/fault/inject.c.

FAULT_CALLS := epoll_create1 epoll_ctl epoll_wait close clock_gettime open \
	read malloc free epoll_pwait epoll_pwait2
# safepoll_wait is inline (src/safepoll_loop.h): an untimed wait calls
# epoll_wait from its caller's object.  The tests' own objects get that
# call wrapped too, and nothing else of theirs (their close, read, ... are
# the test's, not safepoll's).
FAULT_INLINE_CALLS := epoll_wait
TEST_TARGETS += test-fault

## make test-fault  every syscall failed with every documented errno, in turn
$(BUILD)/fault/safepoll_wrapped.o: $(LIB_OBJS) | $(BUILD)/fault
	$(LD) -r $(FAULT_CALLS:%=--wrap=%) -o $@ $^

$(BUILD)/fault/obj/%.o: tests/fault/%.c tests/fault/*.h tests/helpers.h \
		src/*.h src/safepoll/* | $(BUILD)/fault/obj
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c $< -o $(@:.o=.plain.o)
	$(LD) -r $(FAULT_INLINE_CALLS:%=--wrap=%) -o $@ $(@:.o=.plain.o)

$(BUILD)/fault/test_fault: $(BUILD)/fault/obj/test_fault.o \
		tests/fault/inject.c tests/fault/inject.h \
		$(BUILD)/fault/safepoll_wrapped.o
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $< tests/fault/inject.c \
		$(BUILD)/fault/safepoll_wrapped.o $(ALL_LDFLAGS) -o $@

$(BUILD)/fault/test_%: $(BUILD)/fault/obj/test_%.o tests/fault/inject.c \
		tests/fault/inject.h $(BUILD)/fault/safepoll_wrapped.o
	@sh mk/need.sh cmocka
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $< tests/fault/inject.c \
		$(BUILD)/fault/safepoll_wrapped.o $(ALL_LDFLAGS) -lcmocka -o $@

# Kept: make would delete them as intermediates and rebuild them.
.SECONDARY: $(patsubst tests/fault/%.c,$(BUILD)/fault/obj/%.o,\
	$(wildcard tests/fault/test_*.c))

FAULT_BINS := $(patsubst tests/fault/%.c,$(BUILD)/fault/%,$(sort \
	$(wildcard tests/fault/test_*.c)))

## make fault     the same (test-fault)
.PHONY: test-fault fault
fault: test-fault
test-fault: $(FAULT_BINS)
	@set -e; for t in $(FAULT_BINS); do echo "== $$t"; $$t; done

$(BUILD)/fault $(BUILD)/fault/obj:
	mkdir -p $@

# Under valgrind too, with the unit tests.
.PHONY: test-fault-valgrind
test-valgrind: test-fault-valgrind
test-fault-valgrind: $(FAULT_BINS)
	@sh mk/need.sh valgrind
	@set -e; for t in $(FAULT_BINS); do \
		echo "== valgrind $$t"; $(VALGRIND) $$t; done
