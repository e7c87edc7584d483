# The reference model of Linux epoll (specs/model/): build/libspmodel.a,
# and its unit test (specs/model/tests/), run by `make test-model`.

MODEL_SRCS := $(wildcard specs/model/*.c)
MODEL_HDRS := $(wildcard specs/model/*.h)
MODEL_OBJS := $(MODEL_SRCS:specs/model/%.c=$(BUILD)/model/%.o)
MODEL_LIB := $(BUILD)/libspmodel.a

ALL_TARGETS += $(MODEL_LIB)

## make build/libspmodel.a   the reference model of epoll (specs/model/)
$(BUILD)/model/%.o: specs/model/%.c $(MODEL_HDRS) | $(BUILD)/model
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c $< -o $@

$(MODEL_LIB): $(MODEL_OBJS)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/model $(BUILD)/model-tests:
	mkdir -p $@

# Each test of specs/model/tests/ is built twice: against the model, and
# against kernel_shim.c, which answers model.h with the real system calls,
# so that every value a test expects is checked on the running kernel too.
MODEL_TEST_NAMES := $(patsubst specs/model/tests/%.c,%,\
	$(wildcard specs/model/tests/test_*.c))
MODEL_TEST_BINS := $(MODEL_TEST_NAMES:%=$(BUILD)/model-tests/%) \
	$(MODEL_TEST_NAMES:%=$(BUILD)/model-tests/%-kernel)
MODEL_TEST_HDRS := specs/model/model.h specs/model/model_kernel.h \
	specs/model/tests/model_test.h

$(BUILD)/model-tests/%: specs/model/tests/%.c $(MODEL_TEST_HDRS) $(MODEL_LIB) \
		| $(BUILD)/model-tests
	@sh mk/need.sh cmocka
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $< $(MODEL_LIB) $(ALL_LDFLAGS) \
		-lcmocka -o $@

# The kernel build takes release.c from the model (no other model code):
# its switches say what the running kernel answers where kernels differ.
# The shim reads fdinfo with the tools' parser, trace/fdinfo_tfd.c.
MODEL_SHIM := specs/model/tests/kernel_shim.c trace/fdinfo_tfd.h \
	$(BUILD)/trace/fdinfo_tfd.o
MODEL_SHIM_CC = $(CC) $(ALL_CPPFLAGS) -Itrace $(ALL_CFLAGS)
MODEL_SHIM_LINK = specs/model/tests/kernel_shim.c $(BUILD)/trace/fdinfo_tfd.o

$(BUILD)/model-tests/%-kernel: specs/model/tests/%.c $(MODEL_SHIM) \
		$(MODEL_TEST_HDRS) $(BUILD)/model/release.o | $(BUILD)/model-tests
	@sh mk/need.sh cmocka
	$(MODEL_SHIM_CC) -DMODEL_TEST_ON_KERNEL $< $(MODEL_SHIM_LINK) \
		$(BUILD)/model/release.o $(ALL_LDFLAGS) -lcmocka -o $@

# random_ops: the same random calls on both, whose transcripts must match.
MODEL_RANDOM_SEEDS ?= 500
MODEL_RANDOM_OPS ?= 200

$(BUILD)/model-tests/random_ops: specs/model/tests/random_ops.c \
		specs/model/model.h $(MODEL_LIB) | $(BUILD)/model-tests
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $< $(MODEL_LIB) $(ALL_LDFLAGS) -o $@

$(BUILD)/model-tests/random_ops-kernel: specs/model/tests/random_ops.c \
		$(MODEL_SHIM) specs/model/model.h | $(BUILD)/model-tests
	$(MODEL_SHIM_CC) $< $(MODEL_SHIM_LINK) $(ALL_LDFLAGS) -o $@

## make test-model   the model's unit tests, on the model and on the kernel,
##                   and random call sequences compared between the two
.PHONY: test-model
TEST_TARGETS += test-model
test-model: $(MODEL_TEST_BINS) $(BUILD)/model-tests/random_ops \
		$(BUILD)/model-tests/random_ops-kernel
	@set -e; for t in $(MODEL_TEST_BINS); do echo "== $$t"; $$t; done
	@echo "== random_ops: $(MODEL_RANDOM_SEEDS) seeds of $(MODEL_RANDOM_OPS) calls, model vs kernel"
	@$(BUILD)/model-tests/random_ops 1 $(MODEL_RANDOM_SEEDS) \
		$(MODEL_RANDOM_OPS) > $(BUILD)/model-tests/random_ops.model
	@$(BUILD)/model-tests/random_ops-kernel 1 $(MODEL_RANDOM_SEEDS) \
		$(MODEL_RANDOM_OPS) > $(BUILD)/model-tests/random_ops.kernel
	@diff $(BUILD)/model-tests/random_ops.kernel \
		$(BUILD)/model-tests/random_ops.model > /dev/null || { \
		echo "random_ops: the model differs from the kernel:"; \
		diff $(BUILD)/model-tests/random_ops.kernel \
			$(BUILD)/model-tests/random_ops.model | head -20; exit 1; }
	@echo "random_ops: $$(grep -c . $(BUILD)/model-tests/random_ops.kernel) lines equal"
