# judge6 candidates (run in /work/evaldata/judge6/work). Writes used-regdoms.txt and cands.json.
# used: build5/used-regdoms.txt (every earlier split up to judge4, WCXB dev and trafilatura URLs, as registered domains)
#   + the registered domains of test5 and train5 (judge5 pages files) + WCXB dev ground-truth URLs and trafilatura's
#   evaldata.json URLs again (recomputed, so the list does not depend on the older file alone).
# candidates (no page is read for its content here; only a URL is looked up in metadata or the page's <head>):
#   pl  github postlight/parser fixtures/*.html (one page per site; URL = canonical/og:url when its registered
#       domain is the file name's, else https://<file name host>/). MIT or Apache-2.0 (code); pages (c) owners.
#   om  github omnivore-app/omnivore packages/readabilityjs/test/test-pages/*/source.html, URL from url.txt.
#   rd  github mozilla/readability test/test-pages/*/source.html, URL = canonical/og:url (most were judge2's:
#       their domains are in the used list).
#   ms  github microlinkhq/metascraper packages/*/test/**/*.html, URL = canonical/og:url.
#   g3  github goose3/goose3 tests/data/**/*.html, URL from the sibling .json ("url").
#   n4  github AndyTheFactory/newspaper4k tests/data/html/*.html, URL from tests/data/metadata/<name>.json, else
#       canonical/og:url.
#   gb  github j0k3r/graby tests/fixtures/content/*.html, URL = canonical/og:url.
#   lg  github leogao2/htmltotext-benchmark benchmarkdata/<lang>/html/*.html, URL = canonical/og:url.
#   zh  github immortal-autumn/Chinese-Web-Content-Extraction-Dataset original/*.html (judge3's URL rule); judge3
#       used part of it, its domains are in the used list.
#   nw  github codelucas/newspaper tests/data/html/*.html, URL = canonical/og:url, else https://<file name host>/ when
#       the file name is a host name plus a digit (e.g. al.com1.html). MIT; pages (c) owners.
#   mc  github mediacloud/metadata-lib mcmetadata/test/fixtures/*.html (worldwide news), URL = canonical/og:url.
#       Apache-2.0; pages (c) owners.
#   pp  github papis/papis tests/downloaders/resources/*.html: publishers' article landing pages, a source rich in
#       science added by rule (whole source, same selection rule) so that the split has enough science domains;
#       URL = canonical/og:url/citation_abstract_html_url/citation_public_url.
import json, subprocess, os, glob, sys, re, html, collections
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tools'))  # psl.py, shared by every split's scripts
from psl import host, regdom
B5 = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'build5', 'used-regdoms.txt')
used = set(open(B5).read().split())
for f in ['/work/evaldata/judge5/pages-test5.json', '/work/evaldata/judge5/pages-train5.json']:
    for p in json.load(open(f)):
        used.add(p['regdom']); used.add(regdom(host(p['url'])))
for f in glob.glob('/work/evaldata/wcxb/dev/ground-truth/*.json'):
    u = json.load(open(f)).get('url')
    if u: used.add(regdom(host(u)))
for u in json.load(open('/work/evaldata/traf/tests/evaldata.json')):
    used.add(regdom(host(u)))
used.discard('')
open('used-regdoms.txt', 'w').write('\n'.join(sorted(used)) + '\n')

def git(repo, *a):
    return subprocess.run(['git', '--git-dir=/work/.mirror/%s/repo' % repo, *a], capture_output=True).stdout
def ls(repo, under):
    return [p for p in git(repo, 'ls-tree', '-r', '-z', '--name-only', 'HEAD', under).decode('utf8').split('\0') if p]
def show(repo, p): return git(repo, 'show', 'HEAD:' + p)
RX = [r'<link[^>]*rel=["\']?canonical["\']?[^>]*href=["\']?(https?://[^"\'\s>]+)',
      r'<link[^>]*href=["\']?(https?://[^"\'\s>]+)["\']?[^>]*rel=["\']?canonical',
      r'<meta[^>]*property=["\']?og:url["\']?[^>]*content=["\']?(https?://[^"\'\s>]+)',
      r'<meta[^>]*content=["\']?(https?://[^"\'\s>]+)["\']?[^>]*property=["\']?og:url',
      r'<meta[^>]*name=["\']?citation_abstract_html_url["\']?[^>]*content=["\']?(https?://[^"\'\s>]+)',
      r'<meta[^>]*name=["\']?citation_public_url["\']?[^>]*content=["\']?(https?://[^"\'\s>]+)',
      r'saved from url=\(\d+\)(https?://\S+?)\s*-->']
def urlof(b):
    h = b.decode('utf8', 'replace')
    for rx in RX:
        m = re.search(rx, h, re.I)
        if m: return html.unescape(m.group(1))
    return None

REPO = dict(pl='postlight+parser', om='omnivore-app+omnivore', rd='mozilla+readability', ms='microlinkhq+metascraper',
            g3='goose3+goose3', n4='AndyTheFactory+newspaper4k', gb='j0k3r+graby', lg='leogao2+htmltotext-benchmark',
            zh='immortal-autumn+Chinese-Web-Content-Extraction-Dataset', pp='papis+papis',
            nw='codelucas+newspaper', mc='mediacloud+metadata-lib')
cands = []  # (src, path, url)
R = REPO['pl']
for p in ls(R, 'fixtures/'):
    if not p.endswith('.html'): continue
    h = os.path.basename(p)[:-5].split('--')[0]
    u = urlof(show(R, p))
    if not u or regdom(host(u)) != regdom(h): u = 'https://%s/' % h
    cands.append(('pl', p, u))
R = REPO['om']; T = 'packages/readabilityjs/test/test-pages/'
fs = set(ls(R, T))
for p in sorted(fs):
    if p.endswith('/source.html') and os.path.dirname(p) + '/url.txt' in fs:
        u = show(R, os.path.dirname(p) + '/url.txt').decode('utf8', 'replace').strip().split()[0]
        cands.append(('om', p, u))
R = REPO['rd']
for p in ls(R, 'test/test-pages/'):
    if p.endswith('/source.html'):
        u = urlof(show(R, p))
        if u: cands.append(('rd', p, u))
R = REPO['ms']
for p in ls(R, 'packages/'):
    if '/test/' in p and p.endswith('.html'):
        u = urlof(show(R, p))
        if u: cands.append(('ms', p, u))
R = REPO['g3']; fs = set(ls(R, 'tests/data/'))
for p in sorted(fs):
    if p.endswith('.html') and p[:-5] + '.json' in fs:
        try: u = json.loads(show(R, p[:-5] + '.json')).get('url')
        except Exception: u = None
        if u: cands.append(('g3', p, u))
R = REPO['n4']; fs = set(ls(R, 'tests/data/'))
for p in sorted(fs):
    if p.startswith('tests/data/html/') and p.endswith('.html'):
        mj = 'tests/data/metadata/' + os.path.basename(p)[:-5] + '.json'
        u = None
        if mj in fs:
            try: u = json.loads(show(R, mj)).get('url')
            except Exception: u = None
        u = u or urlof(show(R, p))
        if u: cands.append(('n4', p, u))
R = REPO['gb']
for p in ls(R, 'tests/fixtures/content/'):
    if p.endswith('.html'):
        u = urlof(show(R, p))
        if u: cands.append(('gb', p, u))
R = REPO['lg']
for p in ls(R, 'benchmarkdata/'):
    if '/html/' in p and p.endswith('.html'):
        u = urlof(show(R, p))
        if u: cands.append(('lg', p, u))
R = REPO['zh']
for p in ls(R, 'original/'):
    if p.endswith('.html'):
        u = urlof(show(R, p))
        if u: cands.append(('zh', p, u))
R = REPO['pp']
for p in ls(R, 'tests/downloaders/resources/'):
    if p.endswith('.html'):
        u = urlof(show(R, p))
        if u: cands.append(('pp', p, u))
R = REPO['nw']
for p in ls(R, 'tests/data/html/'):
    if not p.endswith('.html'): continue
    u = urlof(show(R, p))
    m = re.fullmatch(r'([a-z0-9.-]+\.[a-z]+)\d+', os.path.basename(p)[:-5])
    if m and (not u or regdom(host(u)) != regdom(m.group(1))): u = 'https://%s/' % m.group(1)
    if u: cands.append(('nw', p, u))
R = REPO['mc']
for p in ls(R, 'mcmetadata/test/fixtures/'):
    if p.endswith('.html'):
        u = urlof(show(R, p))
        if u: cands.append(('mc', p, u))
json.dump(cands, open('cands.json', 'w'), indent=0)
c = collections.Counter()
for s, p, u in cands:
    d = regdom(host(u)) if u.startswith('http') else ''
    c[(s, 'new' if d and d not in used else 'used')] += 1
print('used registered domains', len(used))
for k, v in sorted(c.items()): print(k, v)
