# (Named to come after fuzz.mk in the Makefile's sorted include, whose
# variables it uses.)
# The fuzzer's fast modes (fuzz/README.md, "Fast mode"), beside the
# differential kernel one of mk/fuzz.mk, which stays `make fuzz`:
#  - safepoll on the model: safepoll's and the replay kernel engine's
#    system calls answered by one model (fuzz/fast/), against the model
#    engine as ever;
#  - the model alone: each trace through the model engine only.

FAST_SHIM := -include fuzz/fast/syscalls.h
# Where the system calls are made: safepoll, the replay's kernel engine
# (and the wrapper's raw calls through it), and the harness's checks of
# the process's numbers (run.c, hooks.c, setup.c): the process here is
# the model; timed.c, whose signals and clock make no sense there, sees
# the shim and leaves them out.  fuzz/fdinfo.c (kept /proc files) gives
# way to fuzz/fast/fdinfo.c.
FAST_SHIMMED := $(LIB_SRCS) replay/kernel.c replay/wrapper.c replay/fdinfo.c \
	fuzz/run.c fuzz/hooks.c fuzz/setup.c fuzz/timed.c
FAST_SRCS := $(filter-out fuzz/fdinfo.c,$(FUZZ_SRCS)) $(wildcard fuzz/fast/*.c)
FAST_HDRS := $(wildcard fuzz/fast/*.h)

# $(call FAST_FLAVOUR,NAME,COVERED CC,PLAIN CC,FLAGS): FAST_SRCS under
# $(FUZZ)/NAME, FAST_SHIMMED with the shim; coverage as in FUZZ_FLAVOUR
# (safepoll, the model, the replay; not the shim, which is harness).
define FAST_FLAVOUR
$(FUZZ)/$(1)/%.o: %.c $(FUZZ_HDRS) $(FAST_HDRS)
	@mkdir -p $$(@D)
	$(2) -D_GNU_SOURCE $(FUZZ_DIRS:%=-I%) $(WARNINGS) $(4) $$(FAST_WITH) -c $$< -o $$@
$(FUZZ)/$(1)/trace/%.o: trace/%.c $(FUZZ_HDRS)
	@mkdir -p $$(@D)
	$(3) -D_GNU_SOURCE $(FUZZ_DIRS:%=-I%) $(WARNINGS) $(4) -c $$< -o $$@
$(FUZZ)/$(1)/fuzz/%.o: fuzz/%.c $(FUZZ_HDRS) $(FAST_HDRS)
	@mkdir -p $$(@D)
	$(3) -D_GNU_SOURCE $(FUZZ_DIRS:%=-I%) $(WARNINGS) $(4) $$(FAST_WITH) -c $$< -o $$@
$(FUZZ_PLAIN_REPLAY:%.c=$(FUZZ)/$(1)/%.o): $(FUZZ)/$(1)/%.o: %.c $(FUZZ_HDRS) $(FAST_HDRS)
	@mkdir -p $$(@D)
	$(3) -D_GNU_SOURCE $(FUZZ_DIRS:%=-I%) $(WARNINGS) $(4) $$(FAST_WITH) -c $$< -o $$@
$(FAST_SHIMMED:%.c=$(FUZZ)/$(1)/%.o): FAST_WITH := $(FAST_SHIM)
FAST_OBJS_$(1) := $(FAST_SRCS:%.c=$(FUZZ)/$(1)/%.o)
endef
$(eval $(call FAST_FLAVOUR,fast-lf,$(FUZZ_LF),$(FUZZ_CC),-O1 -g $(FUZZ_SAN)))
$(eval $(call FAST_FLAVOUR,fast-lf-nosan,$(FUZZ_LF),$(FUZZ_CC),-O2 -g))

FUZZER_FAST := $(FUZZ)/safepoll-fuzz-fast
FUZZER_FAST_NOSAN := $(FUZZ)/safepoll-fuzz-fast-nosan
FUZZER_MODEL := $(FUZZ)/safepoll-fuzz-model
FUZZER_MODEL_NOSAN := $(FUZZ)/safepoll-fuzz-model-nosan

## make build/fuzz/safepoll-fuzz-fast   safepoll on the model against the
##                  model (ASan + UBSan; -nosan: without)
$(FUZZER_FAST): $(FAST_OBJS_fast-lf)
	$(FUZZ_CC) -fsanitize=fuzzer $(FUZZ_SAN) $(FUZZ_WRAP) $^ -o $@

$(FUZZER_FAST_NOSAN): $(FAST_OBJS_fast-lf-nosan)
	$(FUZZ_CC) -fsanitize=fuzzer $(FUZZ_WRAP) $^ -o $@

# The model alone: the kernel mode's objects, its entry point swapped
# for fuzz/fast/alone/main.c.
## make build/fuzz/safepoll-fuzz-model   the model alone (ASan + UBSan;
##                  -nosan: without)
$(FUZZER_MODEL): $(filter-out %/fuzz/entry.o,$(FUZZ_OBJS_lf)) \
		$(FUZZ)/lf/fuzz/fast/alone/main.o
	$(FUZZ_CC) -fsanitize=fuzzer $(FUZZ_SAN) $(FUZZ_WRAP) $^ -o $@

$(FUZZER_MODEL_NOSAN): $(filter-out %/fuzz/entry.o,$(FUZZ_OBJS_lf-nosan)) \
		$(FUZZ)/lf-nosan/fuzz/fast/alone/main.o
	$(FUZZ_CC) -fsanitize=fuzzer $(FUZZ_WRAP) $^ -o $@

# Each seed once through the fast binary: all must agree (test-fuzz);
# and make fuzz's merge of its kept corpus (test_prune.sh).
test-fuzz: $(FUZZER_FAST)

# $(call FAST_RUN,FUZZER,DIR): make fuzz's script and conventions
# (FUZZ_SECONDS, JOBS, FUZZ_SEEDS) for one fast binary, under DIR.
FUZZ_FAST_MIN_EXECS ?= 0
define FAST_RUN
	@case "$(FUZZ_SEEDS)" in \
	corpus) sh fuzz/libfuzzer.sh $(1) $(FUZZ_TOOL) $(REPLAY) $(FUZZ)/seeds \
		$(2) $(FUZZ_SECONDS) $(JOBS) $(FUZZ_FAST_MIN_EXECS) ;; \
	none) rm -rf $(2)-empty && mkdir -p $(2)-empty/seeds && \
		sh fuzz/libfuzzer.sh $(1) $(FUZZ_TOOL) $(REPLAY) \
		$(2)-empty/seeds $(2)-empty $(FUZZ_SECONDS) $(JOBS) \
		$(FUZZ_FAST_MIN_EXECS) ;; \
	*) echo "FUZZ_SEEDS=$(FUZZ_SEEDS): corpus or none"; exit 2 ;; \
	esac
endef

## make fuzz-fast   safepoll on the model against the model (no kernel:
##                  a difference is safepoll's or the shim's), libFuzzer
##                  + ASan + UBSan, as make fuzz: FUZZ_SECONDS, JOBS,
##                  FUZZ_SEEDS; corpus in build/fuzz/fast/corpus
## make fuzz-model  the model alone (crashes, hangs, sanitizers, its
##                  lists), as make fuzz; in build/fuzz/model
.PHONY: fuzz-fast fuzz-model
fuzz-fast: $(FUZZER_FAST) $(FUZZ_TOOL) $(REPLAY) $(FUZZ_SEEDS_MADE)
	$(call FAST_RUN,$(FUZZER_FAST),$(FUZZ)/fast)

fuzz-model: $(FUZZER_MODEL) $(FUZZ_TOOL) $(REPLAY) $(FUZZ_SEEDS_MADE)
	$(call FAST_RUN,$(FUZZER_MODEL),$(FUZZ)/model)
