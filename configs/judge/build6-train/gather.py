# train6 candidates (run in /work/evaldata/judge6-train/work). Writes cands.json: [src, repo path, url, commit].
# Sources (mirrors fetched with the search tool's `fetch` into /work/.mirror; no page is read for its content here):
#   pl  github postlight/parser fixtures/*.html; URL = the `url` the extractor test that reads the fixture parses it with
#       (src/**/*.test.js), else the page's own canonical / og:url.                                        Apache-2.0/MIT
#   np  github AndyTheFactory/newspaper4k tests/data/html/<domain><n>.html as of 1da8e69^ (the full-text test pages,
#       removed later); URL = the n-th URL of tests/data/fulltext_url_list.txt on that domain.                       MIT
#   nm  github ContentMine/norma src/test/resources/.../pubstyle/<publisher>/**/fulltext.html (open-access journal
#       article pages, one style test per publisher); URL = the page's own canonical / og:url / citation URL meta.  Apache-2.0
#   sc  github internetarchive/sandcrawler python/tests/files/*.html (scholarly article pages); URL likewise.       AGPL-3.0
#   gn  github GeneralNewsExtractor/GeneralNewsExtractor test pages (Chinese news and institution pages); URL = the page's
#       canonical / og:url, else the site front URL (host from the page links named like the test folder).                     MIT
#   sn  github karussell/snacktory ArticleTextExtractorTest pages (2010-2013 news/blogs, some German, Russian, Japanese);
#       URL = the `// http...` comment of the test that reads the page, else the page's canonical / og:url.        Apache-2.0
#   rr  github rkrzr/dataset-random (random web pages, 2013, many languages), rp  rkrzr/dataset-popular (pages from
#       dir.yahoo.com's popular sites): the unchanged `index.html.orig` (a single GET) of each mapping.txt entry, URL = its key.
#   round 2:
#   cx  github chimbori/crux GoldenFilesTest pages (test_data/, before their removal in 365b896); URL = the test's.     Apache-2.0
#   ms  github microlinkhq/metascraper packages/*/test/fixtures/**/*.html; URL = canonical / og:url.                  MIT
#   ps  j-szulc/html-cleaning-dataset-merged page-signal-master/input (geodrome/page-signal, Google News pages 2008-09);
#       URL = canonical / og:url, else the site's front URL (most frequent host of its own links, ad/social hosts left out).
#   round 3:
#   pp  research project pages (github, list PP below): index.html of each repository; URL = canonical / og:url, else
#       its GitHub Pages address (https://<owner>.github.io/[<repo>/]).                                     per repository
#   rs  github hhursev/recipe-scrapers tests/test_data/<site>/*.testhtml whose expected JSON gives a language other
#       than English; URL = its canonical_url (round 5).                                                          MIT
#   tr  github adbar/trafilatura tests/cache pages of realworld_tests.py MOCK_PAGES (URL = its key).              Apache-2.0
# The fundus and htmldate leftovers are empty: every page of both is on a registered domain of an earlier split.
import json, subprocess, re, os, sys, html as H
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
def git(repo, *a):
    d = "/work/.mirror/%s/repo" % repo
    if os.path.isdir(d + "/.git"): d += "/.git"
    return subprocess.run(["git", "--git-dir=" + d, *a], capture_output=True).stdout
def head(repo): return git(repo, 'rev-parse', 'HEAD').decode().strip()
def meta_url(b):
    s = b[:300000].decode('utf8', 'replace')
    for pat in [r'<link[^>]+rel=["\']canonical["\'][^>]*href=["\']([^"\']+)', r'<link[^>]+href=["\']([^"\']+)["\'][^>]*rel=["\']canonical',
                r'<meta[^>]+property=["\']og:url["\'][^>]*content=["\']([^"\']+)', r'<meta[^>]+content=["\']([^"\']+)["\'][^>]*property=["\']og:url',
                r'<meta[^>]+name=["\']citation_(?:fulltext_html_url|abstract_html_url|public_url)["\'][^>]*content=["\']([^"\']+)',
                r'<meta[^>]+name=["\']dc\.identifier["\'][^>]*content=["\'](https?://[^"\']+)']:
        m = re.search(pat, s, re.I)
        if m and H.unescape(m.group(1)).startswith('http'): return H.unescape(m.group(1)).strip()
    return ''
def site_url(b, folder):
    """No URL in the page: the site's front URL, from the most frequent host among the page's own absolute links whose
    name contains the test folder's name (the folder names the site), else ''. The page's path stays unknown."""
    import collections
    hs = collections.Counter(h.lower() for h in re.findall(r'href=["\']https?://([^/"\'?#:]+)', b.decode('utf8', 'replace')))
    for h, n in hs.most_common():
        if folder.lower() in h: return 'http://%s/' % h
    return ''
def front_url(b):
    """page-signal pages carry no URL: the site's front URL, from the most frequent host among the page's own absolute
    links (<a href>), leaving out ad, analytics, social and feed hosts; else ''."""
    import collections
    AD = ('doubleclick', 'googlesyndication', 'google-analytics', 'googleadservices', 'atdmt', 'facebook', 'twitter',
          'digg', 'delicious', 'del.icio.us', 'stumbleupon', 'reddit', 'google.com', 'yahoo.com', 'feedburner', 'addthis',
          'quantserve', 'adserver', 'adtech', 'advertising', 'revsci', 'w3.org', 'adobe.com', 'macromedia', 'technorati',
          'newsvine', 'myspace', 'linkedin', 'blinklist', 'furl', 'mixx', 'fark', 'yieldmanager', 'overture', 'imrworldwide')
    hs = collections.Counter(h.lower() for h in re.findall(r'<a[^>]+href=["\']https?://([^/"\'?#:]+)', b.decode('utf8', 'replace'), re.I))
    for h, n in hs.most_common():
        if not any(a in h for a in AD): return 'http://%s/' % h
    return ''
# research project pages: repositories listed by find_files for the template's asset paths static/js/bulma-slider.min.js,
# static/css/bulma-carousel.min.css and static/css/bulma-slider.min.css, those that look like a project page (a *.github.io
# repository or a page/site repository rather than a code base), fetched in the order listed; one that could not be fetched
# is left out (Media-Bias-Group/Project-Page-Misinformation-Games-Review).
PP = ['AgMMU+agmmu.github.io', 'PhyScene+PhyScene.github.io', 'robotics-reality-gap+robotics-reality-gap.github.io',
      'videophy2+videophy2.github.io', 'zzzzzdx+biokg_webpage', 'n-manas+Image-based-prediction-of-mosquito-bed-net-conditions',
      'kimia-abedini+Genom-Agent', 'jailbreaking-llms+jailbreaking-llms.github.io', 'cotracker3+cotracker3.github.io',
      'MotionGPT3+motiongpt3.github.io', 'STITCH-OPE+STITCH-OPE.github.io', 'foresight-iccv+foresight-iccv.github.io',
      'hand-uncertainty+hand-uncertainty.github.io', 'toolalignbench+toolalignbench.github.io', 'DehazeGS+DehazeGS.github.io',
      'Easi3R+Easi3R.github.io', 'PhyGenBench2024+PhyGenBench2024.github.io',
      'environment-as-policy+environment-as-policy.github.io', 'mirai-llm+mirai-llm.github.io',
      'msin-infotabs+msin-infotabs.github.io', 'mega-sam+mega-sam.github.io',
      # round 4 (same lists, next in order)
      'DeepPerception-KVG+DeepPerception-KVG.github.io', 'MoFlow-IMLE+moflow-imle.github.io', 'RoomCraft+RoomCraft.github.io',
      'differential-diffusion+differential-diffusion.github.io', 'dreamix-video-editing+dreamix-video-editing.github.io',
      'motionmodes+motionmodes.github.io', 'readavatars+readavatars.github.io',
      'semanticlatentmixing+semanticlatentmixing.github.io', 'gaussianflow-slam+gaussianflow-slam.github.io',
      'interdyn-video+interdyn-video.github.io', 'Vi-TacMan+vi-tacman.github.io', 'objectforesight+objectforesight.github.io',
      'zvocvpr+zvocvpr.github.io', 'FaceAdapter+face-adapter.github.io', 'ey242+kiva.github.io',
      'jason08022000+financial-reasoning.github.io', 'mystyle-personalized-prior+mystyle-personalized-prior.github.io',
      'MuBe4D+MuBe4D.github.io',
      # round 5 (same lists, project pages outside machine learning first; a repository without a root index.html is skipped)
      'pfriedri+pcdiff-implant-io', 'meyerls+fruit_nerf', 'jl6017+GenMech', 'Tomeratia+SeaAlert', 'gabrielkasmi+wam',
      'abhaydmathur+sedac-vis', 'diegothomas+DigitalHumans-lab']
def main():
  cands = []
  R = 'postlight+parser'  ; c = head(R)
  files = [f for f in git(R, 'ls-tree', '-r', '--name-only', c, 'fixtures').decode().split('\n') if f.endswith('.html')]
  tmap = {}
  for t in git(R, 'grep', '-l', 'fixtures/', c, '--', '*.test.js').decode().split('\n'):
      if not t: continue
      p = t.split(':', 1)[1]; s = git(R, 'show', '%s:%s' % (c, p)).decode('utf8', 'replace')
      for m in re.finditer(r"readFileSync\(\s*['\"]\./(fixtures/[^'\"]+\.html)['\"]", s):
          before = s[:m.start()]
          us = re.findall(r"url\s*=\s*['\"`](https?://[^'\"`]+)['\"`]", before)
          after = re.findall(r"(?:parse|Mercury\.parse)\(\s*['\"`](https?://[^'\"`]+)", s[m.start():m.start() + 600])
          u = (after or us[-1:] or [''])[0]
          if u and m.group(1) not in tmap: tmap[m.group(1)] = u
  for f in files:
      u = tmap.get(f) or meta_url(git(R, 'show', '%s:%s' % (c, f)))
      cands.append(('pl', f, u, c))
  R = 'AndyTheFactory+newspaper4k'; c = git(R, 'rev-parse', '1da8e69^').decode().strip()
  urls = git(R, 'show', c + ':tests/data/fulltext_url_list.txt').decode().split()
  for f in sorted(git(R, 'ls-tree', '-r', '--name-only', c, 'tests/data/html').decode().split()):
      m = re.match(r'tests/data/html/(.+?)(\d+)\.html$', f)
      if not m: continue
      d, n = m.group(1), int(m.group(2))
      on = [u for u in urls if re.match(r'https?://([^/]*\.)?' + re.escape(d) + r'(/|$)', u)]
      if len(on) >= n: cands.append(('np', f, on[n - 1], c))
  R = 'ContentMine+norma'; c = head(R)
  for f in git(R, 'ls-tree', '-r', '--name-only', c, 'src/test/resources/org/xmlcml/norma/pubstyle').decode().split('\n'):
      if f.endswith('/fulltext.html') and '/out/' not in f and '/bin/' not in f and 'plosoneMultiple' not in f:
          cands.append(('nm', f, meta_url(git(R, 'show', '%s:%s' % (c, f))), c))
  R = 'internetarchive+sandcrawler'; c = head(R)
  for f in git(R, 'ls-tree', '-r', '--name-only', c, 'python/tests/files').decode().split('\n'):
      if f.endswith('.html'): cands.append(('sc', f, meta_url(git(R, 'show', '%s:%s' % (c, f))), c))
  R = 'adbar+trafilatura'; c = head(R)
  s = git(R, 'show', c + ':tests/realworld_tests.py').decode()
  for u, f in re.findall(r'"(https?://[^"]+)":\s*"([^"]+)"', s): cands.append(('tr', 'tests/cache/' + f, u, c))
  R = 'GeneralNewsExtractor+GeneralNewsExtractor'; c = head(R)
  for f in git(R, 'ls-tree', '-r', '--name-only', c).decode().split('\n'):
      if f.endswith('.html') and f.split('/')[0] in ('tests', 'test', 'visiable_test', 'test_list_page'):
          b = git(R, 'show', '%s:%s' % (c, f))
          cands.append(('gn', f, meta_url(b) or site_url(b, f.split('/')[1]), c))
  R = 'karussell+snacktory'; c = head(R)
  src = git(R, 'show', c + ':src/test/java/de/jetwick/snacktory/ArticleTextExtractorTest.java').decode('utf8', 'replace')
  for t in src.split('@Test')[1:]:
      m = re.search(r'(?:readFileAsString|getResourceAsStream)\("([^"]+\.html)"\)', t)
      if not m: continue
      f = m.group(1) if m.group(1).startswith('test_data/') else 'src/test/resources/de/jetwick/snacktory/' + m.group(1).split('/')[-1]
      us = re.findall(r'//\s*\??\s*(https?://\S+)', t[:m.start()])
      u = us[-1] if us else meta_url(git(R, 'show', '%s:%s' % (c, f)))
      if git(R, 'cat-file', '-t', '%s:%s' % (c, f)): cands.append(('sn', f, u, c))
  for st, R in [('rr', 'rkrzr+dataset-random'), ('rp', 'rkrzr+dataset-popular')]:
      c = head(R)
      for l in git(R, 'show', c + ':mapping.txt').decode('utf8', 'replace').split('\n'):
          m = re.match(r'\s*"(https?://[^"]+)"\s*:\s*"/opt/dataset-[a-z]+/([^"]+)"', l)   # '#' lines were left out by the authors
          if m: cands.append((st, m.group(2) + '.orig', m.group(1), c))
  # round 2
  R = 'chimbori+crux'; c = git(R, 'rev-parse', '365b8965cf37725dc1f05c460fd40b1789a4e673^').decode().strip()  # before the golden pages were removed
  src = git(R, 'show', c + ':src/test/kotlin/com/chimbori/crux/articles/GoldenFilesTest.kt').decode('utf8', 'replace')
  for u, f in re.findall(r'(?:fromFile|extractFromFile)\(\s*"(https?://[^"]+)"(?:\.toHttpUrl\(\))?,\s*"([^"]+\.html)"', src):
      if git(R, 'cat-file', '-t', '%s:test_data/%s' % (c, f)): cands.append(('cx', 'test_data/' + f, u, c))
  R = 'microlinkhq+metascraper'; c = head(R)
  for f in git(R, 'ls-tree', '-r', '--name-only', c, 'packages').decode().split('\n'):
      if '/test/fixtures/' in f and f.endswith('.html'):
          cands.append(('ms', f, meta_url(git(R, 'show', '%s:%s' % (c, f))), c))
  R = 'j-szulc+html-cleaning-dataset-merged'; c = head(R)
  for f in git(R, 'ls-tree', '-r', '--name-only', c, 'page-signal-master/input').decode().split('\n'):
      if f.endswith('.html'):
          b = git(R, 'show', '%s:%s' % (c, f))
          cands.append(('ps', f, meta_url(b) or front_url(b), c))
  # round 3: research project pages (the widely copied Bulma "Nerfies" project-page template), index.html at HEAD
  for R in PP:
      c = head(R)
      if not c or not git(R, 'cat-file', '-t', c + ':index.html'): continue
      owner, repo = R.split('+', 1)
      u = meta_url(git(R, 'show', c + ':index.html'))
      if not u.startswith('http'):
          u = 'https://%s.github.io/' % owner.lower() if repo.lower() == owner.lower() + '.github.io' else 'https://%s.github.io/%s/' % (owner.lower(), repo)
      cands.append(('pp', 'index.html', u, c, R))
  # round 5: recipe-scrapers test pages in languages other than English (recipe pages: a `not` genre, many languages)
  R = 'hhursev+recipe-scrapers'; c = head(R)
  for f in git(R, 'ls-tree', '-r', '--name-only', c, 'tests/test_data').decode().split('\n'):
      if not f.endswith('.json'): continue
      h = f[:-5] + '.testhtml'
      try: d = json.loads(git(R, 'show', '%s:%s' % (c, f)))
      except Exception: continue
      lg = (d.get('language') or '').lower()
      if lg and not lg.startswith('en') and d.get('canonical_url', '').startswith('http') and git(R, 'cat-file', '-t', '%s:%s' % (c, h)):
          cands.append(('rs', h, d['canonical_url'], c))
  json.dump(cands, open('cands.json', 'w'), indent=0)
  import collections
  print(collections.Counter(x[0] for x in cands), 'no url', collections.Counter(x[0] for x in cands if not x[2]))
if __name__ == '__main__': main()
