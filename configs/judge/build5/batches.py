# batches of id / url / title / first ~700 chars of the extracted text (whitespace collapsed), 25 pages each, pages' order
import json
for sp in ['test5', 'train5']:
    ps = json.load(open('../pages-%s.json' % sp))
    for b in range(0, len(ps), 25):
        with open('../batches/%s-%02d.txt' % (sp, b // 25), 'w') as f:
            for p in ps[b:b + 25]:
                t = ' '.join(p['text'].split())
                f.write('=== %s\nurl: %s\ntitle: %s\ntext (%d chars): %s\n\n' % (p['id'], p['url'], p['title'], p['chars'], t[:700]))
