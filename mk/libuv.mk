# make test-libuv: libuv's own test suite on an unmodified libuv and on
# libuv ported onto safepoll (integrations/libuv, issue 17).  Not in make
# check: a cold run fetches and builds libuv five times (about 12 min);
# .ci/run runs it after make check.

LIBUV_DIR := build/libuv
# libuv links safepoll into a shared library: the archive is built again
# from position-independent objects, in a build tree of its own.
LIBUV_SAFEPOLL_A := $(LIBUV_DIR)/pic/libsafepoll.a

.PHONY: test-libuv
## make test-libuv  libuv's test suite: plain vs on safepoll (~10 min cold)
test-libuv:
	$(MAKE) --no-print-directory BUILD=$(LIBUV_DIR)/pic \
		CFLAGS="$(CFLAGS) -fPIC" $(LIBUV_SAFEPOLL_A)
	sh integrations/libuv/test.sh $(LIBUV_DIR) $(LIBUV_SAFEPOLL_A)

.PHONY: bench-libuv
## make bench-libuv  libuv's benchmarks, safepoll / plain (after test-libuv)
bench-libuv:
	sh integrations/libuv/bench.sh $(LIBUV_DIR)
