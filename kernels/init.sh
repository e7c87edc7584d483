#!/bin/sh
# /init of the test initramfs (kernels/boot.sh builds it).  Runs what
# /run.sh lists inside the booted kernel and reports over the serial console
# between markers the host parses; then powers off.
/bin/busybox --install -s /bin
export PATH=/bin
/bin/busybox mount -t proc proc /proc
/bin/busybox mount -t sysfs sys /sys
/bin/busybox mount -t devtmpfs dev /dev 2>/dev/null
/bin/busybox mount -t tmpfs tmp /tmp
# The limits the corpus and tests were recorded under (the host: 20000
# descriptors, soft and hard), set while init still may raise them.
ulimit -n 20000
echo "@@SP-BEGIN $(/bin/busybox uname -r)"
cd / && /bin/busybox sh /run.sh 2>&1
echo "@@SP-END"
/bin/busybox poweroff -f
