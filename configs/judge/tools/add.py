import sys
out=sys.argv[1]
with open(out,'a') as f:
    for line in sys.stdin:
        line=line.strip()
        if not line: continue
        i,l,w=line.split('|',2)
        assert l in ('science','not','unsure','empty'),line
        f.write('%s\t%s\t%s\n'%(i.strip(),l.strip(),w.strip()))
