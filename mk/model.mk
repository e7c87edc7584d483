# The reference model of Linux epoll (specs/model/): build/libspmodel.a,
# and its unit test (specs/model/tests/), run by `make test-model`.

MODEL_SRCS := $(wildcard specs/model/*.c)
MODEL_HDRS := $(wildcard specs/model/*.h)
MODEL_OBJS := $(MODEL_SRCS:specs/model/%.c=$(BUILD)/model/%.o)
MODEL_LIB := $(BUILD)/libspmodel.a

ALL_TARGETS += $(MODEL_LIB)

## make build/libspmodel.a   the reference model of epoll (specs/model/)
$(BUILD)/model/%.o: specs/model/%.c $(MODEL_HDRS) | $(BUILD)/model
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c $< -o $@

$(MODEL_LIB): $(MODEL_OBJS)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/model $(BUILD)/model-tests:
	mkdir -p $@
