# Fixed selection + split rule (written before any labelling):
#  pool = candidate pages with an http(s) URL whose domain (host, lowercased, leading www. stripped) is not in
#         used-domains.txt (judge/pages.json + judge2/pages-test2.json); duplicates by URL or by identical HTML bytes dropped.
#  cleaneval-final (cef) and dragnet (dn) are subsampled: keep a page iff int(sha1(id)[:8],16) % 8 == 0.
#  at most 2 pages per domain: those with the smallest sha1(id).
#  split: test3 iff int(sha1(domain).hexdigest(),16) % 3 != 0, else train3.
import json,subprocess,os,re,hashlib,collections,zlib,gzip
from urllib.parse import urlparse
used=set(open('used-domains.txt').read().split())
def dom(u):
    h=(urlparse(u.strip()).hostname or '').lower().rstrip('.')
    return h[4:] if h.startswith('www.') else h
def sha(s): return hashlib.sha1(s.encode() if isinstance(s,str) else s).hexdigest()
def git(g,p):
    return subprocess.run(['git','--git-dir='+g,'show','HEAD:'+p],capture_output=True).stdout
cands=json.load(open('cands.json'))
pages=[]
for s,n,u,g,p in cands:
    if s in ('ps','cpe'): continue
    b=git(g,p)
    if p.endswith('.gz'): b=gzip.decompress(b)
    if not u:
        m=re.search(rb'<text id="(https?://[^"]+)"',b[:3000])
        if m: u=m.group(1).decode('utf8','replace')
    if not u: continue
    setname={'tj':'tj','ced':'ce','cef':'ce','dn':'dn','zh':'zh'}[s]
    pid='%s/%s'%(setname,n if s!='cef' else 'f'+n) if s in('ced','cef') else '%s/%s'%(setname,n)
    if s=='ced': pid='ce/d'+n
    pages.append(dict(src=s,id=pid,url=u,html=b))
# warc
for f in ['cc-main-2020-34-sample.warc.gz','sample-0000.warc.gz','sample-0001.warc.gz']:
    data=open('/work/shared/data/web/warc/'+f,'rb').read(); raw=b''
    while data:
        d=zlib.decompressobj(16+zlib.MAX_WBITS); raw+=d.decompress(data); data=d.unused_data
    for i,r in enumerate(raw.split(b'WARC/1.')[1:]):
        hdr,_,body=r.partition(b'\r\n\r\n'); h=hdr.decode('utf8','replace')
        if 'WARC-Type: response' not in h: continue
        u=re.search(r'WARC-Target-URI: <?([^\s>]+)',h).group(1)
        http,_,payload=body.partition(b'\r\n\r\n')
        if b'text/html' not in http.lower(): continue
        pages.append(dict(src='warc',id='warc/%s-%d'%(f.split('.')[0],i),url=u,html=payload.rstrip(b'\r\n')))
print('raw',len(pages))
seenu=set(); seenh=set(); pool=[]
for p in pages:
    d=dom(p['url']); p['domain']=d
    if not d or d in used: continue
    hu=p['url'].rstrip('/'); hh=sha(p['html'])
    if hu in seenu or hh in seenh: p['dup']=1; continue
    seenu.add(hu); seenh.add(hh)
    if p['src'] in ('cef','dn') and int(sha(p['id'])[:8],16)%8!=0: continue
    pool.append(p)
byd=collections.defaultdict(list)
for p in pool: byd[p['domain']].append(p)
sel=[]
for d,ps in byd.items():
    ps.sort(key=lambda p:sha(p['id'])); sel+=ps[:2]
for p in sel: p['split']='test3' if int(sha(p['domain']),16)%3!=0 else 'train3'
c=collections.Counter((p['split'],p['src']) for p in sel); print(sorted(c.items()))
for sp in ['test3','train3']:
    print(sp,sum(p['split']==sp for p in sel),'domains',len({p['domain'] for p in sel if p['split']==sp}))
# write folders
for sp in ['test3','train3']:
    for st in ['tj','ce','dn','zh','warc']:
        os.makedirs('../src/%s/%s'%(sp,st),exist_ok=True)
urls=collections.defaultdict(dict); meta=[]
for p in sel:
    st,name=p['id'].split('/')
    fn='%s.html.gz'%name
    with gzip.open('../src/%s/%s/%s'%(p['split'],st,fn),'wb') as f: f.write(p['html'])
    urls[(p['split'],st)][fn]=p['url']
    meta.append(dict(id=p['id'],src=p['src'],url=p['url'],domain=p['domain'],split=p['split'],file='src/%s/%s/%s'%(p['split'],st,fn)))
for (sp,st),m in urls.items(): json.dump(m,open('../src/%s/%s/urls.json'%(sp,st),'w'),indent=0)
json.dump(meta,open('selected.json','w'),indent=0)
