# safepoll: a checked wrapper of Linux epoll.  `make help` lists the targets.
# Each part of the project keeps its rules in mk/<part>.mk; this file holds
# what they share.

.DEFAULT_GOAL := all

PREFIX ?= /usr/local
DESTDIR ?=
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
MANDIR ?= $(PREFIX)/share/man

VERSION := 0.3.0
SOVERSION := 2

CC ?= cc
CFLAGS ?= -O2 -g
WARNINGS := -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wconversion -Wno-sign-conversion
ALL_CPPFLAGS := -D_GNU_SOURCE -Isrc $(CPPFLAGS)

# SANITIZE=1 builds everything with ASan and UBSan in a build tree of its own,
# so that the ordinary objects are never mixed with instrumented ones.
ifeq ($(SANITIZE),1)
BUILD ?= build/san
SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
else
BUILD ?= build
SAN_FLAGS :=
endif

ALL_CFLAGS := $(WARNINGS) $(CFLAGS) $(SAN_FLAGS)
ALL_LDFLAGS := $(SAN_FLAGS) $(LDFLAGS)

# The library, as every part links it (its rules: mk/lib.mk).
LIB_SRCS := $(wildcard src/*.c)
LIB_OBJS := $(LIB_SRCS:src/%.c=$(BUILD)/obj/%.o)
LIB_A := $(BUILD)/libsafepoll.a
LIB_SO := $(BUILD)/libsafepoll.so.$(VERSION)
# The replay tool (its rules: mk/replay.mk), named here because the parts
# read before mk/replay.mk (fuzz, kernels) depend on it.
REPLAY := $(BUILD)/safepoll-replay

comma := ,

# What `make test` and `make check` run; each mk/*.mk adds its own.
TEST_TARGETS :=
CHECK_TARGETS :=

include $(sort $(wildcard mk/*.mk))

# `make fuzz` (and `make afl`) alone set up a fresh machine too, as `make
# check` does: the packages must be there before their rules are read and
# their compilers called, so deps runs here, as the Makefile is read.
ifneq ($(filter fuzz afl,$(MAKECMDGOALS)),)
ifneq ($(NO_DEPS),1)
$(if $(shell sh mk/deps.sh >&2 && echo ok),,$(error make deps failed))
endif
endif

.PHONY: all test check check-all deps help clean
all: $(ALL_TARGETS)

test: $(TEST_TARGETS)

# `make check` alone sets up a fresh machine first; NO_DEPS=1 skips that.
check:
ifneq ($(NO_DEPS),1)
	$(MAKE) --no-print-directory deps
endif
	$(MAKE) --no-print-directory check-all

check-all: test $(CHECK_TARGETS)
	@echo "make check: all passed"

deps:
	@sh mk/deps.sh

clean:
	rm -rf build

help:
	@sed -n 's/^## //p' $(MAKEFILE_LIST)
