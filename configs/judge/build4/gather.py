# judge4 candidates: CleanEval final and Dragnet pages of j-szulc/html-cleaning-dataset-merged (commit 46e01a04),
# URL derived exactly as judge3's gather.py did (<text id="URL"> wrapper, else <link rel=canonical>, else og:url).
# Writes used-domains.txt (judge, judge2, judge3 pages' domains + judge3's used-domains.txt) and cands.json.
import json,subprocess,os,re,html
from urllib.parse import urlparse
def dom(u):
    h=(urlparse(u.strip()).hostname or '').lower().rstrip('.')
    return h[4:] if h.startswith('www.') else h
used=set(open('/work/evaldata/judge3/scripts/used-domains.txt').read().split())
for f in ['/work/evaldata/judge/pages.json','/work/evaldata/judge2/pages-test2.json',
          '/work/evaldata/judge3/pages-test3.json','/work/evaldata/judge3/pages-train3.json']:
    used|={p['domain'] for p in json.load(open(f))}
open('used-domains.txt','w').write('\n'.join(sorted(used))+'\n')
J='/work/.mirror/j-szulc+html-cleaning-dataset-merged/repo'
def git(*a,binary=False):
    r=subprocess.run(['git','--git-dir='+J,*a],capture_output=True)
    return r.stdout if binary else r.stdout.decode('utf8','replace')
cands=[]
for sub,tag in [('cleaneval-final','cef'),('dragnet_data','dn')]:
    for p in git('ls-tree','--name-only','HEAD',sub+'/input/').split('\n'):
        if not p.endswith('.html'): continue
        head=git('show','HEAD:'+p,binary=True)[:200000].decode('utf8','replace')
        u=None
        m=re.match(r'\s*<text id="([^"]+)"',head)
        if m and m.group(1).startswith('http'): u=m.group(1)
        if not u:
            m=re.search(r'<link[^>]*rel=["\']canonical["\'][^>]*href=["\'](https?://[^"\']+)',head,re.I) or re.search(r'<link[^>]*href=["\'](https?://[^"\']+)["\'][^>]*rel=["\']canonical',head,re.I) or re.search(r'<meta[^>]*property=["\']og:url["\'][^>]*content=["\'](https?://[^"\']+)',head,re.I)
            if m: u=html.unescape(m.group(1))
        if not u: continue
        cands.append((tag,os.path.basename(p)[:-5],u,p))
json.dump(cands,open('cands.json','w'))
print('used domains',len(used),'candidates',len(cands))
