#!/usr/bin/python3
"""Why the lines margin_lines.py counts as lost are lost. Finds the same lines (unique, 5+ words, top or bottom 12% of a
page, fewer than 80% of their words in that page's markdown), runs `curate parse --removed` on each PDF that has one,
and puts each lost line in one class:
  metric:no-words      the line has no word characters (dot leaders), so the metric can never count it kept
  metric:ligature      kept once both sides are NFKC-folded ("ﬁ" for "fi")
  metric:hyphenation   kept once a word broken at the line end is matched as a piece of a whole word in the markdown
  metric:run-together  the words are in the page's markdown, but spaced differently (joined or split words)
  metric:other-page    kept on the page before or after (text the merge moved across the page turn)
  removed:REASON       taken out as page furniture (REASON as the merge gives it: Repeated, Stamp, PageNumber, ...)
  split:REASON         part of the line went with a block taken out for REASON, the rest is in the page's text
  parse:missing        not in the page's text at all (lost before the merge: words, lines, tables)
Prints 'CLASS COUNT' lines, then the total; with --show also every lost line under its class (only for lists whose lines
may be looked at).
Usage: lost_lines.py PDF_DIR PAGES.jsonl CURATE [--show]"""
import collections, glob, json, os, re, subprocess, sys, unicodedata
import fitz

pdf_dir, pages_file, curate = sys.argv[1], sys.argv[2], sys.argv[3]
show = '--show' in sys.argv[4:]
words = lambda s: re.findall(r'\w+', s.lower())
folded = lambda s: re.findall(r'\w+', unicodedata.normalize('NFKC', s).lower())
norm = lambda x: re.sub(r'\d+', '#', re.sub(r'\s+', ' ', x)).strip()
pages = collections.defaultdict(dict)
for l in open(pages_file, encoding='utf-8'):
    j = json.loads(l)
    pages[os.path.basename(j['source_path'])][j['page_no']] = j['markdown'] or ''


def share(line_words, text_words):
    have = collections.Counter(text_words)
    return sum(1 for x in line_words if have[x]) / max(len(line_words), 1)


def parse_removed(pdf):
    """Page number -> text of the blocks the merge removed, each with its reason."""
    out = subprocess.run([curate, 'parse', '--removed', pdf], capture_output=True, text=True).stdout
    removed, page = collections.defaultdict(list), 0
    for line in out.splitlines():
        m = re.match(r'<!-- page (\d+):', line)
        if m:
            page = int(m.group(1))
            continue
        m = re.match(r'<!-- removed (\w+): (.*) -->$', line)
        if m:
            removed[page].append((m.group(1), m.group(2)))
    return removed


def classify(t, pg, md, removed, neighbours):
    w = words(t)
    if not w:
        return 'metric:no-words'
    if share(folded(t), folded(md)) >= 0.8:
        return 'metric:ligature'
    for reason, text in removed.get(pg, []):
        if share(folded(t), folded(text)) >= 0.8:
            return 'removed:' + reason
    # One printed line the parser split: part of it went with a removed block, the rest is in the page's text.
    for reason, text in removed.get(pg, []):
        if share(folded(t), folded(text)) >= 0.3 and share(folded(t), folded(text) + folded(md)) >= 0.8:
            return 'split:' + reason
    mdw = set(folded(md))
    fw = folded(t)
    # A word cut at a line end ("conti-") is in the markdown whole ("continued"): match the line's first and last
    # word as the end or start of a markdown word.
    pieces = sum(1 for i, x in enumerate(fw) if x in mdw or ((i == 0 or i == len(fw) - 1) and any(y != x and (y.startswith(x) or y.endswith(x)) for y in mdw)))
    if pieces / len(fw) >= 0.8:
        return 'metric:hyphenation'
    squeezed = ''.join(folded(md))
    if ''.join(fw) in squeezed or sum(1 for x in fw if x in squeezed) / len(fw) >= 0.8 and share(fw, folded(md)) >= 0.5:
        return 'metric:run-together'
    if any(share(fw, folded(n)) >= 0.8 for n in neighbours):
        return 'metric:other-page'
    return 'parse:missing'


classes = collections.Counter()
shown = collections.defaultdict(list)
for pdf in sorted(glob.glob(os.path.join(pdf_dir, '*.pdf'))):
    base = os.path.basename(pdf)
    lines = []
    with fitz.open(pdf) as d:
        for i, p in enumerate(d):
            H = p.rect.height
            for b in p.get_text('dict')['blocks']:
                for ln in b.get('lines', []):
                    t = ''.join(sp['text'] for sp in ln['spans']).strip()
                    if t:
                        lines.append((i + 1, t, ln['bbox'][1] / H, ln['bbox'][3] / H))
    freq = collections.Counter(norm(t) for _, t, _, _ in lines)
    lost = []
    for pg, t, a, b in lines:
        if freq[norm(t)] > 1 or len(t.split()) < 5 or not (b < 0.12 or a > 0.88):
            continue
        if share(words(t), words(pages[base].get(pg, ''))) < 0.8:
            lost.append((pg, t))
    if not lost:
        continue
    removed = parse_removed(pdf)
    for pg, t in lost:
        md = pages[base].get(pg, '')
        c = classify(t, pg, md, removed, [pages[base].get(pg - 1, ''), pages[base].get(pg + 1, '')])
        classes[c] += 1
        shown[c].append(f'{base} p{pg}: {t[:110]}')

for c, n in sorted(classes.items()):
    print(c, n)
    if show:
        for x in shown[c]:
            print('   ', x)
print('lost', sum(classes.values()))
