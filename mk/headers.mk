# make test-headers: the installed headers are plain C.  Installed into a
# scratch DESTDIR, they compile in C89, C99 and C11 with -pedantic, and in
# C++98 and C++17 (tests/headers/use.c, which calls every function, built
# in each and run against the installed library); and the library exports
# exactly the functions that have a page in safepoll(3), less the two
# inline ones: no internal function.

HEADER_STDS := -std=c89 -std=c99 -std=c11 -xc++:-std=c++98 -xc++:-std=c++17
HEADER_INLINE := safepoll_wait safepoll_event
HEADER_WARN := -pedantic -Wall -Wextra -Werror

TEST_TARGETS += test-headers
.PHONY: test-headers
test-headers: $(LIB_A) $(LIB_SO)
	@set -e; d=$$(mktemp -d); trap 'rm -rf $$d' EXIT; \
	$(MAKE) --no-print-directory -s install DESTDIR=$$d PREFIX=/opt/sp; \
	inc=$$d/opt/sp/include; lib=$$d/opt/sp/lib; \
	for s in $(HEADER_STDS); do \
		lang=$$(echo $$s | sed -n 's/^-x\(.*\):.*/\1/p'); \
		std=$${s#*:}; \
		cc=$(CC); [ -z "$$lang" ] || cc=$(CXX); \
		$$cc -x $${lang:-c} $$std $(HEADER_WARN) $(SAN_FLAGS) -I$$inc \
			tests/headers/use.c -x none -L$$lib -lsafepoll \
			-Wl,-rpath,$$lib -o $$d/use || \
			{ echo "test-headers: $$std does not compile"; exit 1; }; \
		$$d/use || { echo "test-headers: $$std: the calls failed"; exit 1; }; \
	done; \
	nm -D --defined-only $$lib/libsafepoll.so | awk '$$2 == "T" { sub("@.*", "", $$3); print $$3 }' \
		| sort > $$d/exported; \
	for f in $(filter-out $(HEADER_INLINE),$(MAN_FUNCS)); do echo $$f; done \
		| sort > $$d/documented; \
	diff $$d/documented $$d/exported > $$d/diff || \
		{ echo "test-headers: exported (>) against documented (<):"; \
		  cat $$d/diff; exit 1; }; \
	echo "test-headers: C89, C99, C11, C++98, C++17 with -pedantic;" \
		"$$(wc -l < $$d/exported) functions exported, each documented"
