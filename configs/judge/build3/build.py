import json,collections,hashlib
meta=json.load(open('selected.json'))
bysplit=collections.defaultdict(list)
setname={'tj':'tj','ced':'ce','cef':'ce','dn':'dn','zh':'zh','warc':'warc'}
ext={}
for sp in ['test3','train3']:
    for st in ['tj','ce','dn','zh','warc']:
        d=json.load(open('../ext/%s-%s.json'%(sp,st)))
        for k,v in d.items():
            name=k[:-len('.html.gz')] if k.endswith('.html.gz') else k.rsplit('.',1)[0]
            ext['%s/%s'%(st,name)]=v
miss=0
for m in meta:
    v=ext.get(m['id'])
    if v is None: miss+=1; print('missing',m['id']); continue
    t=v.get('articleBody') or ''
    title=v.get('title') or ''
    if len(title)>300: title=title[:300]
    bysplit[m['split']].append(dict(id=m['id'],set=m['id'].split('/')[0],url=m['url'],domain=m['domain'],language=v.get('language') or 'und',title=title,chars=len(t),text=t,split=m['split']))
for sp,ps in bysplit.items():
    ps.sort(key=lambda p:p['id'])
    json.dump(ps,open('../pages-%s.json'%sp,'w'),ensure_ascii=False)
    th=collections.Counter(hashlib.sha1(p['text'].encode()).hexdigest() for p in ps if p['text'])
    print(sp,len(ps),'domains',len({p['domain'] for p in ps}),'empty',sum(1 for p in ps if len(p['text'].strip())<50),'dup-text',sum(v-1 for v in th.values() if v>1),collections.Counter(p['language'] for p in ps).most_common(8))
print('missing',miss)
# extras for train3 only: openly licensed (CC BY) BioMed Central research articles from cleaneval-final,
# chosen by topic (science) and licence, not part of the natural mix; set = 'extra'
d=json.load(open('../ext/train3-extra-bmc.json'))
ps=json.load(open('../pages-train3.json'))
for k,v in sorted(d.items()):
    t=v.get('articleBody') or ''
    ps.append(dict(id='extra/bmc-'+k.split('.')[0].split('-')[1],set='extra',url=v['url'],domain='biomedcentral.com',language=v.get('language') or 'und',title=v.get('title') or '',chars=len(t),text=t,split='train3'))
json.dump(ps,open('../pages-train3.json','w'),ensure_ascii=False)
print('train3 with extras',len(ps))
