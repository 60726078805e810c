# train6 selection (run in /work/evaldata/judge6-train/work after gather.py; rule fixed before any page was read):
#  pool  = candidates (cands.json) with an http(s) URL whose registered domain (psl.py) is in none of: build5/used-regdoms.txt
#          (every earlier split and the WCXB dev / trafilatura evaluation URLs), test5's and train5's registered domains
#          (build5/lang-*.tsv), the blind test6 split's (/work/evaldata/judge6/test6-regdoms.txt, required); a page whose
#          URL (trailing / ignored; not for the site front URLs that stand for `gn` pages of unknown path) or HTML bytes
#          equal an earlier candidate's is dropped.
#  at most 3 pages per registered domain (1 for a domain whose candidates are all recipe-scrapers pages): those with
#  the smallest sha1(id). No page is chosen by its content; the
#  sources were chosen for their share of science and non-English pages (see TRAIN6.md).
#  id = '<src>/' + sha1(repo path)[:12]; split = 'train6'.
import json, subprocess, os, sys, hashlib, collections, gzip
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tools'))  # psl.py, shared by every split's scripts
from psl import host, regdom
from gather import git
def sha(s): return hashlib.sha1(s.encode() if isinstance(s, str) else s).hexdigest()
REPO = json.load(open(os.path.join(HERE, 'repos.json')))
FALLBACK = json.load(open(os.path.join(HERE, 'fallback-urls.json')))   # pages with no URL in the repo or the page: URL from the article id
def blob(repo, p, c):
    b = git(repo, 'show', '%s:%s' % (c, p))
    return gzip.decompress(b) if p.endswith('.gz') else b
B5 = os.path.join(HERE, '..', 'build5')
used = set(open(os.path.join(B5, 'used-regdoms.txt')).read().split())
for sp in ['test5', 'train5']:
    for l in open(os.path.join(B5, 'lang-%s.tsv' % sp)): used.add(l.split('\t')[2])
T6 = '/work/evaldata/judge6/test6-regdoms.txt'
if '--dry' not in sys.argv or os.path.exists(T6):
    used |= set(open(T6).read().split())
seenu, seenh, pool = set(), set(), []
for src, p, u, c, *rest in json.load(open('cands.json')):
    repo = rest[0] if rest else REPO[src]
    u = u or FALLBACK.get('%s:%s' % (src, p), '')
    if not u.startswith('http'): continue
    try: d = regdom(host(u))
    except ValueError: continue
    if '.' not in host(u): continue   # a malformed URL (a test's comment), no host name
    if not d or d in used: continue
    hu = u.rstrip('/')
    front = src in ('gn', 'ps') and u.count('/') == 3 and u.endswith('/')   # a site front URL standing for a page of unknown path
    if hu in seenu and not front: continue
    b = blob(repo, p, c)
    if len(b) < 200: continue
    hh = sha(b)
    if hh in seenh: continue
    seenu.add(hu); seenh.add(hh)
    h = host(u)
    pool.append(dict(src=src, id=src + '/' + sha((repo + ':' + p) if rest else p)[:12], path=p, repo=repo, commit=c, url=u, domain=h[4:] if h.startswith('www.') else h, regdom=d, html=b))
# rounds: sources were added in rounds (TRAIN6.md); a page chosen in an earlier round stays chosen and a later round
# only fills a registered domain up to 3 pages, so the pages already labelled never change.
prev = json.load(open('selected.json')) if os.path.exists('selected.json') else []
kept = {m['id'] for m in prev}
byd = collections.defaultdict(list)
for x in pool: byd[x['regdom']].append(x)
sel = [x for x in pool if x['id'] in kept]
for d, xs in byd.items():
    n = sum(1 for x in xs if x['id'] in kept)
    xs = sorted((x for x in xs if x['id'] not in kept), key=lambda x: sha(x['id']))
    cap = 1 if xs and all(x['src'] == 'rs' for x in xs) else 3   # one recipe page per site: a single genre, kept small
    sel += xs[:max(0, cap - n)]
print('kept', len(kept), 'new', sorted(collections.Counter(x['src'] for x in sel if x['id'] not in kept).items()), 'total', len(sel), 'pages', len({x['regdom'] for x in sel}), 'registered domains')
if '--dry' in sys.argv: sys.exit()
meta = [m for m in prev]
rnd = 1 + max([m.get('round', 1) for m in prev] or [0])
for x in sel:
    if x['id'] in kept: continue
    st, name = x['id'].split('/')
    os.makedirs('../src/%s' % st, exist_ok=True)
    fn = '%s.html.gz' % name
    with gzip.open('../src/%s/%s' % (st, fn), 'wb') as f: f.write(x['html'])
    meta.append(dict(id=x['id'], src=x['src'], repo=x['repo'].replace('+', '/'), path=x['path'], commit=x['commit'], url=x['url'], domain=x['domain'],
                     regdom=x['regdom'], split='train6', round=rnd, file='src/%s/%s' % (st, fn)))
urls = collections.defaultdict(dict)
for m in meta: urls[os.path.dirname(m['file'])][os.path.basename(m['file'])] = m['url']
assert not [m for m in prev if m['regdom'] in used and m['regdom'] not in open(T6).read().split()], 'an earlier round page is now excluded'
for dd, m in urls.items(): json.dump(m, open('../' + dd + '/urls.json', 'w'), indent=0, ensure_ascii=False)
json.dump(meta, open('selected.json', 'w'), indent=0, ensure_ascii=False)
