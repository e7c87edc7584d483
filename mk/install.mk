# make install / uninstall, with the usual PREFIX and DESTDIR.

# safepoll(3), and a page for each function that points to it: every
# function the installed headers declare, each exported or inline.
MAN_FUNCS := safepoll_init safepoll_new safepoll_fini safepoll_free \
	safepoll_grow \
	safepoll_add safepoll_mod safepoll_del safepoll_close safepoll_rebuild \
	safepoll_wait \
	safepoll_event safepoll_wait_array safepoll_pwait safepoll_pwait2 \
	safepoll_check safepoll_check_report safepoll_dropped \
	safepoll_fd
# The installed headers: safepoll.h includes safepoll_loop.h, and, for
# Frama-C only, the contracts (a program that uses safepoll can be
# checked against them).
HEADERS := src/safepoll.h src/safepoll_loop.h
CONTRACTS := src/safepoll/contracts.h src/safepoll/registration.h \
	src/safepoll/safepoll.acsl

## make install     PREFIX=/usr/local DESTDIR= : headers, libraries, safepoll.pc
## make uninstall   removes what make install put there
.PHONY: install uninstall
install: $(LIB_A) $(LIB_SO)
	install -d $(DESTDIR)$(INCLUDEDIR)/safepoll $(DESTDIR)$(LIBDIR)/pkgconfig \
		$(DESTDIR)$(MANDIR)/man3
	install -m 644 man/safepoll.3 $(DESTDIR)$(MANDIR)/man3/
	for f in $(MAN_FUNCS); do \
		echo '.so man3/safepoll.3' > $(DESTDIR)$(MANDIR)/man3/$$f.3; done
	install -m 644 $(HEADERS) $(DESTDIR)$(INCLUDEDIR)/
	install -m 644 $(CONTRACTS) $(DESTDIR)$(INCLUDEDIR)/safepoll/
	install -m 644 $(LIB_A) $(DESTDIR)$(LIBDIR)/
	install -m 755 $(LIB_SO) $(DESTDIR)$(LIBDIR)/
	ln -sf libsafepoll.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libsafepoll.so.$(SOVERSION)
	ln -sf libsafepoll.so.$(SOVERSION) $(DESTDIR)$(LIBDIR)/libsafepoll.so
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' \
		-e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' -e 's|@VERSION@|$(VERSION)|' \
		mk/safepoll.pc.in > $(DESTDIR)$(LIBDIR)/pkgconfig/safepoll.pc
	chmod 644 $(DESTDIR)$(LIBDIR)/pkgconfig/safepoll.pc

uninstall:
	rm -f $(HEADERS:src/%=$(DESTDIR)$(INCLUDEDIR)/%) \
		$(CONTRACTS:src/%=$(DESTDIR)$(INCLUDEDIR)/%) \
		$(DESTDIR)$(LIBDIR)/libsafepoll.a \
		$(DESTDIR)$(LIBDIR)/libsafepoll.so.$(VERSION) \
		$(DESTDIR)$(LIBDIR)/libsafepoll.so.$(SOVERSION) \
		$(DESTDIR)$(LIBDIR)/libsafepoll.so \
		$(DESTDIR)$(LIBDIR)/pkgconfig/safepoll.pc \
		$(DESTDIR)$(MANDIR)/man3/safepoll.3 \
		$(MAN_FUNCS:%=$(DESTDIR)$(MANDIR)/man3/%.3)
	-rmdir $(DESTDIR)$(INCLUDEDIR)/safepoll

# Installs into a scratch DESTDIR, builds the README example against it
# through pkg-config as a user would, runs it, and uninstalls to nothing.
TEST_TARGETS += test-install
.PHONY: test-install
test-install: $(BUILD)/readme_example.c
	@set -e; d=$$(mktemp -d); \
	$(MAKE) --no-print-directory -s install DESTDIR=$$d PREFIX=/opt/sp; \
	flags=$$(PKG_CONFIG_SYSROOT_DIR=$$d \
		PKG_CONFIG_PATH=$$d/opt/sp/lib/pkgconfig \
		pkg-config --cflags --libs safepoll); \
	$(CC) -Wall -Werror $(SAN_FLAGS) $< $$flags -Wl,-rpath,$$d/opt/sp/lib \
		-o $$d/example; \
	$$d/example; \
	test -f $$d/opt/sp/share/man/man3/safepoll_event.3 || exit 1; \
	$(MAKE) --no-print-directory -s uninstall DESTDIR=$$d PREFIX=/opt/sp; \
	left=$$(find $$d/opt -type f -o -type l); \
	rm -rf $$d; \
	if [ -n "$$left" ]; then echo "test-install: left behind: $$left"; exit 1; fi; \
	echo "test-install: installed, linked through pkg-config, ran, uninstalled"

# The manual page renders with no warning, and names every function the
# installed headers declare (safepoll_loop.h's inline ones included), each
# with a page of its own.
TEST_TARGETS += test-man
.PHONY: test-man
test-man:
	@groff -man -Tutf8 -ww -z man/safepoll.3
	@fs=$$(sed -n 's/^[A-Za-z].* \**\(safepoll_[a-z0-9_]*\)(.*/\1/p' \
		src/safepoll.h src/safepoll_loop.h); \
	for f in safepoll_event safepoll_pwait2; do \
		echo "$$fs" | grep -qx "$$f" || \
		{ echo "test-man: $$f not found in the headers: fix the pattern"; exit 1; }; \
	done; \
	for f in $$fs; do \
		grep -qw "$$f" man/safepoll.3 || { echo "test-man: $$f not in man/safepoll.3"; exit 1; }; \
		echo "$(MAN_FUNCS)" | grep -qw "$$f" || { echo "test-man: $$f has no page"; exit 1; }; \
	done; \
	for f in $(MAN_FUNCS); do \
		echo "$$fs" | grep -qx "$$f" || { echo "test-man: page $$f.3 names no function of the headers"; exit 1; }; \
	done; echo "test-man: safepoll(3) renders cleanly and covers the headers"
