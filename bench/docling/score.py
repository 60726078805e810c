#!/usr/bin/python3
"""Scores Markdown against docling's groundtruth Markdown, per document and as a mean.
word_f1: F1 of the two bags of words (multisets); order: 1 - word-level Levenshtein distance / length of the longer
sequence (a word out of place costs its deletion and insertion). Words are \\w+ runs after Unicode NFC and case folding;
Markdown syntax (table rules, '#', HTML comments such as '<!-- image -->') carries no words and so no weight.
Every side (groundtruth, curate, pdftotext, ...) is compared as rendered text: a CommonMark backslash escape ('\\_')
reads as the character it escapes and an HTML entity ('&amp;') as its character, outside code, so 'A\\_B' in the
groundtruth and 'A_B' in a tool's output are the same word. --syntax scores the raw Markdown instead (the metric
before this rendering; escapes then split words).
Usage: score.py [--syntax] GROUNDTRUTH_DIR NAME=DIR [NAME=DIR ...]   (each DIR holds <doc>.md for the docs it read)"""
import collections, html, os, re, sys, unicodedata

_COMMENT = re.compile(r'<!--.*?-->', re.S)
_WORD = re.compile(r'\w+')
# CommonMark: a backslash before ASCII punctuation is an escape; code spans and fenced/indented code keep it.
_ESCAPE = re.compile(r'\\([!-/:-@\[-`{-~])')
_FENCE = re.compile(r'^ {0,3}(`{3,}|~{3,})')
_CODE_SPAN = re.compile(r'(`+)(.+?)\1', re.S)
_ENTITY = re.compile(r'&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});')


def render(markdown):
    """The text a CommonMark reader shows for escapes and entities; other syntax carries no \\w and is left alone."""
    out, fence = [], None
    for line in markdown.split('\n'):
        opened = _FENCE.match(line)
        if fence is not None:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
            out.append(line)
            continue
        if opened:
            fence = opened.group(1)
            out.append(line)
            continue
        out.append(_render_inline(line))
    return '\n'.join(out)


def _render_inline(line):
    parts, last = [], 0
    for span in _CODE_SPAN.finditer(line):
        parts.append(_unescape(line[last:span.start()]))
        parts.append(span.group(0))
        last = span.end()
    parts.append(_unescape(line[last:]))
    return ''.join(parts)


def _unescape(text):
    text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    return _ESCAPE.sub(r'\1', text)


def words(markdown, rendered=True):
    markdown = _COMMENT.sub(' ', markdown)
    if rendered:
        markdown = render(markdown)
    text = unicodedata.normalize('NFC', markdown).casefold()
    return _WORD.findall(text)


def word_f1(truth, predicted):
    if not truth and not predicted:
        return 1.0
    common = sum((collections.Counter(truth) & collections.Counter(predicted)).values())
    if common == 0:
        return 0.0
    precision, recall = common / len(predicted), common / len(truth)
    return 2 * precision * recall / (precision + recall)


def levenshtein(a, b):
    """Edit distance between two sequences, bit-parallel (Myers 1999, Hyyrö 2001): one pass over b."""
    if len(a) < len(b):
        a, b = b, a
    m = len(a)
    if m == 0:
        return len(b)
    if not b:
        return m
    peq = {}
    for i, token in enumerate(a):
        peq[token] = peq.get(token, 0) | (1 << i)
    mask, high = (1 << m) - 1, 1 << (m - 1)
    pv, mv, score = mask, 0, m
    for token in b:
        eq = peq.get(token, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = (mv | ~(xh | pv)) & mask
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        ph = ((ph << 1) | 1) & mask
        mh = (mh << 1) & mask
        pv = (mh | ~(xv | ph)) & mask
        mv = ph & xv
    return score


def order_score(truth, predicted):
    longest = max(len(truth), len(predicted))
    return 1.0 if longest == 0 else 1.0 - levenshtein(truth, predicted) / longest


def main(argv):
    rendered = '--syntax' not in argv
    argv = [arg for arg in argv if arg != '--syntax']
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    truth_dir, tools = argv[1], [arg.split('=', 1) for arg in argv[2:]]
    docs = sorted(f[:-3] for f in os.listdir(truth_dir) if f.endswith('.md'))
    header = f"{'document':<28}" + ''.join(f'{name + " F1":>16}{name + " order":>18}' for name, _ in tools)
    print(header)
    sums = collections.defaultdict(float)
    for doc in docs:
        truth = words(open(os.path.join(truth_dir, doc + '.md'), encoding='utf-8').read(), rendered)
        row = f'{doc:<28}'
        for name, folder in tools:
            path = os.path.join(folder, doc + '.md')
            if not os.path.exists(path):
                row += f'{"-":>16}{"-":>18}'
                continue
            predicted = words(open(path, encoding='utf-8').read(), rendered)
            f1, order = word_f1(truth, predicted), order_score(truth, predicted)
            sums[name, 'f1'] += f1
            sums[name, 'order'] += order
            sums[name, 'n'] += 1
            row += f'{f1:>16.3f}{order:>18.3f}'
        print(row)
    row = f'{"mean":<28}'
    for name, _ in tools:
        n = sums[name, 'n'] or 1
        row += f'{sums[name, "f1"] / n:>16.3f}{sums[name, "order"] / n:>18.3f}'
    print(row)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
