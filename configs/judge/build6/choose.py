# judge6 selection rule, fixed before any page was extracted or read (run in /work/evaldata/judge6/work after gather.py):
#  pool   = candidates (cands.json) with an http(s) URL whose registered domain (psl.py, the product's grain) is not in
#           used-regdoms.txt; a page whose URL (trailing / ignored) or HTML bytes equal an earlier candidate's (in
#           cands.json order) is dropped; a page under 200 bytes is dropped (test stubs).
#  the science-rich source pp (papis) is thinned to about 2/3 of its registered domains, to keep the split's
#           domain-level science base rate at or under 10 %: a pp domain is kept iff
#           int(sha1('judge6:' + regdom)[:8], 16) % 3 != 0. Fallback fixed now, before labelling: if the labelled
#           domain-level base rate is still over 10 %, the kept pp domains are dropped one by one in ascending
#           sha1('judge6:' + regdom) order until it is not (counts.py --trim reports which).
#  at most 2 pages per registered domain: those with the smallest sha1(id).
#  every selected page is in test6 (the training pages of this session come from other sources, "17l").
#  id     = '<src>/' + sha1(source path)[:12].
import json, subprocess, os, sys, hashlib, collections, gzip
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tools'))  # psl.py, shared by every split's scripts
from psl import host, regdom
REPO = dict(pl='postlight+parser', om='omnivore-app+omnivore', rd='mozilla+readability', ms='microlinkhq+metascraper',
            g3='goose3+goose3', n4='AndyTheFactory+newspaper4k', gb='j0k3r+graby', lg='leogao2+htmltotext-benchmark',
            zh='immortal-autumn+Chinese-Web-Content-Extraction-Dataset', pp='papis+papis',
            nw='codelucas+newspaper', mc='mediacloud+metadata-lib')
def sha(s): return hashlib.sha1(s.encode() if isinstance(s, str) else s).hexdigest()
def blob(src, p):
    return subprocess.run(['git', '--git-dir=/work/.mirror/%s/repo' % REPO[src], 'show', 'HEAD:' + p], capture_output=True).stdout
used = set(open('used-regdoms.txt').read().split())
seenu, seenh, pool = set(), set(), []
for src, p, u in json.load(open('cands.json')):
    if not u.startswith('http'): continue
    d = regdom(host(u))
    if not d or d in used: continue
    hu = u.rstrip('/')
    if hu in seenu: continue
    b = blob(src, p); hh = sha(b)
    if hh in seenh or len(b) < 200: continue
    seenu.add(hu); seenh.add(hh)
    if src == 'pp' and int(sha('judge6:' + d)[:8], 16) % 3 == 0: continue
    h = host(u)
    pool.append(dict(src=src, id=src + '/' + sha(p)[:12], path=p, url=u, domain=h[4:] if h.startswith('www.') else h, regdom=d, html=b))
byd = collections.defaultdict(list)
for x in pool: byd[x['regdom']].append(x)
sel = []
for d, xs in byd.items():
    xs.sort(key=lambda x: sha(x['id'])); sel += xs[:2]
for x in sel: x['split'] = 'test6'
print('pool', len(pool), 'selected', len(sel), 'registered domains', len(byd), sorted(collections.Counter(x['src'] for x in sel).items()))
if '--dry' in sys.argv: sys.exit()
meta = []
for x in sel:
    st, name = x['id'].split('/')
    os.makedirs('../src/%s' % st, exist_ok=True)
    fn = '%s.html.gz' % name
    with gzip.open('../src/%s/%s' % (st, fn), 'wb') as f: f.write(x['html'])
    meta.append(dict(id=x['id'], src=x['src'], path=x['path'], url=x['url'], domain=x['domain'], regdom=x['regdom'],
                     split=x['split'], file='src/%s/%s' % (st, fn)))
urls = collections.defaultdict(dict)
for m in meta: urls[os.path.dirname(m['file'])][os.path.basename(m['file'])] = m['url']
for dd, m in urls.items(): json.dump(m, open('../' + dd + '/urls.json', 'w'), indent=0, ensure_ascii=False)
json.dump(meta, open('selected.json', 'w'), indent=0, ensure_ascii=False)
open('../test6-regdoms.txt', 'w').write('\n'.join(sorted(byd)) + '\n')
