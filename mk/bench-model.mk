# bench-model: the model's speed on a 10,000-operation trace
# (bench/model-speed/gen-trace.c), which must replay in --model mode in
# well under a second.

BENCH_MODEL_DIR := $(BUILD)/bench-model
BENCH_MODEL_OPS ?= 10000
# The limit the target enforces: "well under a second".
BENCH_MODEL_LIMIT_MS ?= 500

$(BENCH_MODEL_DIR)/gen-trace: bench/model-speed/gen-trace.c | $(BENCH_MODEL_DIR)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $< $(ALL_LDFLAGS) -o $@

$(BENCH_MODEL_DIR)/ops.trace: $(BENCH_MODEL_DIR)/gen-trace
	$< $(BENCH_MODEL_OPS) > $@

$(BENCH_MODEL_DIR):
	mkdir -p $@

## make bench-model  times --model on a 10,000-operation trace (limit 500 ms)
.PHONY: bench-model
CHECK_TARGETS += bench-model
bench-model: $(BUILD)/safepoll-replay $(BENCH_MODEL_DIR)/ops.trace
	@sh bench/model-speed/run.sh $(BUILD)/safepoll-replay \
		$(BENCH_MODEL_DIR)/ops.trace $(BENCH_MODEL_LIMIT_MS)
