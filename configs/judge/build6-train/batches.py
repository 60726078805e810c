# batches of id / url / title / first ~700 chars of the extracted text (whitespace collapsed), 25 pages each, pages' order.
# A batch file, once written, is never rewritten (later rounds only add batches).
import json, os
ps = json.load(open('../pages-train6.json'))
os.makedirs('../batches', exist_ok=True)
for b in range(0, len(ps), 25):
    fn = '../batches/train6-%02d.txt' % (b // 25)
    if os.path.exists(fn) and len(open(fn).read().split('\n=== ')) == len(ps[b:b + 25]): continue
    with open(fn, 'w') as f:
        for p in ps[b:b + 25]:
            t = ' '.join(p['text'].split())
            f.write('=== %s\nurl: %s\ntitle: %s\ntext (%d chars): %s\n\n' % (p['id'], p['url'], p['title'], p['chars'], t[:700]))
    print('wrote', fn)
