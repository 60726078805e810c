import json,subprocess,os,gzip,re,hashlib,collections,html
from urllib.parse import urlparse
used=set(open('used-domains.txt').read().split())
def dom(u):
    h=(urlparse(u.strip()).hostname or '').lower().rstrip('.')
    return h[4:] if h.startswith('www.') else h
def git(g,*a,binary=False):
    r=subprocess.run(['git','--git-dir='+g,*a],capture_output=True)
    return r.stdout if binary else r.stdout.decode('utf8','replace')
cands=[]  # (set, name, url, gitdir, path, gz)
# tiptopjaw
G='/work/.mirror/tiptopjaw+web-content-extraction-benchmark/repo'
for fid,u,pt in json.load(open('tiptop-urls.json')):
    cands.append(('tj',fid,u,G,'release/html/%s.html.gz'%fid))
# cleaneval & dragnet & page-signal in j-szulc
J='/work/.mirror/j-szulc+html-cleaning-dataset-merged/repo'
for sub,tag in [('cleaneval-dev','ced'),('cleaneval-final','cef'),('dragnet_data','dn'),('page-signal-master','ps'),('CleanPortalEval-master','cpe')]:
    for p in git(J,'ls-tree','--name-only','HEAD',sub+'/input/').split('\n'):
        if not p.endswith('.html'): continue
        head=git(J,'show','HEAD:'+p,binary=True)[:200000].decode('utf8','replace')
        u=None
        m=re.match(r'\s*<text id="([^"]+)"',head)
        if m and m.group(1).startswith('http'): u=m.group(1)
        if not u:
            m=re.search(r'<link[^>]*rel=["\']canonical["\'][^>]*href=["\'](https?://[^"\']+)',head,re.I) or re.search(r'<link[^>]*href=["\'](https?://[^"\']+)["\'][^>]*rel=["\']canonical',head,re.I) or re.search(r'<meta[^>]*property=["\']og:url["\'][^>]*content=["\'](https?://[^"\']+)',head,re.I)
            if m: u=html.unescape(m.group(1))
        if not u: continue
        cands.append((tag,os.path.basename(p)[:-5],u,J,p))
# chinese
C='/work/.mirror/immortal-autumn+Chinese-Web-Content-Extraction-Dataset/repo'
for p in git(C,'ls-tree','--name-only','HEAD','original/').split('\n'):
    if not p.endswith('.html'): continue
    head=git(C,'show','HEAD:'+p,binary=True).decode('utf8','replace')
    u=None
    for rx in [r'saved from url=\(\d+\)(https?://\S+?)\s*-->', r'<link[^>]*rel=["\']canonical["\'][^>]*href=["\'](https?://[^"\']+)', r'<meta[^>]*property=["\']og:url["\'][^>]*content=["\'](https?://[^"\']+)',r'<meta[^>]*content=["\'](https?://[^"\']+)["\'][^>]*property=["\']og:url']:
        m=re.search(rx,head,re.I)
        if m: u=html.unescape(m.group(1)); break
    cands.append(('zh',os.path.basename(p)[:-5],u,C,p))
json.dump(cands,open('cands.json','w'))
c=collections.Counter()
for s,n,u,g,p in cands:
    d=dom(u) if u else None
    c[(s,'nourl' if not d else ('used' if d in used else 'new'))]+=1
for k,v in sorted(c.items()): print(k,v)
for s in ['tj','ced','cef','dn','ps','cpe','zh']:
    ds=set(dom(u) for ss,n,u,g,p in cands if ss==s and u and dom(u) not in used)
    print(s,'new domains',len(ds))
