# batches of id / url / title / first ~700 chars of the extracted text (whitespace collapsed), 25 pages each, in the
# pages' order (sorted by id). Run in /work/evaldata/judge6/work.
import json, os
ps = json.load(open('../pages-test6.json'))
os.makedirs('../batches', exist_ok=True)
for b in range(0, len(ps), 25):
    with open('../batches/test6-%02d.txt' % (b // 25), 'w') as f:
        for p in ps[b:b + 25]:
            t = ' '.join(p['text'].split())
            f.write('=== %s\nurl: %s\ntitle: %s\ntext (%d chars): %s\n\n' % (p['id'], p['url'], p['title'], p['chars'], t[:700]))
