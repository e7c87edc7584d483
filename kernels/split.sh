#!/bin/sh
# Splits a console log of kernels/run-corpus.sh into OUTDIR/NAME.out (the
# kernel's own output of each trace) and OUTDIR/rc (the exit statuses of --kernel).
#   sh kernels/split.sh LOG OUTDIR
set -eu
log=$1 dir=$2
mkdir -p "$dir"
awk -v dir="$dir" '
	/^@@SP-TRACE / { if (f) close(f); f = dir "/" $2 ".out"; printf "" > f; next }
	/^@@SP-KERNEL-RC / { print > (dir "/rc"); if (f) close(f); f = ""; next }
	/^@@SP-/ { next }
	f { print > f }
' "$log"
