# make audit: the evidence an auditor reads, gathered in build/audit/ with a
# one-page SUMMARY.md whose every number is read from the files beside it.

AUDIT := build/audit

## make audit      proofs, coverage, fault injection, fuzzing, static
##                 analysis, tool versions and flags in build/audit/
.PHONY: audit
audit:
	@rm -rf $(AUDIT) && mkdir -p $(AUDIT)
	$(MAKE) --no-print-directory coverage
	cp $(COV_BUILD)/summary.txt $(AUDIT)/coverage.txt
	cp -r $(COV_BUILD)/html $(AUDIT)/coverage-html
	cp $(COV_FLOOR) $(AUDIT)/coverage-floor.txt
	$(MAKE) --no-print-directory -s test-fault > $(AUDIT)/fault.txt 2>&1
	$(MAKE) --no-print-directory static-analysis > $(AUDIT)/static.txt 2>&1
	cp $(STATIC_DIR)/*.txt $(AUDIT)/ 2>/dev/null; true
	$(MAKE) --no-print-directory audit-proofs audit-fuzz
	sh mk/audit-env.sh "$(CC)" "$(WARNINGS) $(CFLAGS)" > $(AUDIT)/environment.txt
	sh mk/audit-summary.sh $(AUDIT) > $(AUDIT)/SUMMARY.md
	@cat $(AUDIT)/SUMMARY.md

# A fresh short fuzz run (AUDIT_FUZZ_SECONDS on every core), its summary.
AUDIT_FUZZ_SECONDS ?= 60
.PHONY: audit-fuzz audit-proofs
audit-fuzz:
	$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=$(AUDIT_FUZZ_SECONDS) \
		> $(AUDIT)/fuzz-log.txt 2>&1 || true
	sed -n '/== make fuzz: summary ==/,$$p' $(AUDIT)/fuzz-log.txt \
		> $(AUDIT)/fuzz.txt
	test -s $(AUDIT)/fuzz.txt || echo "executions: make fuzz failed (fuzz-log.txt)" \
		> $(AUDIT)/fuzz.txt

# The proof report and the trusted base, from a fresh make prove; the
# trusted base's kernel contracts checked on the kernel (make eacsl).
audit-proofs:
	@if $(MAKE) --no-print-directory prove > $(AUDIT)/proofs.txt 2>&1; \
	then echo "make prove: passed" >> $(AUDIT)/proofs.txt; \
	else echo "make prove: FAILED" >> $(AUDIT)/proofs.txt; fi
	cp proofs/report.txt proofs/report.json proofs/trusted.txt $(AUDIT)/
	@if $(MAKE) --no-print-directory eacsl > $(AUDIT)/eacsl.txt 2>&1; \
	then echo "make eacsl: passed" >> $(AUDIT)/eacsl.txt; \
	else echo "make eacsl: FAILED" >> $(AUDIT)/eacsl.txt; fi
