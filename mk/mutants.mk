# make prove-mutants: proofs that can fail (issue 4, section 4).  Each
# proofs/mutants/<bug>.sed plants one bug in a copy of src/ under
# $(BUILD)/mutants/<bug>/src and runs the proof named in its header on the
# copy (PROVE_SRC): Eva (mk/eva.mk) and/or WP restricted to the functions
# the bug touches.  Every mutant must make the proof fail on a goal that
# the unchanged src/ passes; one line per mutant, caught or MISSED, with
# the goal, then a total; the target fails if any is missed.
# The committed proofs/ files are never written: each run has its own
# session (proofs/wp-cache.txt unpacked, so unchanged goals come from the
# cache) and output directory.  Mutants run one after the other.  The
# unchanged src/'s failures are computed once per proof and kept under
# $(BUILD)/mutants/baseline-<hash of what they depend on>.  A full run of
# the 16 mutants took 9 min 22 s on 2 cores from cold baselines (API v2,
# commit e29e397); an Eva mutant takes 20-40 s, a WP one 33-88 s.
#
#   make prove-mutants                        all of them
#   make prove-mutants MUTANTS="timeout-narrowing lookup-head-only"
#   make prove-mutants MUTANT_SET=DIR           another set of mutants
# A mutant that today's contracts let through waits in its own set
# (proofs/mutants/pending, empty since issue 12's last two were caught),
# not required, until the clause that catches it is proved.

MUTANTS ?=
MUTANT_SET ?= proofs/mutants
# A goal a bug makes false is unprovable at any time limit: a short one
# keeps the run short (the unchanged src/ is run at the same limit).
MUTANT_TIMEOUT ?= 5
MUTANT_DIR ?= $(BUILD)/mutants/scratch
MUTANT_FCT ?=
MUTANT_WP = -wp -wp-rte -wp-smoke-tests -wp-prover cvc4,z3 -wp-par 1 \
	-wp-timeout $(MUTANT_TIMEOUT) -wp-smoke-timeout 2 \
	-wp-no-warn-memory-model -wp-session $(MUTANT_DIR)/session \
	-wp-cache update -wp-fct $(MUTANT_FCT)

.PHONY: mutant-wp

## make prove-mutants  each planted bug of proofs/mutants must fail the proof
prove-mutants:
	@MUTANT_SET=$(MUTANT_SET) sh proofs/mutants/run.sh $(BUILD) $(MUTANTS)

# One WP run of a mutant (run.sh calls it with PROVE_SRC, MUTANT_DIR and
# MUTANT_FCT set): the options of prove-wp, the same report gate.
mutant-wp:
	@$(MAKE) --no-print-directory $(PROVE_WHY3)
	@mkdir -p $(MUTANT_DIR)
	WHY3CONFIG=$(PROVE_WHY3) $(FRAMAC) -cpp-extra-args="$(PROVE_CPP)" \
		$(PROVE_KERNEL) $(PROVE_SRC)/*.c $(PROVE_CLASSIFY) $(MUTANT_WP) \
		-then $(PROVE_CLASSIFY) > $(MUTANT_DIR)/wp.log 2>&1
