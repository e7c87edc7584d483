#!/bin/sh
# Inside the booted kernel, as root without CAP_SYS_RESOURCE (/dropcap):
# 1. every trace on the kernel alone, between markers, so the host can
#    write or compare NAME.linux-X.Y.out (kernels/split.sh);
# 2. make test-corpus's own script: kernel, model (set by uname for this
#    kernel) and safepoll agree, and print this kernel's .out;
start=$(date +%s)
printf '#!/bin/sh\nexec /dropcap /safepoll-replay "$@"\n' > /bin/sp-replay
chmod +x /bin/sp-replay
for t in /corpus/*.trace; do
	n=${t##*/}; n=${n%.trace}
	echo "@@SP-TRACE $n"
	sp-replay --kernel "$t"
	echo "@@SP-KERNEL-RC $n $?"
done
echo "@@SP-PART corpus"
sh /corpus.sh sp-replay /corpus
rc=$?
echo "@@SP-TIME corpus $(($(date +%s) - start))"
echo "@@SP-RESULT corpus $rc"

# 3. the parts make kernels put in the initramfs, each between markers
#    and ending in "@@SP-RESULT PART STATUS": in-tests.sh (/tests),
#    in-eacsl.sh (/eacsl), in-fuzz.sh (/fuzz).
for part in tests eacsl fuzz; do
	[ -d "/$part" ] || continue
	echo "@@SP-PART $part"
	start=$(date +%s)
	sh "/in-$part.sh"
	rc=$?
	echo "@@SP-TIME $part $(($(date +%s) - start))"
	echo "@@SP-RESULT $part $rc"
done
