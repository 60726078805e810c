#!/usr/bin/python3
"""The edge-line metric's ceiling: pdftotext's text (which removes no header, footer or stamp) in place of ours.
Writes DIR/in/<n>-<name>.pdf (the same names run.sh gives) and DIR/pages.jsonl (source_path, page_no, markdown: one
row per page, pages split at pdftotext's form feeds), then score it as run.sh scores curate:
    pdftotext_pages.py LIST DIR && /usr/bin/python3 ../shared/tools/margin_lines.py DIR/in DIR/pages.jsonl | tail -1"""
import json, os, shutil, subprocess, sys

listing, out = sys.argv[1], sys.argv[2]
os.makedirs(os.path.join(out, 'in'), exist_ok=True)
with open(os.path.join(out, 'pages.jsonl'), 'w') as pages:
    for n, path in enumerate([line.strip() for line in open(listing) if line.strip()], 1):
        name = f'{n}-{os.path.basename(path)}'
        shutil.copy(path, os.path.join(out, 'in', name))
        text = subprocess.run(['pdftotext', path, '-'], capture_output=True, text=True, errors='replace').stdout
        for page_no, page in enumerate(text.split('\f'), 1):
            pages.write(json.dumps({'source_path': name, 'page_no': page_no, 'markdown': page}) + '\n')
