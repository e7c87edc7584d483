# The differential fuzzer (fuzz/, see fuzz/README.md): safepoll on the
# kernel against the model, with libFuzzer and AFL++.  Everything it
# builds goes under $(BUILD)/fuzz; each build flavour has an object tree
# of its own, made by FUZZ_FLAVOUR below.

FUZZ := $(BUILD)/fuzz
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 600
# corpus: make fuzz starts from the seeds and the kept corpus; none: from
# nothing (how a fuzzer is measured).
FUZZ_SEEDS ?= corpus
JOBS ?= $(shell nproc 2>/dev/null || echo 1)

# Everything but the replay's main and the fuzzer's own mains.
FUZZ_SRCS := $(LIB_SRCS) $(wildcard specs/model/*.c) $(wildcard trace/*.c) \
	$(filter-out replay/main.c,$(wildcard replay/*.c)) \
	$(wildcard fuzz/*.c)
# What every object depends on besides its source: the headers, and the
# makefiles, whose flags (coverage, sanitizers) make the objects.
FUZZ_HDRS := $(wildcard src/*.h src/*.acsl src/safepoll/* specs/model/*.h trace/*.h \
	replay/*.h fuzz/*.h fuzz/*/*.h) mk/fuzz.mk mk/fuzzfast.mk
FUZZ_TOOL_SRCS := $(wildcard fuzz/tool/*.c)
FUZZ_DIRS := src specs/model trace replay fuzz
# The replay's own bookkeeping (numbers, tokens, lists, comparisons),
# compiled without coverage: only its engines are covered.
FUZZ_ENGINES := replay/kernel.c replay/model.c replay/wrapper.c
FUZZ_PLAIN_REPLAY := $(filter-out replay/main.c $(FUZZ_ENGINES),$(wildcard replay/*.c))
# The link-time hooks of fuzz/hooks.h.
FUZZ_WRAP := -Wl,--wrap=model_new -Wl,--wrap=replay_kernel_new \
	-Wl,--wrap=replay_kernel_free -Wl,--wrap=replay_fdinfo \
	-Wl,--wrap=safepoll_new

# $(call FUZZ_FLAVOUR,NAME,SOURCE ROOT,COVERED CC,PLAIN CC,FLAGS): the
# objects of FUZZ_SRCS (and of the mains in fuzz/*/) under $(FUZZ)/NAME.
# Only what the differences come from is compiled for coverage: safepoll,
# the model and the replay's engines.  The trace parser, the decoder and
# the harness's comparisons are not: their branches follow the input's
# spelling, and as coverage they would only make the fuzzer keep inputs
# that are new to the parser, not to epoll (and cost time in every run).
# Nor is the replay's bookkeeping (FUZZ_PLAIN_REPLAY): a third of the
# features, each costing libFuzzer's tables a look in every run, half
# of the fast mode's; without it every planted bug is found as fast.
# fuzz/afl/ holds AFL++'s main, which needs afl-clang-fast.
define FUZZ_FLAVOUR
$(FUZZ)/$(1)/%.o: $(2)/%.c $(FUZZ_HDRS)
	@mkdir -p $$(@D)
	$(3) -D_GNU_SOURCE $(FUZZ_DIRS:%=-I$(2)/%) $(WARNINGS) $(5) -c $$< -o $$@
$(FUZZ)/$(1)/trace/%.o: $(2)/trace/%.c $(FUZZ_HDRS)
	@mkdir -p $$(@D)
	$(4) -D_GNU_SOURCE $(FUZZ_DIRS:%=-I$(2)/%) $(WARNINGS) $(5) -c $$< -o $$@
$(FUZZ)/$(1)/fuzz/%.o: $(2)/fuzz/%.c $(FUZZ_HDRS)
	@mkdir -p $$(@D)
	$(4) -D_GNU_SOURCE $(FUZZ_DIRS:%=-I$(2)/%) $(WARNINGS) $(5) -c $$< -o $$@
$(FUZZ_PLAIN_REPLAY:%.c=$(FUZZ)/$(1)/%.o): $(FUZZ)/$(1)/%.o: $(2)/%.c $(FUZZ_HDRS)
	@mkdir -p $$(@D)
	$(4) -D_GNU_SOURCE $(FUZZ_DIRS:%=-I$(2)/%) $(WARNINGS) $(5) -c $$< -o $$@
$(FUZZ)/$(1)/fuzz/afl/%.o: $(2)/fuzz/afl/%.c $(FUZZ_HDRS)
	@mkdir -p $$(@D)
	$(3) -D_GNU_SOURCE $(FUZZ_DIRS:%=-I$(2)/%) $(WARNINGS) $(5) -c $$< -o $$@
FUZZ_OBJS_$(1) := $(FUZZ_SRCS:%.c=$(FUZZ)/$(1)/%.o)
endef

FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
# Without compare tracing: its operands reach only libFuzzer's own byte
# mutations, one in 8 here (fuzz/lf_mutator.c), and its callbacks were a
# third of the fast mode's run (fuzz/README.md, "Throughput against
# issue 15's goals"); every planted bug is found without it.
FUZZ_LF := $(FUZZ_CC) -fsanitize=fuzzer-no-link \
	-fno-sanitize-coverage=trace-cmp
$(eval $(call FUZZ_FLAVOUR,lf,.,$(FUZZ_LF),$(FUZZ_CC),-O1 -g $(FUZZ_SAN)))
$(eval $(call FUZZ_FLAVOUR,lf-nosan,.,$(FUZZ_LF),$(FUZZ_CC),-O2 -g))
$(eval $(call FUZZ_FLAVOUR,tool,.,$(CC),$(CC),$(CFLAGS) $(SAN_FLAGS)))
$(eval $(call FUZZ_FLAVOUR,cov,.,$(CC),$(CC),-O0 -g --coverage))
AFL_CC ?= afl-clang-fast
$(eval $(call FUZZ_FLAVOUR,afl,.,AFL_QUIET=1 $(AFL_CC),$(FUZZ_CC),-O2 -g))
$(eval $(call FUZZ_FLAVOUR,afl-cmplog,.,AFL_QUIET=1 AFL_LLVM_CMPLOG=1 $(AFL_CC),$(FUZZ_CC),-O2 -g))

FUZZER := $(FUZZ)/safepoll-fuzz
FUZZER_NOSAN := $(FUZZ)/safepoll-fuzz-nosan
FUZZ_TOOL := $(FUZZ)/safepoll-fuzz-tool

## make build/fuzz/safepoll-fuzz   the libFuzzer binary (ASan + UBSan)
$(FUZZER): $(FUZZ_OBJS_lf)
	$(FUZZ_CC) -fsanitize=fuzzer $(FUZZ_SAN) $(FUZZ_WRAP) $^ -o $@

$(FUZZER_NOSAN): $(FUZZ_OBJS_lf-nosan)
	$(FUZZ_CC) -fsanitize=fuzzer $(FUZZ_WRAP) $^ -o $@

## make build/fuzz/safepoll-fuzz-afl   the AFL++ binary (and -cmplog)
FUZZER_AFL := $(FUZZ)/safepoll-fuzz-afl
FUZZER_CMPLOG := $(FUZZ)/safepoll-fuzz-cmplog
$(FUZZER_AFL): $(FUZZ_OBJS_afl) $(FUZZ)/afl/fuzz/afl/afl_main.o
	AFL_QUIET=1 $(AFL_CC) $(FUZZ_WRAP) $^ -o $@

$(FUZZER_CMPLOG): $(FUZZ_OBJS_afl-cmplog) $(FUZZ)/afl-cmplog/fuzz/afl/afl_main.o
	AFL_QUIET=1 AFL_LLVM_CMPLOG=1 $(AFL_CC) $(FUZZ_WRAP) $^ -o $@

# AFL++'s custom mutator (fuzz/afl/afl_mutator.c, fuzz/mutate.h): a
# shared object afl-fuzz loads, uninstrumented, with what it needs of the
# byte format.
FUZZ_MUTATOR := $(FUZZ)/safepoll-mutator.so
FUZZ_MUTATOR_SRCS := fuzz/afl/afl_mutator.c fuzz/mutate.c fuzz/program.c fuzz/format.c \
	trace/buf.c
$(FUZZ_MUTATOR): $(FUZZ_MUTATOR_SRCS) $(FUZZ_HDRS)
	@mkdir -p $(@D)
	$(FUZZ_CC) -shared -fPIC -Wl,--no-undefined -D_GNU_SOURCE \
		$(FUZZ_DIRS:%=-I%) $(WARNINGS) -O2 -g $(FUZZ_MUTATOR_SRCS) -o $@

# The tool (seeds, decode, check, minimize) with the project's compiler:
# the harness's code is gcc-clean too.
$(FUZZ_TOOL): $(FUZZ_OBJS_tool) $(FUZZ_TOOL_SRCS:%.c=$(FUZZ)/tool/%.o)
	$(CC) $(ALL_LDFLAGS) $(FUZZ_WRAP) $^ -o $@

# Seeds: corpus/*.trace, and the fuzz corpus kept in fuzz/corpus/*.trace
# (make fuzz-merge), in the byte format (safepoll-fuzz-tool seeds).
FUZZ_SEED_TRACES := $(wildcard corpus/*.trace fuzz/corpus/*.trace)
FUZZ_SEEDS_MADE := $(FUZZ)/seeds.made
$(FUZZ_SEEDS_MADE): $(FUZZ_TOOL) $(FUZZ_SEED_TRACES)
	rm -rf $(FUZZ)/seeds
	mkdir -p $(FUZZ)/seeds
	$(FUZZ_TOOL) seeds $(FUZZ)/seeds $(FUZZ_SEED_TRACES)
	touch $@

# The format's round trip over corpus/, random inputs, model_reserve.
$(FUZZ)/test_format: $(FUZZ_OBJS_tool) $(FUZZ)/tool/fuzz/tests/test_format.o
	$(CC) $(ALL_LDFLAGS) $(FUZZ_WRAP) $^ -o $@

# The mutator (mutate.h) over corpus/: valid mutants, bindings kept,
# kinds by their weights.
$(FUZZ)/test_mutate: $(FUZZ_OBJS_tool) $(FUZZ)/tool/fuzz/tool/common.o \
		$(FUZZ)/tool/fuzz/tests/test_mutate.o
	$(CC) $(ALL_LDFLAGS) $(FUZZ_WRAP) $^ -o $@

# The harness's checks after a run: a leaked fd and a closed one are
# reported.  safepoll_add is wrapped here only, to leak them.
$(FUZZ)/test_leak: $(FUZZ_OBJS_tool) $(FUZZ)/tool/fuzz/tests/test_leak.o
	$(CC) $(ALL_LDFLAGS) $(FUZZ_WRAP) -Wl,--wrap=safepoll_add $^ -o $@

# The harness's one-pread fdinfo read against the tools' whole read.
$(FUZZ)/test_fdinfo: $(FUZZ_OBJS_tool) $(FUZZ)/tool/fuzz/tests/test_fdinfo.o
	$(CC) $(ALL_LDFLAGS) $(FUZZ_WRAP) $^ -o $@

## make test-fuzz   the fuzzer's byte format and its corpus round trip;
##                  the mutator; the leak checks; the fdinfo read; make
##                  fuzz's counts; the kept corpus's merge; the seeds through the
##                  harness under a storm of signals, and through the
##                  fast mode (mk/fuzzfast.mk): every seed agrees
.PHONY: test-fuzz
TEST_TARGETS += test-fuzz
test-fuzz: $(FUZZ)/test_format $(FUZZ)/test_mutate $(FUZZ)/test_leak \
		$(FUZZ)/test_fdinfo $(FUZZ_TOOL) $(FUZZ_SEEDS_MADE)
	$(FUZZ)/test_format corpus/*.trace
	$(FUZZ)/test_mutate corpus/*.trace
	$(FUZZ)/test_leak
	$(FUZZ)/test_fdinfo
	sh fuzz/tests/test_status.sh
	sh fuzz/tests/test_prune.sh $(FUZZER_FAST) $(FUZZ)/seeds
	SAFEPOLL_FUZZ_SIGNALS=50 $(FUZZ_TOOL) bench $(FUZZ)/seeds 20 3000
	sh fuzz/fast/seeds.sh $(FUZZER_FAST) $(FUZZ)/seeds

FUZZ_MIN_EXECS ?= 1000
FUZZ_SMOKE_SECONDS ?= 20
FUZZ_RUN = sh fuzz/libfuzzer.sh $(FUZZER) $(FUZZ_TOOL) $(REPLAY) $(FUZZ)/seeds

## make fuzz        libFuzzer (ASan + UBSan) for FUZZ_SECONDS (600) on JOBS
##                  (nproc) jobs, seeded from corpus/; corpus grows in
##                  build/fuzz/corpus, findings in build/fuzz/findings;
##                  a status line every 30 s, libFuzzer's in build/fuzz/logs
##                  FUZZ_SEEDS=none: from an empty corpus, in
##                  build/fuzz/empty (build/fuzz/corpus left alone)
## make fuzz-repro CRASH=FILE   a crash file as a readable finding
## make fuzz-merge  the grown corpus, minimized, in build/fuzz/corpus-merged
## make fuzz-smoke  FUZZ_SMOKE_SECONDS (20) from the seeds alone: no finding
# In make check, so short and with no speed floor: exec/s depend on the
# machine's load, and make check must not (make fuzz keeps the floor).
CHECK_TARGETS += fuzz-smoke
.PHONY: fuzz fuzz-repro fuzz-merge fuzz-smoke fuzz-bench
fuzz: $(FUZZER) $(FUZZ_TOOL) $(REPLAY) $(FUZZ_SEEDS_MADE)
	@sh mk/need.sh clang
	@case "$(FUZZ_SEEDS)" in \
	corpus) $(FUZZ_RUN) $(FUZZ) $(FUZZ_SECONDS) $(JOBS) \
		$(FUZZ_MIN_EXECS) ;; \
	none) rm -rf $(FUZZ)/empty && mkdir -p $(FUZZ)/empty/seeds && \
		sh fuzz/libfuzzer.sh $(FUZZER) $(FUZZ_TOOL) $(REPLAY) \
		$(FUZZ)/empty/seeds $(FUZZ)/empty $(FUZZ_SECONDS) $(JOBS) \
		$(FUZZ_MIN_EXECS) ;; \
	*) echo "make fuzz: FUZZ_SEEDS=$(FUZZ_SEEDS): corpus or none"; \
		exit 2 ;; \
	esac

fuzz-smoke: $(FUZZER) $(FUZZ_TOOL) $(REPLAY) $(FUZZ_SEEDS_MADE)
	@rm -rf $(FUZZ)/smoke
	@$(FUZZ_RUN) $(FUZZ)/smoke $(FUZZ_SMOKE_SECONDS) $(JOBS) 0

fuzz-repro: $(FUZZER) $(FUZZ_TOOL) $(REPLAY)
	@test -n "$(CRASH)" || { echo "usage: make fuzz-repro CRASH=FILE"; exit 2; }
	@sh fuzz/finding.sh $(CRASH) $(FUZZ)/findings $(FUZZER) $(FUZZ_TOOL) \
		$(REPLAY) > /dev/null
	@sh fuzz/finding.sh $(CRASH) $(FUZZ)/findings $(FUZZER) $(FUZZ_TOOL) \
		$(REPLAY) | tail -1 | xargs cat

fuzz-merge: $(FUZZER) $(FUZZ_TOOL) $(FUZZ_SEEDS_MADE)
	rm -rf $(FUZZ)/corpus-merged $(FUZZ)/corpus-merged-traces
	mkdir -p $(FUZZ)/corpus-merged $(FUZZ)/corpus-merged-traces $(FUZZ)/corpus
	$(FUZZER) -merge=1 -max_len=320 $(FUZZ)/corpus-merged $(FUZZ)/seeds \
		$(FUZZ)/corpus 2>&1 | grep -E "MERGE-OUTER: [0-9]+ new files"
	@for f in $(FUZZ)/corpus-merged/*; do \
		$(FUZZ_TOOL) decode $$f > $(FUZZ)/corpus-merged-traces/$$(basename $$f).trace; \
	done
	@echo "fuzz-merge: $$(ls $(FUZZ)/corpus-merged | wc -l) inputs in" \
		"$(FUZZ)/corpus-merged (from $$(ls $(FUZZ)/corpus | wc -l)), as" \
		"traces in $(FUZZ)/corpus-merged-traces; to keep them, copy the" \
		"traces to fuzz/corpus/ (make fuzz seeds from there too)"

# The harness alone, no engine, over the grown corpus (or the seeds).
fuzz-bench: $(FUZZ_TOOL) $(FUZZ_SEEDS_MADE)
	$(FUZZ_TOOL) bench $$(ls -A $(FUZZ)/corpus 2>/dev/null | grep -q . && \
		echo $(FUZZ)/corpus || echo $(FUZZ)/seeds) 10

## make afl         AFL++: a main (-M, cmplog) and JOBS-1 secondaries (-S),
##                  persistent mode, the custom mutator, FUZZ_SECONDS;
##                  ends with afl-whatsup
## make afl-plot    coverage over time of the main instance, as PNG
.PHONY: afl afl-plot
afl: $(FUZZER_AFL) $(FUZZER_CMPLOG) $(FUZZ_MUTATOR) $(FUZZ_TOOL) $(REPLAY) \
		$(FUZZ_SEEDS_MADE)
	@sh mk/need.sh afl
	@sh fuzz/afl.sh $(FUZZER_AFL) $(FUZZER_CMPLOG) $(FUZZ_MUTATOR) \
		$(FUZZ_TOOL) $(REPLAY) $(FUZZ)/seeds $(FUZZ)/afl \
		$(FUZZ_SECONDS) $(JOBS)

afl-plot:
	@test -f $(FUZZ)/afl/main/plot_data || { \
		echo "afl-plot: no $(FUZZ)/afl/main/plot_data: run make afl first"; \
		exit 2; }
	@command -v gnuplot > /dev/null || { \
		echo "afl-plot: gnuplot not found: install gnuplot-nox (make deps)"; \
		exit 1; }
	afl-plot $(FUZZ)/afl/main $(FUZZ)/afl-plot
	@ls $(FUZZ)/afl-plot/*.png

# fuzz-selftest: the fuzzer must find bugs planted in copies of the
# sources (fuzz/selftest/*.sed, applied by apply.sh into build/, so that
# nobody's files carry a switch for them), each within 120 s.
FUZZ_PLANTED := $(patsubst fuzz/selftest/%.sed,%,$(wildcard fuzz/selftest/*.sed))
FUZZ_SELFTEST_SECONDS ?= 120
# The seeds to start from; FUZZ_SELFTEST_SEEDS=none starts from nothing.
FUZZ_SELFTEST_SEEDS ?= $(FUZZ)/seeds

# $(call FUZZ_PLANT,NAME): the tree, objects and fuzzer of one planted bug.
define FUZZ_PLANT
$(FUZZ)/planted-$(1)/tree.made: fuzz/selftest/$(1).sed fuzz/selftest/apply.sh \
		$(FUZZ_SRCS) $(FUZZ_HDRS)
	rm -rf $(FUZZ)/planted-$(1)/tree
	mkdir -p $(FUZZ)/planted-$(1)/tree
	tar cf - $(FUZZ_DIRS) | tar -C $(FUZZ)/planted-$(1)/tree -xf -
	sh fuzz/selftest/apply.sh fuzz/selftest/$(1).sed $(FUZZ)/planted-$(1)/tree
	touch $$@
$(FUZZ_SRCS:%=$(FUZZ)/planted-$(1)/tree/%): $(FUZZ)/planted-$(1)/tree.made ;
$(eval $(call FUZZ_FLAVOUR,planted-$(1)/obj,$(FUZZ)/planted-$(1)/tree,$(FUZZ_LF),$(FUZZ_CC),-O1 -g $(FUZZ_SAN)))
$(FUZZ)/planted-$(1)/safepoll-fuzz: $$(FUZZ_OBJS_planted-$(1)/obj)
	$(FUZZ_CC) -fsanitize=fuzzer $(FUZZ_SAN) $(FUZZ_WRAP) $$^ -o $$@
endef
$(foreach p,$(FUZZ_PLANTED),$(eval $(call FUZZ_PLANT,$(p))))

## make fuzz-selftest   bugs planted in the model and in safepoll must be
##                      found within 120 s each (fuzz/selftest/*.sed);
##                      FUZZ_SELFTEST_SEEDS=none: from an empty corpus
.PHONY: fuzz-selftest
fuzz-selftest: $(FUZZ_PLANTED:%=$(FUZZ)/planted-%/safepoll-fuzz) $(FUZZ_TOOL) \
		$(FUZZ_SEEDS_MADE)
	@sh fuzz/selftest/run.sh $(FUZZ) $(FUZZ_TOOL) $(FUZZ_SELFTEST_SECONDS) \
		$(FUZZ_SELFTEST_SEEDS) $(FUZZ_PLANTED)

# OSS-Fuzz's environment for a libFuzzer + ASan build, as its
# base-builder sets it (infra/base-images/base-builder), here.
OSS := $(abspath $(FUZZ))/oss
OSS_FLAGS := -O1 -fno-omit-frame-pointer -gline-tables-only \
	-fsanitize=address -fsanitize-address-use-after-scope \
	-fsanitize=fuzzer-no-link
OSS_ENV := SRC=$(OSS)/src OUT=$(OSS)/out WORK=$(OSS)/work CC=clang \
	CXX=clang++ CFLAGS="$(OSS_FLAGS)" CXXFLAGS="$(OSS_FLAGS)" \
	LIB_FUZZING_ENGINE=-fsanitize=fuzzer SANITIZER=address \
	FUZZING_ENGINE=libfuzzer ARCHITECTURE=x86_64

## make oss-fuzz-check   fuzz/oss-fuzz/build.sh in OSS-Fuzz's environment,
##                       then its fuzzer runs each seed of its corpus once
.PHONY: oss-fuzz-check
oss-fuzz-check:
	@sh mk/need.sh clang
	rm -rf $(OSS)
	mkdir -p $(OSS)/src $(OSS)/out $(OSS)/work $(OSS)/seeds
	ln -s $(CURDIR) $(OSS)/src/safepoll
	$(OSS_ENV) bash fuzz/oss-fuzz/build.sh
	cd $(OSS)/seeds && unzip -q $(OSS)/out/safepoll_fuzz_seed_corpus.zip
	$(OSS)/out/safepoll_fuzz -runs=0 -max_len=320 \
		-dict=$(OSS)/out/safepoll_fuzz.dict $(OSS)/seeds
	@echo "oss-fuzz-check: build.sh built $(OSS)/out/safepoll_fuzz;" \
		"$$(ls $(OSS)/seeds | wc -l) seeds ran clean"

# The persistent loop, soaked: FUZZ_SOAK_RUNS runs of the grown corpus
# (or the seeds) through the harness built with ASan + UBSan + LSan (the
# tool, in build/san): no leak (LSan at exit), no descriptor left open
# (each run checks its own), and a peak RSS under FUZZ_SOAK_RSS_MB with
# ASan's quarantine cut to 16 MiB, so that growth would show.
FUZZ_SOAK_RUNS ?= 1000000
FUZZ_SOAK_RSS_MB ?= 128
## make fuzz-soak   1,000,000 runs under ASan/LSan: no leak, no fd left
.PHONY: fuzz-soak
fuzz-soak: $(FUZZ_SEEDS_MADE)
	$(MAKE) --no-print-directory SANITIZE=1 build/san/fuzz/safepoll-fuzz-tool
	@dir=$$(ls -A $(FUZZ)/corpus 2>/dev/null | grep -q . && \
		echo $(FUZZ)/corpus || echo $(FUZZ)/seeds); \
	ASAN_OPTIONS=detect_leaks=1:quarantine_size_mb=16 \
		build/san/fuzz/safepoll-fuzz-tool bench $$dir 100000 \
		$(FUZZ_SOAK_RUNS) | tee $(FUZZ)/soak.txt
	@rss=$$(sed -n 's/^peak RSS \([0-9]*\) MiB.*/\1/p' $(FUZZ)/soak.txt); \
	test "$$rss" -le $(FUZZ_SOAK_RSS_MB) || { \
		echo "fuzz-soak: peak RSS $$rss MiB over $(FUZZ_SOAK_RSS_MB)"; \
		exit 1; }; \
	echo "fuzz-soak: no leak, no descriptor left, peak RSS $$rss MiB"

# What the corpus reaches, in lines and branches of safepoll (src/) and the
# model (specs/model/): every input of the grown corpus (or the seeds)
# once through the harness built with gcov, summed by lcov.
## make fuzz-coverage   line/branch coverage of src/ and specs/model/
##                      by the fuzz corpus (HTML in build/fuzz/coverage)
.PHONY: fuzz-coverage
fuzz-coverage: $(FUZZ_OBJS_cov) $(FUZZ_TOOL_SRCS:%.c=$(FUZZ)/cov/%.o) $(FUZZ_SEEDS_MADE)
	@sh mk/need.sh lcov
	$(CC) --coverage $(FUZZ_WRAP) $(FUZZ_OBJS_cov) \
		$(FUZZ_TOOL_SRCS:%.c=$(FUZZ)/cov/%.o) -o $(FUZZ)/cov/tool
	find $(FUZZ)/cov -name '*.gcda' -delete
	@dir=$$(ls -A $(FUZZ)/corpus 2>/dev/null | grep -q . && \
		echo $(FUZZ)/corpus || echo $(FUZZ)/seeds); \
	$(FUZZ)/cov/tool bench $$dir 0 1
	lcov --quiet --rc lcov_branch_coverage=1 --capture --directory \
		$(FUZZ)/cov -o $(FUZZ)/cov/all.info 2>/dev/null
	lcov --quiet --rc lcov_branch_coverage=1 --extract $(FUZZ)/cov/all.info \
		'$(CURDIR)/src/*' '$(CURDIR)/specs/model/*' \
		-o $(FUZZ)/cov/report.info
	genhtml --quiet --branch-coverage -o $(FUZZ)/coverage \
		$(FUZZ)/cov/report.info > /dev/null
	@for part in src specs/model; do \
		lcov --quiet --rc lcov_branch_coverage=1 --extract \
			$(FUZZ)/cov/report.info "$(CURDIR)/$$part/*" \
			-o $(FUZZ)/cov/part.info; \
		echo "== $$part:"; lcov --rc lcov_branch_coverage=1 --summary \
			$(FUZZ)/cov/part.info 2>&1 | grep -E 'lines|branches'; \
	done

## make cflite-check   .clusterfuzzlite/ and .github/workflows/cflite_*.yml
##                     stay in step with fuzz/oss-fuzz/ (no docker needed)
.PHONY: cflite-check
TEST_TARGETS += cflite-check
cflite-check:
	@python3 fuzz/cflite-check.py
