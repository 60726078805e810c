#!/usr/bin/python3
"""The other side of the edge-line metric: running headers and footers should go. For every PDF in DIR, the lines
(PyMuPDF geometry) in the top or bottom 12% of a page whose text, digits aside, recurs in those bands on at least three
pages and 40% of the document's pages; one counts as removed when its words (as a phrase) are not in that page's
markdown in pdf_pages. Prints 'removed R of N (share)' last.
Usage: repeated_lines.py PDF_DIR PAGES.jsonl"""
import collections, glob, json, os, re, sys
import fitz

pdf_dir, pages_file = sys.argv[1], sys.argv[2]
phrase = lambda s: ' '.join(re.findall(r'\w+', s.lower()))
norm = lambda s: re.sub(r'\d+', '#', phrase(s))
pages = collections.defaultdict(dict)
for line in open(pages_file, encoding='utf-8'):
    row = json.loads(line)
    pages[os.path.basename(row['source_path'])][row['page_no']] = ' ' + phrase(row['markdown'] or '') + ' '
removed = total = 0
kept = []
for pdf in sorted(glob.glob(os.path.join(pdf_dir, '*.pdf'))):
    base = os.path.basename(pdf)
    lines = []
    with fitz.open(pdf) as d:
        count = len(d)
        for i, p in enumerate(d):
            height = p.rect.height
            for b in p.get_text('dict')['blocks']:
                for ln in b.get('lines', []):
                    t = ''.join(sp['text'] for sp in ln['spans']).strip()
                    top, bottom = ln['bbox'][1] / height, ln['bbox'][3] / height
                    if re.search(r'[^\W\d_]{2}', t) and (bottom < 0.12 or top > 0.88):
                        lines.append((i + 1, t))
    on_pages = collections.defaultdict(set)
    for pg, t in lines:
        on_pages[norm(t)].add(pg)
    needed = max(3, 0.4 * count)
    for pg, t in lines:
        if len(on_pages[norm(t)]) < needed or pg not in pages[base]:
            continue
        total += 1
        if (' ' + phrase(t) + ' ') in pages[base][pg]:
            kept.append(f'{base} p{pg}: {t[:100]}')
        else:
            removed += 1
for k in kept:
    print('kept', k)
print(f'removed {removed} of {total} ({removed / max(total, 1):.3f})')
