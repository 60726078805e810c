# Label counts for a judge split (test5, test6, …): per label, per source set, per language (lang-<split>.tsv from lang.py when present, else the extractor's detection),
# and the science base rate at page and registered-domain level (a domain is science if any of its pages is
# labelled science; only domains with a science or not page count). Usage: python3 counts.py SPLIT in the split's folder
# (e.g. test6 in judge6/), which holds pages-SPLIT.json and labels-SPLIT.tsv.
import json, sys, collections
sp = sys.argv[1]
ps = {p['id']: p for p in json.load(open('pages-%s.json' % sp))}
L = [l.rstrip('\n').split('\t') for l in open('labels-%s.tsv' % sp) if l.strip()]
lab = {i: l for i, l, w in L}
assert set(lab) == set(ps), 'labels and pages differ'
kinds = ['science', 'not', 'unsure', 'empty']
def row(name, ids):
    c = collections.Counter(lab[i] for i in ids)
    doms = {ps[i]['regdom'] for i in ids}
    return '| %s | %d | %d | %s |' % (name, len(ids), len(doms), ' | '.join(str(c[k]) for k in kinds))
print('| group | pages | registered domains | ' + ' | '.join(kinds) + ' |'); print('|---' * 7 + '|')
for s in sorted({p['set'] for p in ps.values()}):
    print(row('set ' + s, [i for i in ps if ps[i]['set'] == s]))
print(row('**all**', list(ps)))
print()
import os
key = 'language'
if os.path.exists('lang-%s.tsv' % sp):   # annotator's reading of the language (lang.py), else the extractor's
    for l in open('lang-%s.tsv' % sp):
        f = l.rstrip('\n').split('\t'); ps[f[0]]['lang'] = f[4]
    key = 'lang'; print('(language as read by the annotator, lang-%s.tsv)' % sp)
print('| language | pages | registered domains | ' + ' | '.join(kinds) + ' | science domains / domains with science or not |'); print('|---' * 8 + '|')
bylang = collections.defaultdict(list)
for i in ps: bylang[ps[i][key]].append(i)
for lg, ids in sorted(bylang.items(), key=lambda kv: -len(kv[1])):
    dl = collections.defaultdict(set)
    for i in ids: dl[ps[i]['regdom']].add(lab[i])
    sd = sum(1 for v in dl.values() if 'science' in v); nd = sum(1 for v in dl.values() if v & {'science', 'not'})
    print(row(lg, ids)[:-1] + '| %d / %d |' % (sd, nd))
dl = collections.defaultdict(set)
for i in ps: dl[ps[i]['regdom']].add(lab[i])
sd = sum(1 for v in dl.values() if 'science' in v); nd = sum(1 for v in dl.values() if v & {'science', 'not'})
c = collections.Counter(lab.values())
print('\npage base rate: %d / %d = %.1f %%' % (c['science'], c['science'] + c['not'], 100 * c['science'] / (c['science'] + c['not'])))
print('domain base rate: %d / %d = %.1f %%' % (sd, nd, 100 * sd / nd))
mixed = [d for d, v in dl.items() if 'science' in v and 'not' in v]
print('domains with both science and not pages:', len(mixed), mixed)
