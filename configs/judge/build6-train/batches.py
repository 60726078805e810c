# batches of id / url / title / first ~700 chars of the extracted text (whitespace collapsed), 25 pages each, in the
# pages' order. Written batch files are never rewritten: pages that are in no batch file yet go to new files numbered
# after the last one (so a round of new sources starts a new batch).
import json, os, glob, re
ps = json.load(open('../pages-train6.json'))
os.makedirs('../batches', exist_ok=True)
done, last = set(), -1
for fn in sorted(glob.glob('../batches/train6-*.txt')):
    done |= set(re.findall(r'^=== (\S+)$', open(fn).read(), re.M)); last = max(last, int(fn[-6:-4]))
todo = [p for p in ps if p['id'] not in done]
for b in range(0, len(todo), 25):
    last += 1
    fn = '../batches/train6-%02d.txt' % last
    with open(fn, 'w') as f:
        for p in todo[b:b + 25]:
            t = ' '.join(p['text'].split())
            f.write('=== %s\nurl: %s\ntitle: %s\ntext (%d chars): %s\n\n' % (p['id'], p['url'], p['title'], p['chars'], t[:700]))
    print('wrote', fn, len(todo[b:b + 25]))
