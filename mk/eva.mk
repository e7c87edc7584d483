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
EVA_CPP = -D_GNU_SOURCE -I$(EVA_OUT)/src -Ispecs/kernel \
	-include specs/kernel/frama-c.h
# Splits keep apart the states that a join would mix up: the time a failed
# clock_gettime did not write, an instance that a failed init left blank.
EVA_FLAGS := -eva -eva-precision 1 -eva-ilevel 16 \
	-eva-split-return-function clock_gettime:0,safepoll_new:0,safepoll_init:0,epoll_ctl:0 \
	-eva-slevel-function epoll_ctl:20,epoll_wait:20,safepoll_new:20 \
	-eva-print-callstacks
EVA_INPUTS := proofs/eva/kernel.c proofs/eva_driver.c

## make prove-eva  Eva: the API with every kind of argument, no alarm (mk/eva.mk)
prove-eva:
	@rm -rf $(EVA_OUT)/src && mkdir -p $(EVA_OUT)
	python3 proofs/eva/strip_acsl.py $(EVA_OUT)/src $(PROVE_SRC)/*.c \
		$(PROVE_SRC)/*.h $(PROVE_SRC)/*.acsl
	$(FRAMAC) -cpp-extra-args="$(EVA_CPP)" $(PROVE_KERNEL) \
		$(EVA_OUT)/src/*.c $(EVA_INPUTS) $(PROVE_CLASSIFY) $(EVA_FLAGS) \
		-then $(PROVE_CLASSIFY) -report-output $(EVA_OUT)/classify.json \
		> $(EVA_OUT)/eva.log 2>&1 || \
		{ grep -A3 '^\[eva:alarm\]' $(EVA_OUT)/eva.log | \
		  grep -v '^--' | head -60; tail -5 $(EVA_OUT)/eva.log; \
		  echo "prove-eva: $$(grep -c '^\[eva:alarm\]' $(EVA_OUT)/eva.log)" \
		    "alarms (log: $(EVA_OUT)/eva.log)"; exit 1; }
	@echo "prove-eva: no alarm, every kernel precondition holds" \
		"($(EVA_OUT)/eva.log)"
