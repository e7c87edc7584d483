# bench/results.png: instructions and ns per dispatched event against N,
# one line per implementation, pipes, A = 100 and A = 1.  Called by
# bench/run.sh with datadir (holding plot-100.dat and plot-1.dat, one
# block per implementation in the order of impls) and out.
if (!exists("impls")) impls = "epoll safepoll libevent libev libuv"
set terminal pngcairo size 1400,900 font ",10" noenhanced
set output out
set multiplot layout 2,2 title "libevent's bench over pipes: per dispatched event, against N (log scale)"
set logscale x
set xrange [70:14000]
set xtics (100, 1000, 9900)
set key outside right top vertical
set grid
set yrange [0:*]
do for [a in "100 1"] {
	set title sprintf("user-space instructions per event, A = %s", a)
	set ylabel "instructions"
	plot for [i=1:words(impls)] sprintf("%s/plot-%s.dat", datadir, a) index (i-1) using 1:2 \
		with linespoints lw 2 pt 7 title word(impls, i)
}
do for [a in "100 1"] {
	set title sprintf("wall time per event (median), A = %s", a)
	set ylabel "ns"
	plot for [i=1:words(impls)] sprintf("%s/plot-%s.dat", datadir, a) index (i-1) using 1:3 \
		with linespoints lw 2 pt 7 title word(impls, i)
}
unset multiplot
