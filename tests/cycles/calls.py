#!/usr/bin/env python3
"""make test-cycles, second half: no circle of calls between the object
files of one program part.  A uses B when A calls (or reads) a global
that B defines, as nm shows them; a circle of uses is a circle between
the source files.  specs/model/ is left out on purpose: it restates
fs/eventpoll.c and its neighbours, whose files call each other (fput
reaches eventpoll_release_file, which reaches the file code again), and
the model keeps the kernel's shape so that it can be read beside it.

    python3 tests/cycles/calls.py OBJECT...
"""
import os
import subprocess
import sys
objs=sys.argv[1:]
defs={};uses={}
for o in objs:
    out=subprocess.check_output(['nm',o]).decode()
    d=set();u=set()
    for l in out.splitlines():
        p=l.split()
        if len(p)==3 and p[1] in 'TDBR': d.add(p[2])
        elif len(p)==2 and p[0]=='U': u.add(p[1])
    defs[o]=d;uses[o]=u
owner={}
for o,d in defs.items():
    for s in d: owner[s]=o
g={o:set(owner[s] for s in uses[o] if s in owner and owner[s]!=o) for o in objs}
# tarjan
idx={};low={};st=[];on=set();res=[];c=[0]
sys.setrecursionlimit(10000)
def sc(v):
    idx[v]=low[v]=c[0];c[0]+=1;st.append(v);on.add(v)
    for w in g[v]:
        if w not in idx: sc(w);low[v]=min(low[v],low[w])
        elif w in on: low[v]=min(low[v],idx[w])
    if low[v]==idx[v]:
        comp=[]
        while True:
            w=st.pop();on.discard(w);comp.append(w)
            if w==v:break
        if len(comp)>1: res.append(comp)
for v in objs:
    if v not in idx: sc(v)
for comp in res:
    print("FAIL: circle of calls:", " ".join(sorted(comp)))
    for a in comp:
        for b in g[a]:
            if b in comp: print("  ",os.path.basename(a),"->",os.path.basename(b),":",", ".join(sorted(s for s in uses[a] if owner.get(s)==b))[:150])
if res:
    sys.exit(1)
print(f"test-cycles: {len(objs)} objects, no circle of calls")
