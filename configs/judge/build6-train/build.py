# pages-train6.json from the extractor's output (schema of judge5: {id, set, url, domain, regdom, language, title, chars,
# text, split} plus `round`); text = articleBody of `curate web extract --markdown`, language = its detection,
# title = its title ("" when none). Pages keep selected.json's order (round by round), so later rounds append.
# Run in /work/evaldata/judge6-train/work after extracting every src/<set> folder to ext/r<round>-<set>.json.
import json, glob, os, collections, hashlib
meta = json.load(open('selected.json'))
ext = {}
for f in glob.glob('../ext/r*-*.json'):
    st = os.path.basename(f)[:-5].split('-', 1)[1]
    for k, v in json.load(open(f)).items():
        name = k[:-len('.html.gz')] if k.endswith('.html.gz') else k
        ext['%s/%s' % (st, name)] = v
ps, miss = [], 0
for m in meta:
    v = ext.get(m['id'])
    if v is None: miss += 1; print('missing', m['id']); continue
    t = v.get('articleBody') or ''
    ps.append(dict(id=m['id'], set=m['src'], url=m['url'], domain=m['domain'], regdom=m['regdom'], language=v.get('language') or 'und',
                   title=(v.get('title') or '')[:300], chars=len(t), text=t, split='train6', round=m.get('round', 1)))
json.dump(ps, open('../pages-train6.json', 'w'), ensure_ascii=False)
th = collections.Counter(hashlib.sha1(p['text'].encode()).hexdigest() for p in ps if p['text'])
print(len(ps), 'regdoms', len({p['regdom'] for p in ps}), 'empty', sum(1 for p in ps if len(p['text'].strip()) < 50),
      'dup-text', sum(v - 1 for v in th.values() if v > 1), collections.Counter(p['language'] for p in ps).most_common(), 'missing', miss)
