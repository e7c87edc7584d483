# The unit and scenario tests of tests/, with cmocka.

TEST_NAMES := $(patsubst tests/%.c,%,$(wildcard tests/test_*.c))
TEST_BINS := $(TEST_NAMES:%=$(BUILD)/tests/%)
TEST_TARGETS += test-unit test-static test-example

VALGRIND := valgrind -q --error-exitcode=99 --leak-check=full \
	--errors-for-leak-kinds=all --show-leak-kinds=all

## make test        unit tests, static checks of the library, README example
## make test SANITIZE=1   the same under ASan and UBSan (in build/san)
## make test-valgrind     the unit tests under valgrind memcheck
# Where kernels answer differently the tests expect what the model's
# switch for the running kernel says (specs/model/model_kernel.h): the
# model library comes along, of which only release.c is used.
$(BUILD)/tests/%: tests/%.c tests/helpers.h specs/model/model_kernel.h \
		$(LIB_A) $(MODEL_LIB) | $(BUILD)/tests
	@sh mk/need.sh cmocka
	$(CC) $(ALL_CPPFLAGS) -Ispecs/model $(ALL_CFLAGS) $< $(LIB_A) \
		$(MODEL_LIB) $(ALL_LDFLAGS) -lcmocka -o $@

.PHONY: test-unit test-valgrind test-static test-example
test-unit: $(TEST_BINS)
	@set -e; for t in $(TEST_BINS); do echo "== $$t"; $$t; done

test-valgrind: $(TEST_BINS)
	@sh mk/need.sh valgrind
	@set -e; for t in $(TEST_BINS); do \
		echo "== valgrind $$t"; $(VALGRIND) $$t; done

# What an auditor is promised of the library's shape: no writable data
# (so no global state), and malloc only in the allocating constructor.
test-static: $(LIB_A) $(LIB_OBJS)
	@sh tests/static.sh $(LIB_A) $(LIB_OBJS)

# The README's example, compiled from the README itself and run.
$(BUILD)/readme_example.c: README.md | $(BUILD)/tests
	sed -n '/^```c example/,/^```/{/^```/d;p}' $< > $@

# Compiled as a user would, without the project's -D_GNU_SOURCE.
$(BUILD)/tests/readme_example: $(BUILD)/readme_example.c $(LIB_A)
	$(CC) -Isrc $(ALL_CFLAGS) $< $(LIB_A) $(ALL_LDFLAGS) -o $@

test-example: $(BUILD)/tests/readme_example
	$(BUILD)/tests/readme_example

# test_timeout reaches an internal function (sp_time_left), which the
# library does not export: it links the objects themselves.
$(BUILD)/tests/test_timeout: tests/test_timeout.c tests/helpers.h $(LIB_OBJS) \
		| $(BUILD)/tests
	@sh mk/need.sh cmocka
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $< $(LIB_OBJS) $(ALL_LDFLAGS) \
		-lcmocka -o $@

$(BUILD)/tests:
	mkdir -p $@
