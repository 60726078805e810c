# judge5 candidates (run in /work/evaldata/judge5/work). Writes used-regdoms.txt and cands.json.
# used: registered domains (psl.py) of every page of every earlier split (judge/pages.json, judge2, judge3, judge4
#   pages files), of the hosts in judge3's and judge4's used-domains.txt, and of every URL of the evaluation sets the
#   model may be trained on (WCXB dev ground truth, trafilatura's evaldata.json).
# candidates (no page is read for its content here):
#   hd  github adbar/htmldate tests: eval_default.json (BBAW collection, tests/eval + tests/cache) and
#       eval_mediacloud_2020.json (Media Cloud worldwide news, tests/test_set), URL = the JSON key. Apache-2.0.
#   fu  github flairNLP/fundus tests/resources/parser/test_data/<country>/*.html.gz, URL from meta.info. MIT.
#   ce/dn  CleanEval final and Dragnet pages of github j-szulc/html-cleaning-dataset-merged as listed in
#       judge4's cands.json (same URL rule), i.e. what judge3's and judge4's subsamples left out.
import json, subprocess, os, glob, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tools'))  # psl.py, shared by every split's scripts
from psl import host, regdom

used = set()
for f in ['/work/evaldata/judge/pages.json', '/work/evaldata/judge2/pages-test2.json'] + \
         sorted(glob.glob('/work/evaldata/judge3/pages-*.json')) + sorted(glob.glob('/work/evaldata/judge4/pages-*.json')):
    for p in json.load(open(f)):
        used.add(regdom(host(p['url'])) if p.get('url') else regdom(p['domain']))
        used.add(regdom(p['domain']))
for f in ['/work/evaldata/judge3/scripts/used-domains.txt', '/work/evaldata/judge4/scripts/used-domains.txt']:
    used |= {regdom(h) for h in open(f).read().split()}
for f in glob.glob('/work/evaldata/wcxb/dev/ground-truth/*.json'):
    u = json.load(open(f)).get('url')
    if u: used.add(regdom(host(u)))
for u in json.load(open('/work/evaldata/traf/tests/evaldata.json')):
    used.add(regdom(host(u)))
used.discard('')
open('used-regdoms.txt', 'w').write('\n'.join(sorted(used)) + '\n')

def git(repo, *a):
    return subprocess.run(['git', '--git-dir=/work/.mirror/%s/repo' % repo, *a], capture_output=True).stdout

cands = []  # (src, source path inside its repo, url)
H = 'adbar+htmldate'
files = set(git(H, 'ls-tree', '-r', '-z', '--name-only', 'HEAD', 'tests/').decode('utf8').split('\0'))
for j, dirs in [('tests/eval_default.json', ['tests/eval/', 'tests/cache/']), ('tests/eval_mediacloud_2020.json', ['tests/test_set/'])]:
    for u, v in json.loads(git(H, 'show', 'HEAD:' + j)).items():
        for d in dirs:
            if d + v['file'] in files:
                cands.append(('hd', d + v['file'], u)); break
F = 'flairNLP+fundus'
T = 'tests/resources/parser/test_data/'
for mi in sorted(p for p in git(F, 'ls-tree', '-r', '-z', '--name-only', 'HEAD', T).decode('utf8').split('\0') if p.endswith('meta.info')):
    d = os.path.dirname(mi) + '/'
    for fn, v in json.loads(git(F, 'show', 'HEAD:' + mi)).items():
        if v.get('url', '').startswith('http'):
            cands.append(('fu', d + fn, v['url']))
for s, n, u, p in json.load(open('/work/evaldata/judge4/work/cands.json')):
    cands.append(('ce' if s == 'cef' else 'dn', p, u))
json.dump(cands, open('cands.json', 'w'))
import collections
print('used registered domains', len(used), 'candidates', collections.Counter(c[0] for c in cands),
      'in unused domains', collections.Counter(c[0] for c in cands if regdom(host(c[2])) not in used))
