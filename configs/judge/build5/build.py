# pages-test5.json / pages-train5.json from the extractor's output (judge3/judge4 schema plus `regdom` and `src`):
# {id, set, url, domain, regdom, language, title, chars, text, split}; text = articleBody of `curate web extract --markdown`,
# language = the extractor's detected language, title = its title ("" when none), chars = len(text).
import json, collections, hashlib
meta = json.load(open('selected.json'))
ext = {}
for sp in ['test5', 'train5']:
    for st in ['ce', 'dn', 'fu', 'hd']:
        for k, v in json.load(open('../ext/%s-%s.json' % (sp, st))).items():
            name = k[:-len('.html.gz')] if k.endswith('.html.gz') else k
            ext['%s/%s' % (st, name)] = v
bysplit = collections.defaultdict(list); miss = 0
for m in meta:
    v = ext.get(m['id'])
    if v is None: miss += 1; print('missing', m['id']); continue
    t = v.get('articleBody') or ''
    bysplit[m['split']].append(dict(id=m['id'], set=m['src'], url=m['url'], domain=m['domain'], regdom=m['regdom'],
        language=v.get('language') or 'und', title=(v.get('title') or '')[:300], chars=len(t), text=t, split=m['split']))
for sp, ps in bysplit.items():
    ps.sort(key=lambda p: p['id'])
    json.dump(ps, open('../pages-%s.json' % sp, 'w'), ensure_ascii=False)
    th = collections.Counter(hashlib.sha1(p['text'].encode()).hexdigest() for p in ps if p['text'])
    print(sp, len(ps), 'regdoms', len({p['regdom'] for p in ps}), 'empty', sum(1 for p in ps if len(p['text'].strip()) < 50),
          'dup-text', sum(v - 1 for v in th.values() if v > 1), collections.Counter(p['language'] for p in ps).most_common())
print('missing', miss)
