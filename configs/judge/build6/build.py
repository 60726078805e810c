# pages-test6.json from the extractor's output (judge5 schema): {id, set, url, domain, regdom, language, title, chars,
# text, split}; text = articleBody of `curate web extract --markdown`, language = the extractor's detected language,
# title = its title ("" when none), chars = len(text). Run in /work/evaldata/judge6/work.
import json, collections, hashlib, glob, os
meta = json.load(open('selected.json'))
ext = {}
for f in sorted(glob.glob('../ext/test6-*.json')):
    st = os.path.basename(f)[len('test6-'):-len('.json')]
    for k, v in json.load(open(f)).items():
        name = k[:-len('.html.gz')] if k.endswith('.html.gz') else k
        ext['%s/%s' % (st, name)] = v
ps, miss = [], 0
for m in meta:
    v = ext.get(m['id'])
    if v is None: miss += 1; print('missing', m['id']); continue
    t = v.get('articleBody') or ''
    ps.append(dict(id=m['id'], set=m['src'], url=m['url'], domain=m['domain'], regdom=m['regdom'],
        language=v.get('language') or 'und', title=(v.get('title') or '')[:300], chars=len(t), text=t, split=m['split']))
ps.sort(key=lambda p: p['id'])
json.dump(ps, open('../pages-test6.json', 'w'), ensure_ascii=False)
th = collections.Counter(hashlib.sha1(p['text'].encode()).hexdigest() for p in ps if p['text'])
print('test6', len(ps), 'regdoms', len({p['regdom'] for p in ps}), 'empty', sum(1 for p in ps if len(p['text'].strip()) < 50),
      'dup-text', sum(v - 1 for v in th.values() if v > 1), collections.Counter(p['language'] for p in ps).most_common())
print('missing', miss)
