# make eacsl: the trusted base tested against the kernel (issue 4, section 5).
# safepoll is built with E-ACSL so that every requires and ensures of the
# kernel contracts (specs/kernel) is checked at run time around each real
# call, linked into the replay tool, and the whole corpus is replayed
# through it (--check, as make test-corpus): a kernel answer that
# contradicts an assumed contract aborts with the clause's file, line and
# name.  The target lists the clauses it checks and those E-ACSL cannot.
#
# How (proofs/eacsl/): E-ACSL checks a contract at the entry and exit of a
# function it instruments, and a kernel call has no body; so for this
# build safepoll's calls are renamed spk_<call> (rename.h), whose bodies
# (kernel.c, through Frama-C) forward to the real calls (real.c, gcc and
# glibc only).  safepoll's own ACSL is left out (proofs/eva/strip_acsl.py:
# WP proves it, and E-ACSL 25 cannot translate its logic).  entry.c is
# Frama-C's entry point so that E-ACSL tracks the stack buffers the
# contracts call \valid on; init.c sets up E-ACSL's memory model before the
# replay tool's main.  safepoll_wait is inline: the replay tool's own copy
# of it (in replay/wrapper.c) is compiled again with inline.h, which sends
# its epoll_wait call through the instrumented contract too; the build
# checks that this wrapper.o calls no epoll_wait of its own.  Debian ships
# no e-acsl-gcc.sh: the runtime (e_acsl_rtl.c, dlmalloc) is compiled here
# as that script would, with libgmp.  fixup.py closes the gaps between
# E-ACSL's output and glibc.
#
# A wrong clause makes it abort: `make eacsl-selftest` plants one in a
# copy of specs/kernel (epoll_wait's `ensures result` narrowed to
# \result <= 0, false for any wait that fetches an event) and expects the
# corpus replay to abort on it; specs/kernel itself is never changed.  By
# hand: copy specs/kernel to DIR, change a clause, then
#   make eacsl EACSL_SPECS=DIR EACSL_OUT=build/eacsl-wrong

EACSL_SPECS ?= specs/kernel
EACSL_OUT ?= $(BUILD)/eacsl
EACSL_SHARE ?= $(shell frama-c -no-autoload-plugins -print-share-path 2>/dev/null)/e-acsl
EACSL_CALLS := close dup3 fstat read open clock_gettime epoll_create1 epoll_ctl epoll_wait \
	epoll_pwait epoll_pwait2
EACSL_FCTS := $(subst $(eval) ,$(comma),$(EACSL_CALLS:%=spk_%))
EACSL_CPP = -D_GNU_SOURCE -I$(EACSL_OUT)/src -I$(EACSL_SPECS) \
	-include $(EACSL_SPECS)/frama-c.h -include proofs/eacsl/rename.h
# As e-acsl-gcc.sh compiles E-ACSL's output and runtime (segment model).
EACSL_CFLAGS := -DE_ACSL_SEGMENT_MMODEL -std=c99 -m64 -g -O2 -fno-builtin \
	-fno-merge-constants -w
EACSL_DLMALLOC_FLAGS := -O2 -DHAVE_MORECORE=0 -DHAVE_MMAP=1 \
	-DNO_MALLINFO=1 -DNO_MALLOC_STATS=1 -DMSPACES=1 -DONLY_MSPACES \
	-DMALLOC_ALIGNMENT=32 -DMSPACE_PREFIX=__e_acsl_ -DUSE_LOCKS=1 \
	-DUSE_SPIN_LOCKS=1
EACSL_REPLAY = $(EACSL_OUT)/safepoll-replay
# The replay objects, wrapper.o (which includes safepoll.h) compiled anew.
EACSL_REPLAY_OBJS = $(filter-out $(BUILD)/replay/wrapper.o,$(REPLAY_OBJS)) \
	$(EACSL_OUT)/wrapper.o

.PHONY: eacsl eacsl-build eacsl-selftest

## make eacsl      replay the corpus through safepoll built with E-ACSL: every kernel-contract clause checked at run time
eacsl: eacsl-build
	@python3 proofs/eacsl/clauses.py $(EACSL_OUT)/safepoll.e-acsl.c \
		$(EACSL_OUT)/frama-c.log $(EACSL_SPECS)
	@sh replay/tests/corpus.sh $(EACSL_REPLAY) corpus || \
		{ echo "eacsl: a kernel answer contradicts a contract clause" \
		  "(above: file, line, clause name)"; exit 1; }
	@echo "eacsl: the whole corpus replayed, no kernel-contract clause violated"

eacsl-build:
	@sh mk/need.sh frama-c
	@echo '#include <gmp.h>' | gcc -E - >/dev/null 2>&1 || \
		{ echo "gmp.h not found: install libgmp-dev (or run make deps)"; \
		  exit 1; }
	@test -f $(EACSL_SHARE)/e_acsl_rtl.c || \
		{ echo "eacsl: no E-ACSL runtime in $(EACSL_SHARE) (frama-c-base)"; \
		  exit 1; }
	@$(MAKE) --no-print-directory \
		$(filter-out $(BUILD)/replay/wrapper.o,$(REPLAY_OBJS)) \
		$(BUILD)/libtrace.a $(BUILD)/libspmodel.a
	@rm -rf $(EACSL_OUT)/src && mkdir -p $(EACSL_OUT)
	python3 proofs/eva/strip_acsl.py $(EACSL_OUT)/src src src/*.c src/*.h \
		src/*.acsl src/safepoll/*
	frama-c -machdep gcc_x86_64 -cpp-extra-args="$(EACSL_CPP)" \
		$(EACSL_OUT)/src/*.c proofs/eacsl/kernel.c proofs/eacsl/entry.c \
		-main sp_eacsl_entry -e-acsl -e-acsl-functions $(EACSL_FCTS) \
		-e-acsl-share=$(EACSL_SHARE) -then-last \
		-print -ocode $(EACSL_OUT)/safepoll.e-acsl.c \
		> $(EACSL_OUT)/frama-c.log 2>&1 || \
		{ tail -20 $(EACSL_OUT)/frama-c.log; exit 1; }
	python3 proofs/eacsl/fixup.py $(EACSL_OUT)/safepoll.e-acsl.c
	gcc $(EACSL_CFLAGS) -D_GNU_SOURCE -D__fc_errno=errno -I$(EACSL_SHARE) \
		-c $(EACSL_OUT)/safepoll.e-acsl.c -o $(EACSL_OUT)/safepoll.e-acsl.o
	@test -f $(EACSL_OUT)/e_acsl_rtl.o || \
		gcc $(EACSL_CFLAGS) -I$(EACSL_SHARE) \
		-c $(EACSL_SHARE)/e_acsl_rtl.c -o $(EACSL_OUT)/e_acsl_rtl.o
	@test -f $(EACSL_OUT)/dlmalloc.o || \
		gcc $(EACSL_DLMALLOC_FLAGS) \
		-c $(EACSL_SHARE)/contrib/libdlmalloc/dlmalloc.c \
		-o $(EACSL_OUT)/dlmalloc.o
	gcc -O2 -g -D_GNU_SOURCE -c proofs/eacsl/real.c -o $(EACSL_OUT)/real.o
	gcc -O2 -g -c proofs/eacsl/init.c -o $(EACSL_OUT)/init.o
	gcc -O2 -g $(ALL_CPPFLAGS) -Itrace -Ispecs/model $(WARNINGS) \
		-include proofs/eacsl/inline.h -c replay/wrapper.c \
		-o $(EACSL_OUT)/wrapper.o
	@nm -u $(EACSL_OUT)/wrapper.o | grep -qw __gen_e_acsl_spk_epoll_wait && \
		! nm -u $(EACSL_OUT)/wrapper.o | grep -qw epoll_wait || \
		{ echo "eacsl: the replay's inline safepoll_wait does not go" \
		  "through the instrumented epoll_wait"; exit 1; }
	gcc -o $(EACSL_REPLAY) $(EACSL_REPLAY_OBJS) $(BUILD)/libtrace.a \
		$(BUILD)/libspmodel.a $(EACSL_OUT)/safepoll.e-acsl.o \
		$(EACSL_OUT)/real.o $(EACSL_OUT)/init.o $(EACSL_OUT)/e_acsl_rtl.o \
		$(EACSL_OUT)/dlmalloc.o -lgmp -lm -lpthread

## make eacsl-selftest  a wrong kernel-contract clause must make make eacsl abort with its name
eacsl-selftest:
	@rm -rf $(BUILD)/eacsl-selftest && mkdir -p $(BUILD)/eacsl-selftest
	cp -r $(EACSL_SPECS) $(BUILD)/eacsl-selftest/kernel
	sed -i 's/^\(  ensures result: -1 <= \\result <= \)maxevents;/\10;/' \
		$(BUILD)/eacsl-selftest/kernel/epoll_wait.h
	@! cmp -s $(EACSL_SPECS)/epoll_wait.h \
		$(BUILD)/eacsl-selftest/kernel/epoll_wait.h || \
		{ echo "eacsl-selftest: the clause to break is gone"; exit 1; }
	@if $(MAKE) --no-print-directory eacsl \
		EACSL_SPECS=$(BUILD)/eacsl-selftest/kernel \
		EACSL_OUT=$(BUILD)/eacsl-selftest/out \
		> $(BUILD)/eacsl-selftest/log 2>&1; then \
		echo "eacsl-selftest: the wrong clause went unnoticed"; exit 1; \
	fi
	@grep -m1 -A4 'Postcondition failed' $(BUILD)/eacsl-selftest/log
	@grep -q 'epoll_wait.h:[0-9]*: Error: Postcondition failed' \
		$(BUILD)/eacsl-selftest/log && grep -q '^	result:' \
		$(BUILD)/eacsl-selftest/log || \
		{ echo "eacsl-selftest: failed, not on the wrong clause" \
		  "(log: $(BUILD)/eacsl-selftest/log)"; exit 1; }
	@echo "eacsl-selftest: the wrong clause (epoll_wait ensures result) aborts the replay"
