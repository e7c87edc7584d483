#!/bin/sh
# Times `safepoll-replay --model` on a generated trace (best of 5 runs, in
# ms) and fails above the limit; also says how many of the model's lines
# differ from the kernel's on it, as a fidelity note.
#   sh bench/model-speed/run.sh REPLAY TRACE LIMIT_MS
set -eu
replay=$1 trace=$2 limit=$3
ops=$(grep -cv '^[[:space:]]*\(#.*\)\?$' "$trace")
best=
for _ in 1 2 3 4 5; do
	start=$(date +%s%N)
	"$replay" --model "$trace" > "$trace.model"
	end=$(date +%s%N)
	ms=$(( (end - start) / 1000000 ))
	if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
done
"$replay" --kernel "$trace" > "$trace.kernel"
differ=$(diff "$trace.kernel" "$trace.model" | grep -c '^>' || true)
echo "bench-model: $ops operations in $best ms with --model (best of 5; limit $limit ms); $differ of its lines differ from --kernel's"
[ "$best" -lt "$limit" ] || { echo "bench-model: too slow" >&2; exit 1; }
