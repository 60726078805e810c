# lang-train6.tsv: id, set, regdom, extractor_language, lang, url -- `lang` = the page's language as read by the annotator
# (the `(xx)` ending each label's why in labels-train6.tsv), next to the extractor's detection that the judge sees.
# Usage: python3 lang.py (in /work/evaldata/judge6-train); writes lang-train6.tsv beside this script.
import json, os, re
HERE = os.path.dirname(os.path.abspath(__file__))
lab = {}
for l in open(os.path.join(HERE, '..', 'labels-train6.tsv')):
    i, _, w = l.rstrip('\n').split('\t')
    m = re.search(r'\(([a-z]{2,3})\)\s*$', w)
    lab[i] = m.group(1) if m else 'und'
with open(os.path.join(HERE, 'lang-train6.tsv'), 'w') as f:
    for p in json.load(open('pages-train6.json')):
        if p['id'] in lab:
            f.write('\t'.join([p['id'], p['set'], p['regdom'], p['language'], lab[p['id']], p['url']]) + '\n')
