#!/bin/bash -eu
# ClusterFuzzLite's build: the OSS-Fuzz one, so that there is one build of
# the harness to keep right (fuzz/oss-fuzz/build.sh says what it makes).
exec bash "$SRC/safepoll/fuzz/oss-fuzz/build.sh"
