#!/bin/sh
# Inside the booted kernel (kernels/run-corpus.sh): make eacsl's corpus
# run, i.e. the whole corpus through safepoll built with E-ACSL, so that
# every clause of the kernel contracts (specs/kernel) is checked at run
# time against this kernel's answers; a clause it breaks aborts the
# replay with the clause's file, line and name.
printf '#!/bin/sh\nexec /dropcap /eacsl/safepoll-replay "$@"\n' > /bin/sp-eacsl
chmod +x /bin/sp-eacsl
if sh /corpus.sh sp-eacsl /corpus > /tmp/eacsl.out 2>&1; then
	tail -n 1 /tmp/eacsl.out | sed 's/^test-corpus:/kernel-eacsl:/'
	exit 0
fi
grep -v '^test-corpus' /tmp/eacsl.out | head -40
echo "kernel-eacsl: FAILED: a kernel answer contradicts a contract clause (above: file, line, clause name)"
exit 1
