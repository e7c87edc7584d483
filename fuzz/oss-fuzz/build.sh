#!/bin/bash -eu
# OSS-Fuzz / ClusterFuzzLite build of the safepoll differential fuzzer
# (fuzz/README.md).  Uses only what OSS-Fuzz sets: $CC $CXX $CFLAGS
# $CXXFLAGS $LIB_FUZZING_ENGINE $SRC $OUT (and $WORK if set); makes
#   $OUT/safepoll_fuzz                   the harness, linked with the engine
#   $OUT/safepoll_fuzz_seed_corpus.zip   corpus/*.trace, fuzz/corpus/*.trace as seeds
#   $OUT/safepoll_fuzz.dict              the byte format's dictionary
#   $OUT/safepoll_fuzz.options           max_len = 320
# `make oss-fuzz-check` runs this script locally in that environment.
shopt -s extglob
cd "$SRC/safepoll"
work=${WORK:-$(mktemp -d)}/safepoll-build
rm -rf "$work"
mkdir -p "$work"

inc="-Isrc -Ispecs/model -Itrace -Ireplay -Ifuzz"
# The link-time hooks of fuzz/hooks.h.
wrap="-Wl,--wrap=model_new -Wl,--wrap=replay_kernel_new"
wrap="$wrap -Wl,--wrap=replay_kernel_free -Wl,--wrap=replay_fdinfo"
wrap="$wrap -Wl,--wrap=safepoll_new"
harness=(src/*.c specs/model/*.c trace/*.c replay/!(main).c fuzz/*.c)

objs=()
for f in "${harness[@]}"; do
	o=$work/$(echo "${f%.c}" | tr / _).o
	$CC $CFLAGS -std=c11 -D_GNU_SOURCE $inc -c "$f" -o "$o"
	objs+=("$o")
done
$CXX $CXXFLAGS "${objs[@]}" $LIB_FUZZING_ENGINE $wrap -o "$OUT/safepoll_fuzz"

# The seed converter runs here, at build time: a plain build of it, with
# none of the engine's or sanitizers' flags.
host_cc=${HOST_CC:-cc}
$host_cc -O1 -std=c11 -D_GNU_SOURCE $inc "${harness[@]}" fuzz/tool/*.c \
	$wrap -o "$work/safepoll-fuzz-tool"
mkdir -p "$work/seeds"
shopt -s nullglob
"$work/safepoll-fuzz-tool" seeds "$work/seeds" corpus/*.trace fuzz/corpus/*.trace \
	2> "$work/seeds.log"
tail -1 "$work/seeds.log"
rm -f "$OUT/safepoll_fuzz_seed_corpus.zip"
(cd "$work/seeds" && zip -q "$OUT/safepoll_fuzz_seed_corpus.zip" ./*.bin)
cp fuzz/safepoll.dict "$OUT/safepoll_fuzz.dict"
printf '[libfuzzer]\nmax_len = 320\ndict = safepoll_fuzz.dict\n' \
	> "$OUT/safepoll_fuzz.options"
