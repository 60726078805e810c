# Page language as read by the annotator, next to the extractor's detection (which the judge sees).
# The extractor's detector has no model for some languages and confuses others (Vietnamese -> it, Zulu -> pt,
# Tagalog -> fr/en, Lithuanian -> cs, Bulgarian -> ru), so per-language figures should use `lang`.
# Overrides below were written while labelling (the language noted in the label's `why`), and for
# empty pages from the URL/title. Writes lang-<split>.tsv: id, set, regdom, extractor_language, lang, url.
import json, sys
OVERRIDE = {
 # test5
 'fu/0597be5f6e03': 'lt', 'fu/80245f1a3961': 'zu', 'fu/95742815b124': 'vi', 'fu/9984920f2aef': 'xh',
 'fu/c2b1c00c6f3c': 'zu', 'fu/c2e96903316b': 'xh', 'fu/dcef88aa367f': 'zu', 'hd/0460b768ff4c': 'tl',
 'hd/22fa12dbb94c': 'sq', 'hd/3ee5163b937f': 'lt', 'hd/4686339b98d9': 'bg', 'hd/55b88f770413': 'tl',
 'hd/709c90deb21c': 'hi', 'hd/a539cceb9dc1': 'sq', 'hd/af9f0aaa6007': 'sr', 'hd/ba94c1262f42': 'gu',
 'hd/cb3654235e41': 'vi', 'hd/eb7a7e430ff0': 'ca', 'hd/f26718daa80b': 'es', 'hd/561265ffe0b6': 'gu',
 'dn/T56': 'en', 'fu/d96d2ba4b7b3': 'de', 'fu/f207e9f2980a': 'ko', 'hd/007df7d9cac7': 'zh',
 'hd/23f142c15a17': 'de', 'hd/46c57002f261': 'en', 'hd/518c5584cae9': 'en', 'hd/890089195228': 'en',
 'hd/c00c1588a0a7': 'he', 'hd/eefc68dce901': 'de',
 # train5
 'fu/77337ac8a6eb': 'is', 'fu/77cf9f806a84': 'sw', 'hd/0fd64cff0b7a': 'hu', 'hd/12fb01bd2feb': 'bs',
 'hd/4095ca24e06b': 'hu', 'hd/6efa3212616e': 'bg', 'hd/0a49aa9f15fd': 'tr', 'hd/206bfc4c3359': 'ko',
 'hd/92038ec6ce0d': 'en', 'hd/5e8eef22f08c': 'en', 'hd/68f8d809a614': 'en', 'hd/a8e07f844732': 'de',
 'ce/f278': 'en', 'ce/f329': 'en',
}
sp = sys.argv[1]
with open('lang-%s.tsv' % sp, 'w') as f:
    for p in json.load(open('pages-%s.json' % sp)):
        f.write('\t'.join([p['id'], p['set'], p['regdom'], p['language'], OVERRIDE.get(p['id'], p['language']), p['url']]) + '\n')
