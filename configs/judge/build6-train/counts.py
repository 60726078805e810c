# Label counts for train6: per label, per source set, per language as read by the annotator (the `(xx)` at the end of
# each label's why), and the science base rate at page and registered-domain level (a domain is science if any of its
# pages is). Only labelled pages count (labelling goes batch by batch). Usage: python3 counts.py (in judge6-train/).
import json, collections, re, os
HERE = os.path.dirname(os.path.abspath(__file__))
ps = {p['id']: p for p in json.load(open('pages-train6.json'))}
L = [l.rstrip('\n').split('\t') for l in open(os.path.join(HERE, '..', 'labels-train6.tsv')) if l.strip()]
lab = {i: l for i, l, w in L}
lang = {i: (re.search(r'\(([a-z]{2,3})\)\s*$', w) or re.search(r'(und)', 'und')).group(1) for i, l, w in L}
assert set(lab) <= set(ps), 'labels for pages not in pages-train6.json: %s' % sorted(set(lab) - set(ps))[:5]
ids = [i for i in ps if i in lab]
kinds = ['science', 'not', 'unsure', 'empty']
def row(name, ids):
    c = collections.Counter(lab[i] for i in ids)
    dl = collections.defaultdict(set)
    for i in ids: dl[ps[i]['regdom']].add(lab[i])
    sd = sum(1 for v in dl.values() if 'science' in v); nd = sum(1 for v in dl.values() if v & {'science', 'not'})
    return '| %s | %d | %d | %s | %d / %d |' % (name, len(ids), len(dl), ' | '.join(str(c[k]) for k in kinds), sd, nd)
hdr = '| %s | pages | registered domains | ' + ' | '.join(kinds) + ' | science domains / domains with science or not |'
print(hdr % 'set'); print('|---' * 8 + '|')
for s in sorted({ps[i]['set'] for i in ids}): print(row(s, [i for i in ids if ps[i]['set'] == s]))
print(row('**all**', ids)); print()
print(hdr % 'language (annotator)'); print('|---' * 8 + '|')
byl = collections.defaultdict(list)
for i in ids: byl[lang[i]].append(i)
for lg, xs in sorted(byl.items(), key=lambda kv: (-len(kv[1]), kv[0])): print(row(lg, xs))
