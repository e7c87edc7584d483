#!/bin/sh
# Boots VMLINUZ with an initramfs holding busybox, the static programs in
# BINDIR (safepoll-replay, dropcap) and the parts make kernels asked for
# (tests/, eacsl/, fuzz/), the corpus, kernels/run-corpus.sh and in-*.sh;
# the console log goes to LOG.
# Tries KVM, falls back to TCG.  Exit 1 when the kernel did not reach the
# end marker (did not boot, hung or timed out).
#   sh kernels/boot.sh VMLINUZ BINDIR CORPUS-DIR WORKDIR LOG [TIMEOUT-SECONDS]
set -eu
vmlinuz=$1 bindir=$2 corpus=$3 work=$4 log=$5 limit=${6:-900}
[ -r "$vmlinuz" ] || { echo "kernels/boot.sh: $vmlinuz: no such kernel image" >&2; exit 2; }
busybox=$(command -v busybox) || { echo "kernels/boot.sh: busybox not found (apt-get install busybox-static)" >&2; exit 2; }
file -L "$busybox" | grep -q 'statically linked' \
	|| { echo "kernels/boot.sh: $busybox is not static (apt-get install busybox-static)" >&2; exit 2; }
command -v qemu-system-x86_64 >/dev/null || { echo "kernels/boot.sh: qemu-system-x86_64 not found (apt-get install qemu-system-x86)" >&2; exit 2; }

root=$work/root
rm -rf "$root" && mkdir -p "$root/bin" "$root/proc" "$root/sys" "$root/dev" "$root/tmp" "$root/corpus"
cp "$busybox" "$root/bin/busybox"
ln -s busybox "$root/bin/sh"
cp -r "$bindir"/* "$root/"
# The tests, the E-ACSL replay and the fuzzer are dynamic: their
# libraries and loader come along.
find "$bindir" -type f -perm -u+x -exec ldd {} + 2>/dev/null | grep -o '/[^ ]*\.so[^ ]*' | sort -u |
while read -r lib; do
	mkdir -p "$root$(dirname "$lib")" && cp -L "$lib" "$root$lib"
done
cp "$corpus"/*.trace "$corpus"/*.out "$root/corpus/"
cp replay/tests/corpus.sh "$root/corpus.sh"
cp kernels/init.sh "$root/init" && chmod +x "$root/init"
cp kernels/run-corpus.sh "$root/run.sh"
cp kernels/in-*.sh "$root/"
(cd "$root" && find . | "$busybox" cpio -o -H newc 2>/dev/null) | gzip -1 > "$work/initramfs.gz"

boot() {
	timeout "$limit" qemu-system-x86_64 "$@" -m 1024 -smp 1 -nographic -no-reboot \
		-kernel "$vmlinuz" -initrd "$work/initramfs.gz" \
		-append 'console=ttyS0 panic=-1 quiet loglevel=0' </dev/null >"$log" 2>&1
}
if [ -w /dev/kvm ] && boot -enable-kvm -cpu host && grep -q '^@@SP-END' "$log"; then
	:
else
	boot -cpu max || true
fi
tr -d '\r' < "$log" > "$log.tmp" && mv "$log.tmp" "$log"
grep -q '^@@SP-END' "$log" || { echo "kernels/boot.sh: $vmlinuz did not finish within ${limit}s (no end marker); console log: $log" >&2; tail -5 "$log" >&2; exit 1; }
