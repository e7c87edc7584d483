# The library: build/libsafepoll.a and build/libsafepoll.so.$(SOVERSION).

LIB_PIC_OBJS := $(LIB_SRCS:src/%.c=$(BUILD)/pic/%.o)
ALL_TARGETS += $(LIB_A) $(LIB_SO) $(BUILD)/libsafepoll.so

## make            build build/libsafepoll.a and build/libsafepoll.so
$(BUILD)/obj/%.o: src/%.c src/*.h src/safepoll/* | $(BUILD)/obj
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/pic/%.o: src/%.c src/*.h src/safepoll/* | $(BUILD)/pic
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -fPIC -c $< -o $@

# One relocatable object whose only global names are safepoll_*: linked
# statically, an application's own sp_time_left (say) can neither replace
# safepoll's nor clash with it.  The shared library gets the same from its
# version script.
$(BUILD)/obj/safepoll-all.o: $(LIB_OBJS)
	$(LD) -r -o $@.tmp $^
	objcopy --wildcard --keep-global-symbol='safepoll_*' $@.tmp $@
	rm -f $@.tmp

$(LIB_A): $(BUILD)/obj/safepoll-all.o
	rm -f $@
	ar rcs $@ $^

# Only the names of safepoll.h are exported (mk/safepoll.map).
$(LIB_SO): $(LIB_PIC_OBJS) mk/safepoll.map
	$(CC) -shared -Wl,-soname,libsafepoll.so.$(SOVERSION) \
		-Wl,--version-script=mk/safepoll.map $(ALL_LDFLAGS) \
		$(LIB_PIC_OBJS) -o $@

$(BUILD)/libsafepoll.so: $(LIB_SO)
	ln -sf libsafepoll.so.$(VERSION) $@
	ln -sf libsafepoll.so.$(VERSION) $(BUILD)/libsafepoll.so.$(SOVERSION)

$(BUILD)/obj $(BUILD)/pic:
	mkdir -p $@
