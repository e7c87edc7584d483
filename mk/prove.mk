# make prove: Frama-C proves safepoll free of runtime errors, true to its
# contracts, its tokens never stale (issue 4).  See proofs/README.md.
#
#   make prove            WP over src/*.c, Eva over proofs/eva_driver.c, and
#                         the trusted base compared with proofs/trusted.txt
#   make prove-mutants    each planted bug of proofs/mutants must fail it
#
# Outputs go under $(BUILD)/prove; make prove writes proofs/report.txt and
# proofs/report.json.  WP's prover cache is proofs/wp-cache.txt, one line
# an entry (proofs/cache.py): make prove unpacks it into its session, so
# that a run only proves what changed; make prove-cache writes it from a
# full prove; make prove PROVE_SEED= proves cold.

PROVE_OUT := $(BUILD)/prove
PROVE_WHY3 := $(PROVE_OUT)/why3.conf
PROVE_SRC ?= src
PROVE_SESSION ?= $(PROVE_OUT)/wp-session
PROVE_SEED ?= proofs/wp-cache.txt
PROVE_CACHE ?= update
# Every goal is proved in at most a few seconds (proofs/report.txt): the
# limit leaves a margin of three or more on a loaded machine.  A smoke
# test passes only when CVC4 gives up, at its limit: a contract that
# makes code dead lets CVC4 prove \false at once, well within 1 s.
PROVE_TIMEOUT ?= 10
PROVE_SMOKE_TIMEOUT ?= 1
# Which smoke tests: make prove looks for inconsistent preconditions,
# behaviour assumptions, loop invariants and calls that cannot return;
# make prove-smoke adds one for every block of code (-wp-smoke-dead-code),
# four in seven of all: with each passing only at its time limit, they
# alone would take a cold make prove past 10 minutes.
PROVE_SMOKE ?= -wp-no-smoke-dead-code
# Provers each of the two WP processes runs at a time: with the two
# processes' own work, that keeps 2 cores busy.
PROVE_JOBS ?= 1
# CVC4 proves every goal alone; Z3 beside it only doubles the smoke tests'
# cost (each passes when every prover gives up).  PROVE_PROVERS=cvc4,z3
# tries Z3 after CVC4.
PROVE_PROVERS ?= cvc4
PROVE_PLAN := $(PROVE_OUT)/plan
PROVE_REPORT ?= proofs
PROVE_FLOOR ?= $(PROVE_OUT)/floor.json
# The report whose functions must all still be proved (none: no floor,
# for make prove-cache, which is run to accept a change of the proof).
PROVE_FLOOR_REF ?= HEAD
FRAMAC ?= frama-c

# Frama-C reads our kernel contracts (specs/kernel) in place of its libc's;
# the real build never sees them.
PROVE_CPP := -D_GNU_SOURCE -I$(PROVE_SRC) -Ispecs/kernel \
	-include specs/kernel/frama-c.h
# The report plugin is the gate: an unproved goal, a failed smoke test or
# any warning (an unsupported construct, a missing assigns) is an error.
# Given in the first option group, it watches every warning from parsing
# on; given again after the last -then, it classifies the final statuses.
PROVE_CLASSIFY := -report-classify -report-unclassified-unknown ERROR \
	-report-unclassified-warning ERROR -report-unclassified-invalid ERROR \
	-report-unclassified-error ERROR
# In prove-wp's two processes an unknown status is not an error: each
# leaves unknown the preconditions of functions that the other's functions
# call (those goals are the other's).  report.py, over both processes'
# goals, fails on any goal not proved.
PROVE_CLASSIFY_WP := $(PROVE_CLASSIFY) -report-unclassified-unknown REVIEW
# safepoll_new and safepoll_free cast one malloc'd block into an instance
# and its arrays, which WP's typed memory model cannot follow: Eva checks
# their bodies' C (proofs/eva_driver.c) but not their contracts (its copy
# of src/ has no ACSL): proofs/trusted.txt lists those as assumed.
# safepoll_wait and safepoll_event, inline in safepoll_loop.h, are one
# copy per unit Frama-C reads (safepoll_event, then safepoll_event_0 ...),
# the same text with the same contract: WP proves the first, and
# proofs/plan.py checks that every other is its text renamed.
PROVE_SKIP := safepoll_new,safepoll_free
PROVE_INLINE := safepoll_wait,safepoll_event
PROVE_WP := -wp -wp-rte -wp-smoke-tests $(PROVE_SMOKE) \
	-wp-prover $(PROVE_PROVERS) \
	-wp-par $(PROVE_JOBS) -wp-timeout $(PROVE_TIMEOUT) \
	-wp-smoke-timeout $(PROVE_SMOKE_TIMEOUT) -wp-no-warn-memory-model \
	-wp-cache $(PROVE_CACHE)
# Lemmas are goals too, but WP proves them only when no function is
# skipped or selected: a second pass proves them (each function goal has
# them as hypotheses, so an unproved lemma would be an unchecked axiom).
# The functions' smoke tests are done by then (and those of the skipped
# functions are not wanted).
PROVE_LEMMAS := -wp-skip-fct= -wp-prop @lemma -wp-no-smoke-tests
# Signed narrowing (an int64 squeezed into an int) is implementation
# defined, not undefined, in C: checked all the same.
PROVE_KERNEL := -warn-signed-downcast
# The contracts of the trusted base, the two functions WP leaves to Eva,
# and any axiom of our logic files (none: every lemma is proved).
PROVE_TRUSTED := specs/kernel/*.h specs/kernel/sys/*.h \
	src/safepoll/contracts.h:safepoll_new,safepoll_free \
	src/*.acsl src/safepoll/*.acsl src/table.h:-

.PHONY: prove prove-wp prove-plan prove-smoke prove-eva prove-trusted prove-assumed prove-mutants \
	test-prove-gate prove-cache
# make check runs the whole proof: with the committed cache
# (proofs/wp-cache.txt) it re-proves only what changed.
CHECK_TARGETS += prove

## make prove      Frama-C WP and Eva prove src/ (proofs/README.md)
prove: prove-assumed prove-trusted prove-wp prove-eva
	@echo "prove: all goals proved, no alarm, trusted base unchanged"

$(PROVE_OUT):
	mkdir -p $@

# A fresh machine has no Why3 configuration: without one WP proves nothing.
# This one is ours, in the build tree, found by WP through WHY3CONFIG.
$(PROVE_WHY3): | $(PROVE_OUT)
	why3 config detect -C $@.tmp >/dev/null
	sed -i -e 's/^timelimit = .*/timelimit = $(PROVE_TIMEOUT)/' \
		-e 's/^memlimit = .*/memlimit = 4000/' \
		-e 's/^running_provers_max = .*/running_provers_max = $(PROVE_JOBS)/' \
		$@.tmp
	mv $@.tmp $@

# Two WP processes side by side (proofs/plan.py says which functions
# each proves); each has a session of its own, seeded with the same cache.
prove-wp: $(PROVE_WHY3) prove-plan | $(PROVE_OUT)
	@rm -f $(PROVE_OUT)/wp-*.json
	@if [ "$(PROVE_FLOOR_REF)" = none ]; then echo '{}' > $(PROVE_FLOOR); \
	elif git show $(PROVE_FLOOR_REF):proofs/report.json > $(PROVE_FLOOR).tmp \
		2>/dev/null; then mv $(PROVE_FLOOR).tmp $(PROVE_FLOOR); \
	else rm -f $(PROVE_FLOOR).tmp; cp proofs/report.json $(PROVE_FLOOR) \
		2>/dev/null || echo '{}' > $(PROVE_FLOOR); fi
	@for s in a b; do if [ -n "$(PROVE_SEED)" ]; then \
		python3 proofs/cache.py unpack $(PROVE_SEED) \
			$(PROVE_SESSION)-$$s/cache; fi; done
	@fct=$$(sed -n 1p $(PROVE_PLAN)); skip=$$(sed -n 2p $(PROVE_PLAN)); \
	run() { s=$$1; shift; WHY3CONFIG=$(PROVE_WHY3) $(FRAMAC) \
		-cpp-extra-args="$(PROVE_CPP)" $(PROVE_KERNEL) \
		$(PROVE_SRC)/*.c $(PROVE_CLASSIFY_WP) $(PROVE_WP) \
		-wp-session $(PROVE_SESSION)-$$s "$$@" -then $(PROVE_CLASSIFY_WP) \
		-report-output $(PROVE_OUT)/classify-$$s.json \
		> $(PROVE_OUT)/wp-$$s.log 2>&1 || \
		{ grep -v 'Valid\|Passed\|^\[rte:annot\]' \
		  $(PROVE_OUT)/wp-$$s.log | tail -40; \
		  echo "prove: WP failed (log: $(PROVE_OUT)/wp-$$s.log)"; \
		  return 1; }; }; \
	echo "prove-wp: two WP processes (logs: $(PROVE_OUT)/wp-a.log, wp-b.log)"; \
	run a -wp-fct "$$fct" -wp-report-json $(PROVE_OUT)/wp-a.json & a=$$!; \
	run b -wp-skip-fct "$$skip" -then $(PROVE_LEMMAS) \
		-wp-report-json $(PROVE_OUT)/wp-b.json; b=$$?; \
	wait $$a && [ $$b -eq 0 ]
	python3 proofs/report.py $(PROVE_REPORT)/report.txt \
		$(PROVE_REPORT)/report.json $(PROVE_FLOOR) $(PROVE_OUT)/wp-a.json \
		$(PROVE_OUT)/wp-b.json $(PROVE_OUT)/wp-a.log $(PROVE_OUT)/wp-b.log
	@sed -n 4,5p $(PROVE_REPORT)/report.txt

# Frama-C's own print of src/ (prove-assumed) says which functions there
# are and that the inline copies are one text.
prove-plan: prove-assumed
	python3 proofs/plan.py $(PROVE_ASSUMED_OUT)/printed.c proofs/report.json \
		$(PROVE_INLINE) $(PROVE_SKIP) > $(PROVE_PLAN)

## make prove-smoke  make prove-wp with a smoke test for every block of code
# too (its report in $(BUILD)/prove/smoke, the committed one untouched);
# the goals come from the cache, the extra smoke tests are not cached.
prove-smoke:
	@mkdir -p $(PROVE_OUT)/smoke
	$(MAKE) --no-print-directory prove-wp PROVE_SMOKE= \
		PROVE_REPORT=$(PROVE_OUT)/smoke PROVE_FLOOR_REF=none \
		PROVE_SESSION=$(PROVE_OUT)/smoke/wp-session

## make prove-cache  a full prove that keeps only the cache entries it used
# in proofs/wp-cache.txt (after a change of src/ or specs/, to commit).
prove-cache:
	rm -rf $(PROVE_SESSION)-a $(PROVE_SESSION)-b
	$(MAKE) --no-print-directory prove-wp PROVE_CACHE=cleanup \
		PROVE_FLOOR_REF=none
	python3 proofs/cache.py pack $(PROVE_SEED) $(PROVE_SESSION)-a/cache \
		$(PROVE_SESSION)-b/cache

# What Frama-C parsed, not the text of the files: an admit, a check, an
# axiom, a \false precondition or a contract without a body that
# proofs/trusted.txt does not list fails the proof (proofs/assumed.py).
PROVE_ASSUMED_OUT ?= $(PROVE_OUT)/assumed
prove-assumed:
	@mkdir -p $(PROVE_ASSUMED_OUT)
	@$(FRAMAC) -cpp-extra-args="$(PROVE_CPP)" $(PROVE_KERNEL) \
		$(PROVE_SRC)/*.c -print -ocode $(PROVE_ASSUMED_OUT)/printed.c \
		-then -metrics -metrics-libc > $(PROVE_ASSUMED_OUT)/metrics.log \
		2>&1 || { tail -20 $(PROVE_ASSUMED_OUT)/metrics.log; \
		  echo "prove: Frama-C could not parse $(PROVE_SRC)"; exit 1; }
	python3 proofs/assumed.py proofs/trusted.txt $(PROVE_SKIP) \
		$(PROVE_ASSUMED_OUT)/printed.c $(PROVE_ASSUMED_OUT)/metrics.log \
		$(PROVE_SRC)/*.* $(PROVE_SRC)/safepoll/* specs/kernel/*.h \
		specs/kernel/sys/*.h

# The gate's own test: each cheat planted in a copy of src/ must fail
# prove-assumed, and the clean copy must pass (proofs/gate/test.sh).
CHECK_TARGETS += test-prove-gate
## make test-prove-gate  each way to cheat make prove is caught (issue 12)
test-prove-gate:
	@sh proofs/gate/test.sh $(BUILD)/prove-gate

prove-trusted: | $(PROVE_OUT)
	python3 proofs/trusted.py $(PROVE_TRUSTED) > $(PROVE_OUT)/trusted.txt
	@diff -u proofs/trusted.txt $(PROVE_OUT)/trusted.txt || \
		{ echo "prove: the trusted base changed: review the diff, then"; \
		  echo "  cp $(PROVE_OUT)/trusted.txt proofs/trusted.txt"; \
		  exit 1; }
