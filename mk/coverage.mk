# make coverage: line and branch coverage of src/ (and the model) from the
# unit tests, the fault-injection suite and the corpus replay, as HTML in
# build/cov/html; make check fails below the committed floor.

COV_BUILD := build/cov
COV_FLOOR := mk/coverage-floor
CHECK_TARGETS += coverage-floor
LCOV := lcov --quiet --rc lcov_branch_coverage=1

# What runs under coverage: every suite that exercises the library.
COV_RUNS := test-unit test-fault test-corpus $(COV_EXTRA_RUNS)

## make coverage   line/branch coverage of src/ as HTML (build/cov/html)
.PHONY: coverage coverage-floor
coverage:
	@sh mk/need.sh lcov
	@rm -rf $(COV_BUILD)
	$(MAKE) --no-print-directory BUILD=$(COV_BUILD) SANITIZE= \
		CFLAGS="-O0 -g --coverage" LDFLAGS=--coverage $(COV_RUNS) \
		> $(COV_BUILD).log 2>&1 || { tail -40 $(COV_BUILD).log; exit 1; }
	$(LCOV) --capture --directory $(COV_BUILD) -o $(COV_BUILD)/all.info
	$(LCOV) --extract $(COV_BUILD)/all.info '$(CURDIR)/src/*' \
		-o $(COV_BUILD)/src.info
	$(LCOV) --extract $(COV_BUILD)/all.info '$(CURDIR)/src/*' \
		'$(CURDIR)/specs/model/*' -o $(COV_BUILD)/report.info
	genhtml --quiet --branch-coverage -o $(COV_BUILD)/html \
		$(COV_BUILD)/report.info > /dev/null
	lcov --rc lcov_branch_coverage=1 --summary $(COV_BUILD)/report.info \
		2>&1 | tee $(COV_BUILD)/summary-with-model.txt
	lcov --rc lcov_branch_coverage=1 --summary $(COV_BUILD)/src.info 2>&1 | \
		tee $(COV_BUILD)/summary.txt
	@echo "coverage: report in $(COV_BUILD)/html/index.html"

# The floor only goes up: raise mk/coverage-floor when coverage rises.
coverage-floor: coverage
	@sh mk/coverage-floor.sh $(COV_BUILD)/summary.txt $(COV_FLOOR)
