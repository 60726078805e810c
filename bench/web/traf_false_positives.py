#!/usr/bin/env python3
"""Lists the must-not-have ("without") snippets of trafilatura's evaluation set that an extraction keeps, on the
LOOKED-AT half only (SHA-256 of the page name, low bit 0, as TrafilaturaBench.IsLookedAt): the held-out half is only
ever scored. For each kept snippet: its position in the output relative to the page's must-have snippets (before the
first, between, after the last) and the HTML elements it sits in (nearest seven ancestors, tag#id.class).

Usage: bench/web/traf_false_positives.py PREDICTIONS.json [TRAF_TESTS_DIR]
  PREDICTIONS.json  `curate web extract` output ({name: {articleBody, ...}}), e.g. KEEP=dir bench/web/run.sh -> dir/traf.json
  TRAF_TESTS_DIR    trafilatura's tests/ folder (evaldata.json, cache/, eval/); default /work/evaldata/traf/tests
Standard library only."""
import hashlib
import json
import os
import re
import sys
from html.parser import HTMLParser

VOID = {'br', 'img', 'hr', 'meta', 'link', 'input', 'source', 'wbr', 'area', 'base', 'col', 'embed', 'param', 'track'}


def looked_at(name):
    return hashlib.sha256(name.encode()).digest()[0] & 1 == 0


def norm(s):
    return re.sub(r'\s+', ' ', s).strip()


class Ancestors(HTMLParser):
    """The page's text as runs, each with the stack of elements it sits in."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.runs = [], []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        a = dict(attrs)
        label = tag + ('#' + a['id'] if a.get('id') else '')
        if a.get('class'):
            label += '.' + '.'.join(a['class'].split()[:2])
        self.stack.append((tag, label))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if self.stack and self.stack[-1][0] in ('script', 'style'):
            return
        self.runs.append((data, [label for _, label in self.stack]))


def where(html, snippet):
    p = Ancestors()
    try:
        p.feed(html)
    except Exception:  # a page the standard parser cannot read: position only
        return '?'
    text, starts = '', []
    for data, stack in p.runs:
        starts.append((len(text), stack))
        text += re.sub(r'\s+', ' ', data)
    i = text.find(snippet[:40])
    if i < 0:
        i = text.find(snippet[:15])
    if i < 0:
        return 'not found in the markup (split by tags or entities)'
    stack = None
    for off, s in starts:
        if off > i:
            break
        stack = s
    return ' > '.join((stack or [])[-7:])


def main():
    predictions = json.load(open(sys.argv[1], encoding='utf-8'))
    tests = sys.argv[2] if len(sys.argv) > 2 else '/work/evaldata/traf/tests'
    evaldata = json.load(open(os.path.join(tests, 'evaldata.json'), encoding='utf-8'))
    counts = {'before': 0, 'between': 0, 'after': 0}
    for url, item in sorted(evaldata.items()):
        name = re.sub(r'\.html?$', '', item['file'])
        if not looked_at(name) or name not in predictions:
            continue
        out = norm(predictions[name].get('articleBody') or '')
        kept = [norm(w) for w in item.get('without', []) if norm(w) in out]
        if not kept:
            continue
        musts = [out.find(norm(w)) for w in item.get('with', []) if norm(w) in out]
        first, last = (min(musts), max(musts)) if musts else (-1, -1)
        path = os.path.join(tests, 'cache', item['file'])
        if not os.path.exists(path):
            path = os.path.join(tests, 'eval', item['file'])
        html = open(path, encoding='utf-8', errors='replace').read()
        print(f'## {name} {url} (output {len(out)} chars)')
        for w in kept:
            pos = out.find(w)
            rel = 'after' if pos > last >= 0 else ('before' if 0 <= pos < first else 'between')
            counts[rel] += 1
            print(f'   [{rel} {pos}/{len(out)}] {w[:70]!r}\n       @ {where(html, w)}')
    print(f'kept must-not-have snippets on looked-at pages: {sum(counts.values())} '
          f'(before the first must-have {counts["before"]}, between {counts["between"]}, after the last {counts["after"]})')


if __name__ == '__main__':
    main()
