#!/usr/bin/python3
"""Lines of body text near page edges that the cheap path keeps: for every PDF in DIR, the lines (PyMuPDF geometry)
of at least 5 words that appear once in the document and lie in the top or bottom 12% of their page; a line counts as
kept when 80% of its words occur in that page's markdown in pdf_pages. Prints 'kept K of N (share)' last.
This copy folds both sides with NFKC, so a ligature glyph (U+FB00 "ﬀ") matches the letters it stands for;
otherwise it is shared/tools/margin_lines.py unchanged.
Usage: margin_lines_nfkc.py PDF_DIR PAGES.jsonl   (PAGES.jsonl: source_path, page_no, markdown; DuckDB COPY ... FORMAT JSON)"""
import re, os, glob, json, collections, sys, unicodedata
import fitz
pdf_dir, pages_file = sys.argv[1], sys.argv[2]
words = lambda s: re.findall(r"\w+", unicodedata.normalize("NFKC", s).lower())
pages = collections.defaultdict(dict)
for l in open(pages_file):
    j = json.loads(l); pages[os.path.basename(j['source_path'])][j['page_no']] = j['markdown'] or ''
norm = lambda x: re.sub(r'\d+', '#', re.sub(r'\s+', ' ', x)).strip()
kept = total = 0; lost = []
for pdf in sorted(glob.glob(os.path.join(pdf_dir, '*.pdf'))):
    base = os.path.basename(pdf); lines = []
    with fitz.open(pdf) as d:
        for i, p in enumerate(d):
            H = p.rect.height
            for b in p.get_text('dict')['blocks']:
                for ln in b.get('lines', []):
                    t = ''.join(sp['text'] for sp in ln['spans']).strip()
                    if t: lines.append((i + 1, t, ln['bbox'][1] / H, ln['bbox'][3] / H))
    freq = collections.Counter(norm(t) for _, t, _, _ in lines)
    for pg, t, a, b in lines:
        if freq[norm(t)] > 1 or len(t.split()) < 5 or not (b < 0.12 or a > 0.88): continue
        have = collections.Counter(words(pages[base].get(pg, ''))); w = words(t)
        ok = sum(1 for x in w if have[x]) / max(len(w), 1) >= 0.8
        kept += ok; total += 1
        if not ok: lost.append(f'{base} p{pg}: {t[:100]}')
for x in lost: print('lost', x)
print(f'kept {kept} of {total} ({kept / max(total, 1):.3f})')
