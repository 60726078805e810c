#!/usr/bin/python3
"""Picks a held-out list by a rule fixed before anything is measured on it: every PDF under the given folders with 3 to
120 pages that opens without a password, whose bytes are not those of a PDF in any of the EXISTING lists, one path per
content (the first in path order), taken in md5 order of the path; the first N.
Usage: pick_list.py N EXISTING_LIST... -- FOLDER...   (prints the list)"""
import hashlib, os, sys
import fitz

args = sys.argv[1:]
n, cut = int(args[0]), args.index('--')
existing, folders = args[1:cut], args[cut + 1:]
content = lambda p: hashlib.md5(open(p, 'rb').read()).hexdigest()
used = {content(p.strip()) for f in existing for p in open(f) if p.strip() and os.path.exists(p.strip())}
pool = {}
for folder in folders:
    for root, _, files in os.walk(folder):
        for name in files:
            path = os.path.join(root, name)
            if not name.lower().endswith('.pdf') or os.path.islink(path):
                continue
            try:
                with fitz.open(path) as d:
                    if d.needs_pass or not 3 <= len(d) <= 120:
                        continue
            except Exception:
                continue
            key = content(path)
            if key not in used and (key not in pool or path < pool[key]):
                pool[key] = path
for path in sorted(pool.values(), key=lambda p: hashlib.md5(p.encode()).hexdigest())[:n]:
    print(path)
