"""Summarises bench/intake/run.sh's outputs: decoding changes with mojibake markers, language accuracy."""
import sys, os, re
from collections import Counter

work, excluded_file = sys.argv[1], sys.argv[2]
excluded = {l.strip() for l in open(excluded_file) if l.strip()} if os.path.exists(excluded_file) else set()


def table(f):
    return {r[0]: r for r in (l.rstrip('\n').split('\t') for l in open(f)) if r[0] != 'key'}


a, b = table(f'{work}/decode-old.tsv'), table(f'{work}/decode-new.tsv')
changed = [k for k in a if k in b and a[k][6] != b[k][6]]
print(f'== decoding: {len(a)} pages, changed on {len(changed)}')
for k in changed:
    o, n = a[k], b[k]
    print(f'  {k[-70:]:70s} {o[1]:>13s} -> {n[1]:<13s} "â€" {o[2]}->{n[2]}  Ã/Â {o[3]}->{n[3]}  U+FFFD {o[4]}->{n[4]}')
for name, col in (('"â€"', 2), ('Ã/Â pairs', 3), ('U+FFFD', 4)):
    print(f'  {name}: changed pages {sum(int(a[k][col]) for k in changed)} -> {sum(int(b[k][col]) for k in changed)}, '
          f'all pages {sum(int(r[col]) for r in a.values())} -> {sum(int(r[col]) for r in b.values())}')


def lang(files):
    c = Counter()
    for f in files:
        for l in open(f):
            _, e, g = l.split('\t')[:3]
            c['right' if g == e else 'und' if g == 'und' else 'wrong'] += 1
    n = sum(c.values())
    return f"n={n} right={c['right']} ({c['right'] / n:.3f}) und={c['und']} ({c['und'] / n:.3f}) wrong={c['wrong']} ({c['wrong'] / n:.3f})"


print('== language vs the annotator (judge5; tuned on)')
for v in ('old', 'new'):
    for s in ('test5', 'train5'):
        print(f'  {v} {s}: {lang([f"{work}/lang-{v}-{s}.tsv"])}')
    print(f'  {v} both: {lang([f"{work}/lang-{v}-{s}.tsv" for s in ("test5", "train5")])}')


def group(key):
    for g in ('fundus', 'htmldate', 'wcxb', 'traf'):
        if g in key:
            return g
    return 'other'


print('== language vs <html lang> on pages not in judge5 (not tuned on; the declaration itself is sometimes wrong)')
for v in ('old', 'new'):
    by = {}
    for l in open(f'{work}/langhtml-{v}.tsv'):
        key, declared, got = l.split('\t')[:3]
        m = re.search(r'/wcxb/dev/html/(\d+)\.html', key)
        if declared == '-' or (m and m.group(1) in excluded):
            continue
        for g in (group(key), 'all', 'all non-en' if declared != 'en' else None):
            if g:
                c = by.setdefault(g, Counter())
                c['agree' if got == declared else 'und' if got == 'und' else 'differ'] += 1
    for g, c in by.items():
        n = sum(c.values())
        print(f"  {v} {g:10s} n={n} agree={c['agree']} ({c['agree'] / n:.3f}) und={c['und']} differ={c['differ']} ({c['differ'] / n:.3f})")
