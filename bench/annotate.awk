# Reads `callgrind_annotate --auto=yes` of one measured region and writes
# markdown: the self cost of each function, then the costliest source lines
# under src/, both in instructions per event.  Variables: events (the
# region's event count), root (the repository's path, stripped from file
# names), title.

function strip(s) {
	if (index(s, root "/") == 1) s = substr(s, length(root) + 2)
	return s
}

function cost(s) { gsub(",", "", s); return s + 0 }

/^Ir +file:function/ { in_fn = 1; next }
in_fn && /^-+$/ { if (nfn) in_fn = 0; next }
in_fn && /^ *[0-9,]+ / {
	c = cost($1)
	sub(/^ *[0-9,]+ +\( *[0-9.]+%\) +/, "")
	sub(/ \[.*\]$/, "")
	if (c / events >= 0.05) fn[++nfn] = sprintf("| %s | %.1f |", strip($0), c / events)
	next
}
/^-- Auto-annotated source: / {
	file = strip($4); in_src = (file ~ /^src\//); ln = 0; next
}
/^-- line [0-9]+ -+$/ { ln = $3; next }
/^-+$/ { if (ln > 0) in_src = 0; next }
in_src && /^ *([0-9,]+ +\( *[0-9.]+%\)|\.) +/ {
	if (ln == 0) next
	line = $0
	if (line ~ /^ *\. /) { ln++; next }
	c = $1
	text = line
	sub(/^ *[0-9,]+ +\( *[0-9.]+%\) */, "", text)
	gsub(/^[ \t]+|[ \t]+$/, "", text)
	gsub(/\|/, "\\|", text)
	if (cost(c) / events >= 0.05 && text !~ /^=>/) {
		n++; lc[n] = cost(c) / events; lt[n] = sprintf("| %s:%d | %.1f | `%s` |", file, ln, cost(c) / events, text)
	}
	if (text !~ /^=>/) ln++
	next
}

END {
	print ""
	print "#### " title
	print ""
	print "| function (self) | instr/event |"
	print "|:---|---:|"
	for (i = 1; i <= nfn; i++) print fn[i]
	if (n == 0) exit
	for (i = 2; i <= n; i++)
		for (j = i; j > 1 && lc[j - 1] < lc[j]; j--) {
			t = lc[j]; lc[j] = lc[j - 1]; lc[j - 1] = t
			t = lt[j]; lt[j] = lt[j - 1]; lt[j - 1] = t
		}
	print ""
	print "| line of src/ | instr/event | source |"
	print "|:---|---:|:---|"
	for (i = 1; i <= n && i <= 14; i++) print lt[i]
}
