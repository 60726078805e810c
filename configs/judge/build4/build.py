# pages-test4.json / pages-train4.json from the extractor's output (same schema as judge3's pages files)
import json,collections,hashlib
meta=json.load(open('selected.json'))
bysplit=collections.defaultdict(list); ext={}
for sp in ['test4','train4']:
    for st in ['ce','dn']:
        d=json.load(open('../ext/%s-%s.json'%(sp,st)))
        for k,v in d.items():
            name=k[:-len('.html.gz')] if k.endswith('.html.gz') else (k[:-5] if k.endswith('.html') else k)
            ext['%s/%s'%(st,name)]=v
miss=0
for m in meta:
    v=ext.get(m['id'])
    if v is None: miss+=1; print('missing',m['id']); continue
    t=v.get('articleBody') or ''
    title=(v.get('title') or '')[:300]
    bysplit[m['split']].append(dict(id=m['id'],set=m['id'].split('/')[0],url=m['url'],domain=m['domain'],language=v.get('language') or 'und',title=title,chars=len(t),text=t,split=m['split']))
for sp,ps in bysplit.items():
    ps.sort(key=lambda p:p['id'])
    json.dump(ps,open('../pages-%s.json'%sp,'w'),ensure_ascii=False)
    th=collections.Counter(hashlib.sha1(p['text'].encode()).hexdigest() for p in ps if p['text'])
    print(sp,len(ps),'domains',len({p['domain'] for p in ps}),'empty',sum(1 for p in ps if len(p['text'].strip())<50),'dup-text',sum(v-1 for v in th.values() if v>1),collections.Counter(p['language'] for p in ps).most_common(8))
print('missing',miss)
