"""Scores text outputs against the filled form values a viewer shows (form_values.py's JSON lines).

Values of fewer than 3 non-space characters ("a", "0") are left out: a substring that short is found anywhere.
Per tool: values found (whitespace-insensitive substring), values written more often than the page text itself says
them (more copies than max(1, pdftotext's count): a value written twice), and "[x]" marks against checked boxes.
Usage: score.py VALUES.jsonl NAME=DIR [NAME=DIR ...]   (DIR holds <pdf-name>.md per PDF)
"""
import json
import os
import re
import sys


def norm(text):
    return re.sub(r"\s+", " ", text).strip()


rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
MIN_CHARS = 3
for r in rows:
    r["text"] = [v for v in r.get("text", []) if len(re.sub(r"\s", "", v)) >= MIN_CHARS]
rows = [r for r in rows if "error" not in r and (r["text"] or r["checked"])]
tools = [a.split("=", 1) for a in sys.argv[2:]]
baseline = dict(tools).get("pdftotext")
print(f"{len(rows)} PDFs with filled values, {sum(len(r['text']) for r in rows)} text values, {sum(r['checked'] for r in rows)} checked boxes")
print(f"{'tool':<12} {'found':>12} {'twice':>6} {'[x] marks':>10}")
for name, folder in tools:
    found = twice = marks = 0
    missing = []
    for r in rows:
        stem = os.path.splitext(os.path.basename(r["pdf"]))[0]
        path = os.path.join(folder, stem + ".md")
        text = norm(open(path, encoding="utf-8", errors="replace").read()) if os.path.exists(path) else ""
        base = norm(open(os.path.join(baseline, stem + ".md"), encoding="utf-8", errors="replace").read()) if baseline and os.path.exists(os.path.join(baseline, stem + ".md")) else ""
        for v in r["text"]:
            v = norm(v)
            if v in text:
                found += 1
                if text.count(v) > max(1, base.count(v)):
                    twice += 1
            else:
                missing.append((stem, v[:60]))
        marks += text.count("[x]")
    total = sum(len(r["text"]) for r in rows)
    print(f"{name:<12} {found:>5}/{total:<6} {twice:>6} {marks:>10}")
    if os.environ.get("SHOW_MISSING"):
        for m in missing:
            print("   missing", m)
