# make install / uninstall, with the usual PREFIX and DESTDIR.

## make install     PREFIX=/usr/local DESTDIR= : header, libraries, safepoll.pc
## make uninstall   removes what make install put there
.PHONY: install uninstall
install: $(LIB_A) $(LIB_SO) $(BUILD)/safepoll.pc
	install -d $(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(LIBDIR)/pkgconfig
	install -m 644 src/safepoll.h src/safepoll.acsl $(DESTDIR)$(INCLUDEDIR)/
	install -m 644 $(LIB_A) $(DESTDIR)$(LIBDIR)/
	install -m 755 $(LIB_SO) $(DESTDIR)$(LIBDIR)/
	ln -sf libsafepoll.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libsafepoll.so.$(SOVERSION)
	ln -sf libsafepoll.so.$(SOVERSION) $(DESTDIR)$(LIBDIR)/libsafepoll.so
	install -m 644 $(BUILD)/safepoll.pc $(DESTDIR)$(LIBDIR)/pkgconfig/

uninstall:
	rm -f $(DESTDIR)$(INCLUDEDIR)/safepoll.h $(DESTDIR)$(INCLUDEDIR)/safepoll.acsl \
		$(DESTDIR)$(LIBDIR)/libsafepoll.a \
		$(DESTDIR)$(LIBDIR)/libsafepoll.so.$(VERSION) \
		$(DESTDIR)$(LIBDIR)/libsafepoll.so.$(SOVERSION) \
		$(DESTDIR)$(LIBDIR)/libsafepoll.so \
		$(DESTDIR)$(LIBDIR)/pkgconfig/safepoll.pc
