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

# Inside each kernel besides the corpus (kernels/in-*.sh), each dynamic:
# kernels/boot.sh brings the libraries ldd names.
# KERNEL_TESTS=1: the cmocka tests, the model's tests (on the model and on
# the kernel) and random_ops; where kernels differ they expect what the
# model's switch for the running kernel says (specs/model/model_kernel.h).
# KERNEL_EACSL=1: make eacsl's corpus run, the kernel contracts checked
# at run time.  KERNEL_FUZZ_SECONDS=N (0: none): the differential fuzzer
# for N seconds, with a fixed seed.  make kernels (in make check) runs
# the tests and 10 s of fuzzing; make kernels-full all three, E-ACSL too
# (kernels/README.md: what each costs under TCG).
KERNEL_TESTS ?= 1
KERNEL_EACSL ?= 0
KERNEL_FUZZ_SECONDS ?= 10
KERNEL_FULL_FUZZ_SECONDS ?= 60
.PHONY: kernel-tests-bin kernel-eacsl-bin kernel-fuzz-bin kernel-parts
# The lists are named in the recipe, which make expands only when it runs:
# mk/tests.mk and mk/model.mk, read after this file, define them (as
# prerequisites they were empty, and only random_ops went inside).
KERNEL_TEST_BINS = $(TEST_BINS) $(MODEL_TEST_BINS) \
	$(BUILD)/model-tests/random_ops $(BUILD)/model-tests/random_ops-kernel
kernel-tests-bin: | $(KERNEL_BIN)
	@$(MAKE) --no-print-directory $(KERNEL_TEST_BINS)
	rm -rf $(KERNEL_BIN)/tests && mkdir -p $(KERNEL_BIN)/tests
	cp $(KERNEL_TEST_BINS) $(KERNEL_BIN)/tests/
	@n=$$(ls $(KERNEL_BIN)/tests | grep -c '^test_'); [ "$$n" -gt 0 ] || \
		{ echo "kernels: no test programs to run inside"; exit 1; }

kernel-eacsl-bin: eacsl-build | $(KERNEL_BIN)
	rm -rf $(KERNEL_BIN)/eacsl && mkdir -p $(KERNEL_BIN)/eacsl
	cp $(EACSL_REPLAY) $(KERNEL_BIN)/eacsl/

kernel-fuzz-bin: $(FUZZER) $(FUZZ_SEEDS_MADE) | $(KERNEL_BIN)
	@case "$(KERNEL_FUZZ_SECONDS)" in ''|*[!0-9]*) echo \
		"kernels: KERNEL_FUZZ_SECONDS=$(KERNEL_FUZZ_SECONDS): a number of seconds"; \
		exit 2 ;; esac
	rm -rf $(KERNEL_BIN)/fuzz && mkdir -p $(KERNEL_BIN)/fuzz
	cp $(FUZZER) fuzz/safepoll.dict $(KERNEL_BIN)/fuzz/
	cp -r $(FUZZ)/seeds $(KERNEL_BIN)/fuzz/seeds
	echo $(KERNEL_FUZZ_SECONDS) > $(KERNEL_BIN)/fuzz/seconds

# A part not asked for is removed, so that no earlier run's stays inside.
kernel-parts: $(if $(filter 1,$(KERNEL_TESTS)),kernel-tests-bin) \
		$(if $(filter 1,$(KERNEL_EACSL)),kernel-eacsl-bin) \
		$(if $(filter-out 0,$(KERNEL_FUZZ_SECONDS)),kernel-fuzz-bin)
	@[ "$(KERNEL_TESTS)" = 1 ] || rm -rf $(KERNEL_BIN)/tests
	@[ "$(KERNEL_EACSL)" = 1 ] || rm -rf $(KERNEL_BIN)/eacsl
	@[ "$(KERNEL_FUZZ_SECONDS)" != 0 ] || rm -rf $(KERNEL_BIN)/fuzz

.PHONY: FORCE
FORCE:

## make test-kernels-model  --model --linux X.Y prints each checked kernel's
##                          corpus output (NAME.linux-X.Y.out or NAME.out),
##                          and the model's unit tests pass set for X.Y
.PHONY: test-kernels-model
TEST_TARGETS += test-kernels-model
KERNEL_MODEL_TESTS = $(MODEL_TEST_NAMES:%=$(BUILD)/model-tests/%)
test-kernels-model: $(REPLAY)
	@sh kernels/model-check.sh $(REPLAY) corpus $(KERNEL_SERIES)
	@$(MAKE) --no-print-directory $(KERNEL_MODEL_TESTS) > /dev/null
	@sh kernels/model-tests.sh "$(KERNEL_SERIES)" $(KERNEL_MODEL_TESTS)

## make kernels   the corpus inside Debian's 5.10, 6.1, 6.12 under qemu
##                (KERNEL_IMAGES=vmlinuz... for your own kernels)
.PHONY: kernels
CHECK_TARGETS += kernels
kernels: $(KERNEL_BIN)/safepoll-replay $(KERNEL_BIN)/dropcap test-kernels-model \
		kernel-parts
	@set -e; \
	if [ -n "$(KERNEL_IMAGES)" ]; then images="$(KERNEL_IMAGES)"; \
	else images=$$(sh kernels/fetch.sh $(KERNEL_CACHE) $(KERNEL_SERIES) \
		| tr ' ' '='); fi; \
	sh kernels/run.sh $(KERNEL_BIN) corpus $(BUILD)/kernels \
		$(KERNEL_TIMEOUT) $$images

## make kernels-full  make kernels with, inside each kernel, the E-ACSL
##                    corpus run and KERNEL_FULL_FUZZ_SECONDS (60) of fuzzing
.PHONY: kernels-full
kernels-full:
	@$(MAKE) --no-print-directory kernels KERNEL_TESTS=1 KERNEL_EACSL=1 \
		KERNEL_FUZZ_SECONDS=$(KERNEL_FULL_FUZZ_SECONDS)
