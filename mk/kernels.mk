# make kernels: the corpus inside Debian's 5.10, 6.1 and 6.12 cloud kernels
# under qemu (kernels/README.md), and the model set for each of them on the
# host.  KERNEL_IMAGES=PATH... boots your own vmlinuz images instead.

KERNEL_SERIES ?= 5.10 6.1 6.12
KERNEL_CACHE ?= $(HOME)/.cache/safepoll-kernels
KERNEL_TIMEOUT ?= 900
KERNEL_IMAGES ?=
KERNEL_BIN := $(BUILD)/kernels/bin

# What runs inside has to be static: the initramfs holds no libc.
$(KERNEL_BIN)/safepoll-replay: FORCE | $(KERNEL_BIN)
	$(MAKE) --no-print-directory BUILD=build/static LDFLAGS=-static \
		build/static/safepoll-replay
	cp build/static/safepoll-replay $@

$(KERNEL_BIN)/dropcap: kernels/dropcap.c | $(KERNEL_BIN)
	$(CC) -static $(WARNINGS) $(CFLAGS) $< -o $@

$(KERNEL_BIN):
	mkdir -p $@

# KERNEL_TESTS=1: the cmocka tests, the model's tests and random_ops run
# inside each kernel too (dynamic; kernels/boot.sh brings their libraries).
# Not the default: they assert 6.18's answers (kernels/README.md).
KERNEL_TESTS ?= 0
.PHONY: kernel-tests-bin
kernel-tests-bin: $(TEST_BINS) $(MODEL_TEST_BINS) $(BUILD)/model-tests/random_ops \
		$(BUILD)/model-tests/random_ops-kernel | $(KERNEL_BIN)
	rm -rf $(KERNEL_BIN)/tests && mkdir -p $(KERNEL_BIN)/tests
	cp $^ $(KERNEL_BIN)/tests/
KERNEL_TESTS_DEP := $(if $(filter 1,$(KERNEL_TESTS)),kernel-tests-bin)

.PHONY: FORCE
FORCE:

## make test-kernels-model  --model --linux X.Y prints each checked kernel's
##                          corpus output (NAME.linux-X.Y.out or NAME.out)
.PHONY: test-kernels-model
TEST_TARGETS += test-kernels-model
test-kernels-model: $(REPLAY)
	@sh kernels/model-check.sh $(REPLAY) corpus $(KERNEL_SERIES)

## make kernels   the corpus inside Debian's 5.10, 6.1, 6.12 under qemu
##                (KERNEL_IMAGES=vmlinuz... for your own kernels)
.PHONY: kernels
CHECK_TARGETS += kernels
kernels: $(KERNEL_BIN)/safepoll-replay $(KERNEL_BIN)/dropcap test-kernels-model \
		$(KERNEL_TESTS_DEP)
	@set -e; \
	[ "$(KERNEL_TESTS)" = 1 ] || rm -rf $(KERNEL_BIN)/tests; \
	if [ -n "$(KERNEL_IMAGES)" ]; then images="$(KERNEL_IMAGES)"; \
	else images=$$(sh kernels/fetch.sh $(KERNEL_CACHE) $(KERNEL_SERIES) \
		| tr ' ' '='); fi; \
	sh kernels/run.sh $(KERNEL_BIN) corpus $(BUILD)/kernels \
		$(KERNEL_TIMEOUT) $$images
