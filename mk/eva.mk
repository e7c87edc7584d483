# make prove-eva: Eva over proofs/eva_driver.c, which calls the whole API
# with every kind of argument (issue 4, section 3).  Part of make prove
# (mk/prove.mk); its variables (PROVE_SRC, PROVE_CLASSIFY, ...) are those.
#
# Eva reads a copy of $(PROVE_SRC) without its ACSL (proofs/eva/strip_acsl.py):
# WP proves safepoll's contracts; Eva checks the C for runtime errors and
# every call against the kernel contracts of specs/kernel, which it keeps.
# The kernel calls have bodies (proofs/eva/kernel.c) that do what their
# contracts allow; Eva checks each body against its contract.
# Gated as prove-wp is: the report plugin's classification, every
# unclassified unknown, warning or invalid status an ERROR, so that any
# alarm fails the target.  Outputs under $(EVA_OUT); a mutant run
# (mk/mutants.mk) sets PROVE_SRC and EVA_OUT to its copy.

EVA_OUT ?= $(PROVE_OUT)/eva
# Recursive (=): mk/prove.mk, read after this file, defines PROVE_OUT.
EVA_SPECS ?= specs/kernel
EVA_CPP = -D_GNU_SOURCE -I$(EVA_OUT)/src -I$(EVA_SPECS) \
	-include $(EVA_SPECS)/frama-c.h
# Splits keep apart the states that a join would mix up: a kernel call's
# failure (-1, errno set) from its success (errno as it was, possibly 0,
# so that a joined `return -errno` could return 0), the time a failed
# clock_gettime did not write, an instance that a failed init left blank.
EVA_SPLITS := epoll_create1:-1,epoll_ctl:-1,epoll_wait:-1,epoll_pwait:-1,epoll_pwait2:-1,close:-1,open:-1,read:-1,clock_gettime:-1,safepoll_new:0,safepoll_init:0
EVA_FLAGS := -eva -eva-precision 1 -eva-ilevel 16 \
	-eva-split-return-function $(EVA_SPLITS) \
	-eva-slevel-function epoll_ctl:20,epoll_wait:20,safepoll_new:20 \
	-eva-print-callstacks -eva-warn-key alarm=feedback
# Every alarm is a property (an assertion, a precondition) whose status
# the gate classifies: unknown or invalid is an ERROR.  Its message is
# printed as feedback, not as a warning, so that a postcondition Eva could
# not decide but WP proved (EVA_WP) is not an error twice over.
EVA_INPUTS := proofs/eva/kernel.c proofs/eva_driver.c
# Some ensures of the kernel bodies relate the result to an argument or to
# ghost state (open's spec_opened), which Eva's non-relational domains
# cannot: WP proves them first, in the same
# session, so that the report's first classification (it runs at the end
# of the first step) sees them proved.
EVA_WP := -wp -wp-rte -wp-fct epoll_ctl,epoll_wait,epoll_pwait,epoll_pwait2,close,open \
	-wp-prop=@ensures \
	-wp-prover z3,cvc4 -wp-timeout 10 -wp-no-warn-memory-model \
	-wp-cache none

## make prove-eva  Eva: the API with every kind of argument, no alarm (mk/eva.mk)
prove-eva:
	@$(MAKE) --no-print-directory $(PROVE_WHY3)
	@rm -rf $(EVA_OUT)/src && mkdir -p $(EVA_OUT)
	python3 proofs/eva/strip_acsl.py $(EVA_OUT)/src $(PROVE_SRC) \
		$(PROVE_SRC)/*.c $(PROVE_SRC)/*.h $(PROVE_SRC)/*.acsl \
		$(PROVE_SRC)/safepoll/*
	WHY3CONFIG=$(PROVE_WHY3) $(FRAMAC) -cpp-extra-args="$(EVA_CPP)" \
		$(PROVE_KERNEL) $(EVA_OUT)/src/*.c $(EVA_INPUTS) \
		$(PROVE_CLASSIFY) $(EVA_WP) -then $(EVA_FLAGS) \
		-then $(PROVE_CLASSIFY) -report-output $(EVA_OUT)/classify.json \
		> $(EVA_OUT)/eva.log 2>&1 || \
		{ grep -A3 '^\[eva:alarm\]' $(EVA_OUT)/eva.log | \
		  grep -v '^--' | head -40; \
		  grep '^\[ERROR' $(EVA_OUT)/eva.log | sort | uniq -c; \
		  echo "prove-eva: $$(grep -c '^\[ERROR' $(EVA_OUT)/eva.log)" \
		    "properties not proved or warnings (above; log:" \
		    "$(EVA_OUT)/eva.log)"; exit 1; }
	@echo "prove-eva: no alarm, every kernel precondition holds" \
		"($(EVA_OUT)/eva.log)"
