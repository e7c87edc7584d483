# Static analysis of src/: cppcheck, clang-tidy (.clang-tidy), clang's
# scan-build and gcc's -fanalyzer.  Any finding fails; each tool's output
# is kept in build/static/ for make audit.

CHECK_TARGETS += static-analysis
STATIC_DIR := $(BUILD)/static
# Runs a tool into build/static/<name>.txt, shows it, fails with it.
run_static = $(2) > $(STATIC_DIR)/$(1).txt 2>&1; rc=$$?; \
	cat $(STATIC_DIR)/$(1).txt; \
	if [ $$rc -ne 0 ]; then echo "static-analysis: $(1) failed"; exit 1; fi

## make static-analysis   cppcheck, clang-tidy, scan-build, gcc -fanalyzer on src/
.PHONY: static-analysis
static-analysis:
	@mkdir -p $(STATIC_DIR)
	@$(call run_static,cppcheck,cppcheck --enable=warning$(comma)style$(comma)performance$(comma)portability \
		--std=c11 --error-exitcode=1 -q -D_GNU_SOURCE -Isrc src/*.c)
	@$(call run_static,clang-tidy,clang-tidy --quiet src/*.c -- -std=c11 \
		-D_GNU_SOURCE -Isrc)
	@$(call run_static,scan-build,scan-build --status-bugs \
		-o $(STATIC_DIR)/scan-build $(MAKE) --no-print-directory -s -B \
		BUILD=$(STATIC_DIR)/obj $(STATIC_DIR)/obj/libsafepoll.a)
	@$(call run_static,fanalyzer,for f in src/*.c; do \
		gcc -fanalyzer $(WARNINGS) $(ALL_CPPFLAGS) -c $$f -o /dev/null \
		|| exit 1; done)
	@echo "static-analysis: cppcheck, clang-tidy, scan-build, gcc -fanalyzer: no finding"
