# judge5 selection + split rule, fixed before any labelling (run in /work/evaldata/judge5/work after gather.py):
#  pool   = candidates (cands.json) with an http(s) URL whose registered domain (psl.py, the product's grain) is not in
#           used-regdoms.txt; a page whose URL (trailing / ignored) or HTML bytes equal an earlier candidate's (in
#           cands.json order) is dropped.
#  old English sets thinned (to fit the labelling time and favour newer, non-English pages; by source, not topic):
#           a ce/dn page's registered domain is kept iff int(sha1('judge5:'+regdom)[:8],16) % 2 == 0; hd and fu kept whole.
#  at most 2 pages per registered domain: those with the smallest sha1(id).
#  split  = test5 iff int(sha1(regdom).hexdigest(),16) % 3 != 0, else train5 (judge3/judge4's rule, on the registered domain).
#  id     = '<src>/' + sha1(source path)[:12] for hd and fu; 'ce/fN', 'dn/NAME' as in judge4.
import json, subprocess, os, sys, hashlib, collections, gzip
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tools'))  # psl.py, shared by every split's scripts
from psl import host, regdom
def sha(s): return hashlib.sha1(s.encode() if isinstance(s, str) else s).hexdigest()
REPO = {'hd': 'adbar+htmldate', 'fu': 'flairNLP+fundus', 'ce': 'j-szulc+html-cleaning-dataset-merged', 'dn': 'j-szulc+html-cleaning-dataset-merged'}
def blob(src, p):
    b = subprocess.run(['git', '--git-dir=/work/.mirror/%s/repo' % REPO[src], 'show', 'HEAD:' + p], capture_output=True).stdout
    return gzip.decompress(b) if p.endswith('.gz') else b
used = set(open('used-regdoms.txt').read().split())
seenu, seenh, pool = set(), set(), []
for src, p, u in json.load(open('cands.json')):
    if not u.startswith('http'): continue
    d = regdom(host(u))
    if not d or d in used: continue
    hu = u.rstrip('/')
    if hu in seenu: continue
    b = blob(src, p); hh = sha(b)
    if hh in seenh: continue
    seenu.add(hu); seenh.add(hh)
    if src in ('ce', 'dn') and int(sha('judge5:' + d)[:8], 16) % 2 != 0: continue
    if src in ('ce', 'dn'):
        n = os.path.basename(p)[:-5]
        pid = 'ce/f' + n if src == 'ce' else 'dn/' + n
    else:
        pid = src + '/' + sha(p)[:12]
    pool.append(dict(src=src, id=pid, path=p, url=u, domain=host(u)[4:] if host(u).startswith('www.') else host(u), regdom=d, html=b))
byd = collections.defaultdict(list)
for x in pool: byd[x['regdom']].append(x)
sel = []
for d, xs in byd.items():
    xs.sort(key=lambda x: sha(x['id'])); sel += xs[:2]
for x in sel: x['split'] = 'test5' if int(sha(x['regdom']), 16) % 3 != 0 else 'train5'
print(sorted(collections.Counter((x['split'], x['src']) for x in sel).items()))
for sp in ['test5', 'train5']:
    print(sp, sum(x['split'] == sp for x in sel), 'pages, registered domains', len({x['regdom'] for x in sel if x['split'] == sp}))
if '--dry' in sys.argv: sys.exit()
meta = []
for x in sel:
    st, name = x['id'].split('/')
    os.makedirs('../src/%s/%s' % (x['split'], st), exist_ok=True)
    fn = '%s.html.gz' % name
    with gzip.open('../src/%s/%s/%s' % (x['split'], st, fn), 'wb') as f: f.write(x['html'])
    meta.append(dict(id=x['id'], src=x['src'], path=x['path'], url=x['url'], domain=x['domain'], regdom=x['regdom'],
                     split=x['split'], file='src/%s/%s/%s' % (x['split'], st, fn)))
urls = collections.defaultdict(dict)
for m in meta: urls[os.path.dirname(m['file'])][os.path.basename(m['file'])] = m['url']
for dd, m in urls.items(): json.dump(m, open('../' + dd + '/urls.json', 'w'), indent=0, ensure_ascii=False)
json.dump(meta, open('selected.json', 'w'), indent=0, ensure_ascii=False)
