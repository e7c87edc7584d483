# No circle of includes outside src/ (src/ keeps its own check).

## make test-cycles  no #include circle among replay/ trace/ fuzz/ specs/
##                   tests/ examples/ bench/ (tests/cycles/includes.py)
.PHONY: test-cycles
TEST_TARGETS += test-cycles
test-cycles:
	@python3 tests/cycles/includes.py replay trace fuzz specs tests \
		examples bench
