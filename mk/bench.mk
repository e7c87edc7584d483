# Benchmarks (bench/): safepoll against raw epoll, libevent, libev and
# libuv on libevent's bench workload and on the control path.

BENCH_IMPLS := epoll safepoll libevent libev libuv
# The same raw epoll and safepoll loops with the callback compiled in the
# loop's unit (libevent's bench.c shape, bench/callback.h).
BENCH_UNIT_IMPLS := epoll_unit safepoll_unit
BENCH_COMMON := main workload meter heap
BENCH_DIR := $(BUILD)/bench
BENCH_BINS := $(BENCH_IMPLS:%=$(BENCH_DIR)/bench_%) \
	$(BENCH_UNIT_IMPLS:%=$(BENCH_DIR)/bench_%)
BENCH_COMMON_OBJS := $(BENCH_COMMON:%=$(BENCH_DIR)/%.o)
BENCH_OBJS := $(BENCH_COMMON_OBJS) \
	$(BENCH_IMPLS:%=$(BENCH_DIR)/impl_%.o) \
	$(BENCH_UNIT_IMPLS:%=$(BENCH_DIR)/impl_%.o)

# The libraries are linked statically, as safepoll is, so that no
# implementation pays a PLT indirection the others do not; -z now keeps
# lazy binding out of the first round.
BENCH_LIBS_epoll :=
BENCH_LIBS_safepoll := $(BUILD)/libsafepoll.a
BENCH_LIBS_libevent := -l:libevent_core.a
BENCH_LIBS_libev := -l:libev.a -lm
BENCH_LIBS_libuv := -l:libuv_a.a -lpthread -ldl
BENCH_LIBS_epoll_unit :=
BENCH_LIBS_safepoll_unit := $(BUILD)/libsafepoll.a
BENCH_LDFLAGS := $(ALL_LDFLAGS) -Wl,-z,now

.PHONY: bench bench-bins bench-smoke
TEST_TARGETS += bench-smoke

bench-bins: $(BENCH_BINS)

# Kept between builds, not removed as intermediate files.
.SECONDARY: $(BENCH_OBJS)

$(BENCH_DIR)/%.o: bench/%.c bench/*.h src/safepoll.h | $(BENCH_DIR)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c $< -o $@

$(BENCH_DIR)/bench_safepoll $(BENCH_DIR)/bench_safepoll_unit: \
	$(BUILD)/libsafepoll.a
$(BENCH_DIR)/impl_%_unit.o: bench/impl_%.c
$(BENCH_DIR)/bench_%: $(BENCH_DIR)/impl_%.o $(BENCH_COMMON_OBJS)
	$(CC) $(BENCH_LDFLAGS) $(filter %.o,$^) $(BENCH_LIBS_$*) -o $@

$(BENCH_DIR):
	mkdir -p $@

## make bench      run the benchmarks (a few minutes): prints the table,
##                 writes bench/results.md and bench/results.png
bench: $(BENCH_BINS)
	BUILD=$(BUILD) MAKE="$(MAKE)" sh bench/run.sh

## make bench-smoke  each bench program on a small workload (part of test)
bench-smoke: $(BENCH_BINS)
	@for i in $(BENCH_IMPLS) $(BENCH_UNIT_IMPLS); do \
		for k in pipe socketpair; do \
			$(BENCH_DIR)/bench_$$i dispatch -k $$k -n 50 -a 7 \
				-w 500 >/dev/null || exit 1; \
			$(BENCH_DIR)/bench_$$i ctl -k $$k -n 50 >/dev/null || \
				exit 1; \
		done; \
	done; echo "bench-smoke: $(BENCH_IMPLS) $(BENCH_UNIT_IMPLS) passed"

# The real top generation (issue 13): 2^32 - 1 real mods of one
# registration, then the mod promise checked at the last generation.
# 2^32 system calls (22 min to hours, by the cost of one), so in neither make test nor make
# check; its figure is in the README (wear).
.PHONY: bench-top-generation
$(BENCH_DIR)/top-generation: bench/top-generation.c src/safepoll.h \
		$(BUILD)/libsafepoll.a | $(BENCH_DIR)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $< $(BUILD)/libsafepoll.a \
		$(ALL_LDFLAGS) -o $@

## make bench-top-generation  2^32 - 1 real mods of one registration, then
##                 the promise at the top generation (2^32 syscalls: long)
bench-top-generation: $(BENCH_DIR)/top-generation
	$(BENCH_DIR)/top-generation
