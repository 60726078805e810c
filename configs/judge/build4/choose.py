# judge4 selection + split rule, fixed before any labelling:
#  pool = CleanEval final (cef) and Dragnet (dn) pages with an http(s) URL that judge3's subsample left out
#         (int(sha1(id)[:8],16) % 8 != 0, id = 'cef/N' or 'dn/NAME' as in judge3), whose domain (host, lower-cased,
#         leading www. stripped) is not in used-domains.txt (judge, judge2, judge3); pages whose URL (trailing / ignored)
#         or HTML bytes equal an earlier candidate's (in cands.json order) or a judge3 page's dropped.
#  domain subsample (to fit the labelling time): keep a domain iff int(sha1('judge4:'+domain)[:8],16) % 7 < 5.
#  at most 2 pages per domain: those with the smallest sha1(id).
#  split: test4 iff int(sha1(domain).hexdigest(),16) % 3 != 0, else train4.
import json,subprocess,os,hashlib,collections,gzip
from urllib.parse import urlparse
def dom(u):
    h=(urlparse(u.strip()).hostname or '').lower().rstrip('.')
    return h[4:] if h.startswith('www.') else h
def sha(s): return hashlib.sha1(s.encode() if isinstance(s,str) else s).hexdigest()
J='/work/.mirror/j-szulc+html-cleaning-dataset-merged/repo'
def git(p): return subprocess.run(['git','--git-dir='+J,'show','HEAD:'+p],capture_output=True).stdout
used=set(open('used-domains.txt').read().split())
j3=json.load(open('/work/evaldata/judge3/work/selected.json'))
seenu={m['url'].rstrip('/') for m in j3}; seenh=set()
for m in j3: seenh.add(sha(gzip.open('/work/evaldata/judge3/'+m['file']).read()))
pool=[]
for s,n,u,p in json.load(open('cands.json')):
    pid='cef/'+n if s=='cef' else 'dn/'+n
    if int(sha(pid)[:8],16)%8==0: continue          # judge3's share
    d=dom(u)
    if not d or d in used: continue
    b=git(p); hu=u.rstrip('/'); hh=sha(b)
    if hu in seenu or hh in seenh: continue
    seenu.add(hu); seenh.add(hh)
    if int(sha('judge4:'+d)[:8],16)%7>=5: continue
    pool.append(dict(src=s,id=('ce/f'+n if s=='cef' else 'dn/'+n),sid=pid,url=u,domain=d,html=b))
byd=collections.defaultdict(list)
for p in pool: byd[p['domain']].append(p)
sel=[]
for d,ps in byd.items():
    ps.sort(key=lambda p:sha(p['sid'])); sel+=ps[:2]
for p in sel: p['split']='test4' if int(sha(p['domain']),16)%3!=0 else 'train4'
c=collections.Counter((p['split'],p['src']) for p in sel); print(sorted(c.items()))
for sp in ['test4','train4']:
    print(sp,sum(p['split']==sp for p in sel),'pages, domains',len({p['domain'] for p in sel if p['split']==sp}))
urls=collections.defaultdict(dict); meta=[]
for p in sel:
    st,name=p['id'].split('/')
    os.makedirs('../src/%s/%s'%(p['split'],st),exist_ok=True)
    fn='%s.html.gz'%name
    with gzip.open('../src/%s/%s/%s'%(p['split'],st,fn),'wb') as f: f.write(p['html'])
    urls[(p['split'],st)][fn]=p['url']
    meta.append(dict(id=p['id'],src=p['src'],url=p['url'],domain=p['domain'],split=p['split'],file='src/%s/%s/%s'%(p['split'],st,fn)))
for (sp,st),m in urls.items(): json.dump(m,open('../src/%s/%s/urls.json'%(sp,st),'w'),indent=0)
json.dump(meta,open('selected.json','w'),indent=0)
