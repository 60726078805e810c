# Page language as read by the annotator, next to the extractor's detection (which the judge sees). Writes
# lang-test6.tsv: id, set, regdom, extractor_language, lang, url. Run in /work/evaldata/judge6.
# The annotator wrote the language at the head of a label's `why` ("hr: ...") for pages not in English; the overrides
# below are those that differ from the extractor (Croatian and Latvian -> und, Japanese -> pl/und, an English schedule
# -> de), plus empty or boilerplate pages, read from their URL and title.
import json
OVERRIDE = {
 'lg/0e4959c8dd85': 'hr', 'lg/4763a37a2cbe': 'hr', 'lg/4c398904093a': 'hr', 'lg/8fa27d802ecb': 'hr',
 'lg/a217f771763e': 'hr', 'lg/fa67f28d10a6': 'hr', 'n4/2f4fccf3de16': 'lv', 'ms/150a1a1c19e9': 'es',
 'om/46e9fd4782b9': 'zh', 'pl/331dd5fd992d': 'ja', 'pl/7285828b1f68': 'ja', 'pl/c5387bf93df5': 'ja',
 'rd/6b085b32621f': 'ja', 'ms/4fb86c107876': 'es', 'nw/ce10c9717a91': 'en',
 'g3/1423f1a14298': 'en', 'g3/54311d1fe1ba': 'en', 'ms/05b2460d370e': 'en', 'ms/0bbce9b56502': 'en',
 'ms/19687ccd1f4c': 'en', 'ms/6abec7f90558': 'en', 'ms/d5c169acda30': 'en', 'ms/fa990be0f772': 'en',
 'nw/313888882c50': 'en', 'nw/5473688a4364': 'en', 'nw/5d32c691cef4': 'en', 'nw/8997a0cfc922': 'en',
 'nw/f813c638dcad': 'en', 'nw/fa3524f589b5': 'en', 'nw/fb656285537b': 'en', 'om/19066fc5399c': 'en',
 'om/99e6ae4cea75': 'en',
}
with open('lang-test6.tsv', 'w') as f:
    for p in json.load(open('pages-test6.json')):
        f.write('\t'.join([p['id'], p['set'], p['regdom'], p['language'], OVERRIDE.get(p['id'], p['language']), p['url']]) + '\n')
