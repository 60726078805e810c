"""Hostile-input generator for `curate run` (issue 15). Writes one folder per kind of input under OUT and, for every
WARC/JSONL input, OUT/expect.json: what a perfect reader accounts for (good URLs that must come out `ok`, and the
number of records/lines that must come out `failed`). Seeded: the same seed gives the same bytes.

    python3 gen.py OUT [--seed N] [--count N] [--pdf-dir DIR] [--big]

--count: mutated inputs per kind (default 20). --big adds the issue's huge cases (4 GiB JSONL gzip bomb, 3 GiB HTTP
gzip body, 2 million sibling elements, a 200 MB page, 1-4 GB PDF Flate bombs); without it they are scaled down.
"""
import argparse, functools, gzip, io, json, os, random, struct, zlib

def http(body, ctype='text/html; charset=utf-8', extra=b''):
    return b'HTTP/1.1 200 OK\r\nContent-Type: ' + ctype.encode() + b'\r\n' + extra + b'Content-Length: ' + str(len(body)).encode() + b'\r\n\r\n' + body

def page(url, words=120, rng=None):
    rng = rng or random
    text = ' '.join(rng.choice(['the', 'protein', 'folding', 'energy', 'model', 'data', 'sample', 'cell', 'theory', 'results']) for _ in range(words))
    return f'<!doctype html><html><head><title>{url}</title></head><body><article><h1>Study {url}</h1><p>{text}.</p><p>{text}.</p></article></body></html>'.encode()

def record(url, payload, wtype='response', length=None, ctype='application/http; msgtype=response'):
    head = (f'WARC/1.0\r\nWARC-Type: {wtype}\r\nWARC-Target-URI: {url}\r\nWARC-Date: 2024-01-01T00:00:00Z\r\n'
            f'WARC-Record-ID: <urn:uuid:{zlib.crc32(url.encode()):012d}>\r\nContent-Type: {ctype}\r\n'
            f'Content-Length: {len(payload) if length is None else length}\r\n\r\n').encode()
    return head + payload + b'\r\n\r\n'

def gz(data, level=6):
    return gzip.compress(data, compresslevel=level, mtime=0)

@functools.lru_cache(maxsize=None)
def zeros_gzip(n, chunk=1 << 22, byte=b' '):
    """A gzip member of n copies of one byte, compressed as it streams (~1 MB per GiB)."""
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode='wb', compresslevel=9, mtime=0) as g:
        block = byte * chunk
        left = n
        while left > 0:
            g.write(block[:min(left, chunk)])
            left -= chunk
    return out.getvalue()

@functools.lru_cache(maxsize=None)
def zlib_of(n, byte=b' ', chunk=1 << 22):
    c = zlib.compressobj(9)
    parts, block, left = [], byte * chunk, n
    while left > 0:
        parts.append(c.compress(block[:min(left, chunk)]))
        left -= chunk
    parts.append(c.flush())
    return b''.join(parts)

# ---------------------------------------------------------------- WARC

def warc_case(rng, kind, i, big):
    """Returns (bytes, gzip-per-record?, expect) for one mutated WARC."""
    n = rng.randint(3, 12)
    urls = [f'https://fuzz{i}.example.org/{kind}/{j}' for j in range(n)]
    recs = [record(u, http(page(u, rng=rng))) for u in urls]
    good = list(urls)
    failed = 0
    k = rng.randrange(n)
    bad_url = f'https://fuzz{i}.example.org/{kind}/bad'
    if kind == 'length-huge':
        recs.insert(k, record(bad_url, http(page(bad_url, rng=rng)), length=rng.choice([99_999_999_999, 2**63 - 1, 10**30, -5, 'abc'])))
        failed = 1
    elif kind == 'length-short':
        body = http(page(bad_url, rng=rng))
        recs.insert(k, record(bad_url, body, length=max(0, len(body) - rng.randint(1, 200))))
        failed = 1
    elif kind == 'length-long':
        body = http(page(bad_url, rng=rng))
        recs.insert(k, record(bad_url, body, length=len(body) + rng.randint(1, 5000)))
        failed = 1  # the following record(s) may be swallowed by the block: still found by resync
    elif kind == 'garbage-before':
        junk = rng.randbytes(rng.randint(1, 300)).replace(b'WARC/1.', b'XXXX')
        recs[k] = junk + recs[k]
        failed = 1
    elif kind == 'http-gzip-bomb':
        size = (3 << 30) if big else (200 << 20)
        body = http(zeros_gzip(size), extra=b'Content-Encoding: gzip\r\n')
        recs.insert(k, record(bad_url, body))
        failed = 1
    elif kind == 'truncated-end':
        cut = rng.randint(10, len(recs[-1]) - 10)
        recs[-1] = recs[-1][:cut]
        good.remove(urls[-1])
        failed = 1
    elif kind == 'http-garbage':
        recs.insert(k, record(bad_url, rng.randbytes(rng.randint(0, 400))))
        failed = 1
    return recs, good, failed

def write_warcs(out, rng, count, big):
    d = os.path.join(out, 'warc')
    os.makedirs(d, exist_ok=True)
    expect = {}
    kinds = ['length-huge', 'length-short', 'length-long', 'garbage-before', 'http-gzip-bomb', 'truncated-end', 'http-garbage', 'corrupt-member']
    for i in range(count):
        kind = kinds[i % len(kinds)]
        gzipped = kind == 'corrupt-member' or rng.random() < 0.5
        if kind == 'corrupt-member':
            recs, good, failed = warc_case(rng, 'plain', i, big)
            members = [gz(r) for r in recs]
            k = rng.randrange(len(members))
            m = bytearray(members[k])
            for _ in range(rng.randint(1, 8)):
                p = rng.randrange(10, len(m))
                m[p] ^= 1 + rng.randrange(255)
            members[k] = bytes(m)
            data = b''.join(members)
            url_k = f'https://fuzz{i}.example.org/plain/{k}'
            # The damaged member's record may or may not survive (a flip can land in its padding): not counted either way.
            good = [u for u in good if u != url_k]
            failed = -1
            name = f'{i:05d}-{kind}.warc.gz'
        else:
            recs, good, failed = warc_case(rng, kind, i, big)
            if gzipped:
                data = b''.join(gz(r) for r in recs)
                if kind == 'truncated-end':
                    data = b''.join(gz(r) for r in recs[:-1]) + gz(recs[-1] + b'x' * 50)[: rng.randint(12, 40)]
                name = f'{i:05d}-{kind}.warc.gz'
            else:
                data = b''.join(recs)
                name = f'{i:05d}-{kind}.warc'
        with open(os.path.join(d, name), 'wb') as f:
            f.write(data)
        expect[os.path.join(d, name)] = {'kind': kind, 'good': good, 'failed_at_least': max(failed, 0)}
    return expect

# ---------------------------------------------------------------- JSONL

def write_jsonl(out, rng, count, big):
    d = os.path.join(out, 'jsonl')
    os.makedirs(d, exist_ok=True)
    expect = {}
    kinds = ['lone-surrogate', 'invalid-utf8', 'huge-line', 'gzip-bomb-line', 'not-json', 'deep-json']
    for i in range(count):
        kind = kinds[i % len(kinds)]
        n = rng.randint(2, 8)
        lines = [json.dumps({'url': f'https://j{i}.example.org/{j}', 'html': page(f'j{i}-{j}', rng=rng).decode()}).encode() for j in range(n)]
        good = [f'https://j{i}.example.org/{j}' for j in range(n)]
        k = rng.randrange(n + 1)
        failed = 1
        name = f'{i:05d}-{kind}.jsonl'
        if kind == 'lone-surrogate':
            lines.insert(k, b'{"url": "https://j%d.example.org/s", "html": "<p>a \\ud800 b \\udc00 c</p>"}' % i)
            good.append(f'https://j{i}.example.org/s')
            failed = 0
        elif kind == 'invalid-utf8':
            lines.insert(k, b'{"url": "https://j%d.example.org/u", "html": "<p>caf\xe9 \xff\xfe</p>"}' % i)
            good.append(f'https://j{i}.example.org/u')
            failed = 0
        elif kind == 'huge-line':
            lines.insert(k, b'{"url": "https://j%d.example.org/h", "html": "' % i + b'a' * ((40 << 20) if big else (33 << 20)) + b'"}')
        elif kind == 'gzip-bomb-line':
            name += '.gz'
        elif kind == 'not-json':
            lines.insert(k, rng.randbytes(rng.randint(1, 200)).replace(b'\n', b' '))
        elif kind == 'deep-json':
            depth = rng.randint(70, 100000)
            lines.insert(k, b'{"url": "https://j%d.example.org/d", "html": ' % i + b'[' * depth + b']' * depth + b'}')
        path = os.path.join(d, name)
        if kind == 'gzip-bomb-line':
            size = (4 << 30) if big else (300 << 20)
            with open(path, 'wb') as f:
                f.write(gz(b'\n'.join(lines[:k]) + b'\n') if k else b'')
                f.write(zeros_gzip(size, byte=b'a'))
                f.write(gz(b'\n' + b'\n'.join(lines[k:]) + b'\n'))
        else:
            with open(path, 'wb') as f:
                f.write(b'\n'.join(lines) + b'\n')
        expect[path] = {'kind': kind, 'good': good, 'failed_at_least': failed}
    return expect

# ---------------------------------------------------------------- HTML

def write_html(out, rng, count, big):
    d = os.path.join(out, 'html')
    os.makedirs(d, exist_ok=True)
    kinds = ['siblings', 'deep-nesting', 'charset-lie', 'binary', 'huge-page', 'gzip-bomb', 'attributes', 'comments', 'misnested']
    made = {}
    for i in range(count):
        kind = kinds[i % len(kinds)]
        name = f'{i:05d}-{kind}.html'
        if kind == 'siblings':
            n = 2_000_000 if big and i < len(kinds) else rng.randint(10_000, 400_000)
            body = b'<html><body>' + b'<span>x</span>' * n + b'</body></html>'
        elif kind == 'deep-nesting':
            n = rng.randint(5_000, 200_000)
            body = b'<html><body>' + b'<div>' * n + b'deep' + b'</div>' * n + b'</body></html>'
        elif kind == 'charset-lie':
            body = b'<html><head><meta charset="utf-16"></head><body><p>' + 'caf\u00e9 na\u00efve'.encode('latin-1') * 50 + b'</p></body></html>'
        elif kind == 'binary':
            body = rng.randbytes(rng.randint(100, 100_000))
        elif kind == 'attributes':
            # One tag of up to millions of attributes: a single token to the parser, so no element count sees it.
            n = 2_000_000 if big and i < len(kinds) else rng.randint(10_000, 1_500_000)
            attr = (lambda j: b' a=1') if rng.random() < 0.5 else (lambda j: b' a%d=1' % j)
            body = b'<html><body><div' + b''.join(attr(j) for j in range(n)) + b'>text</div></body></html>'
        elif kind == 'comments':
            n = 4_000_000 if big and i < len(kinds) else rng.randint(10_000, 2_000_000)
            body = b'<html><body><p>text</p>' + b'<!---->' * n + b'</body></html>'
        elif kind == 'misnested':
            # Misnested formatting and tables: the tree builder's adoption-agency and foster-parenting paths.
            n = rng.randint(1_000, 60_000)
            unit = rng.choice([b'<b><i>x</b></i>', b'<a><p><a>x', b'<table><b>x<tr>y', b'<p><b><p><i>z'])
            body = b'<html><body>' + unit * n + b'</body></html>'
        elif kind == 'huge-page':
            body = b'<html><body><p>' + b'word ' * (((200 if big else 40) << 20) // 5) + b'</p></body></html>'
        else:
            name += '.gz'
            body = None
        path = os.path.join(d, name)
        with open(path, 'wb') as f:
            f.write(zeros_gzip((1 << 30) if big else (100 << 20), byte=b'<') if body is None else body)
        made[path] = kind
    return made

# ---------------------------------------------------------------- special files

def write_special(out):
    d = os.path.join(out, 'special')
    os.makedirs(d, exist_ok=True)
    for name, target in [('zero.warc', '/dev/zero'), ('urandom.jsonl', '/dev/urandom'), ('zero.pdf', '/dev/zero')]:
        p = os.path.join(d, name)
        if not os.path.lexists(p):
            os.symlink(target, p)
    for name in ['fifo.warc', 'fifo.pdf']:
        p = os.path.join(d, name)
        if not os.path.exists(p):
            os.mkfifo(p)
    bad = os.path.join(d.encode(), b'bad-\xff\xfe-name.pdf')
    with open(bad, 'wb') as f:
        f.write(b'%PDF-1.4\n%%EOF\n')
    with open(os.path.join(d, 'unreadable.pdf'), 'wb') as f:
        f.write(b'%PDF-1.4\n')
    os.chmod(os.path.join(d, 'unreadable.pdf'), 0)

# ---------------------------------------------------------------- PDF

def pdf(objects):
    """A PDF from object bodies (1-based), catalog = object 1, with a correct xref."""
    out = io.BytesIO()
    out.write(b'%PDF-1.7\n%\xe2\xe3\xcf\xd3\n')
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b'%d 0 obj\n' % n + body + b'\nendobj\n')
    x = out.tell()
    out.write(b'xref\n0 %d\n0000000000 65535 f \n' % (len(objects) + 1))
    for o in offsets:
        out.write(b'%010d 00000 n \n' % o)
    out.write(b'trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n' % (len(objects) + 1, x))
    return out.getvalue()

def stream(data, extra=b''):
    return b'<< /Length %d /Filter /FlateDecode %s>>\nstream\n' % (len(data), extra) + data + b'\nendstream'

def bomb_pdf(size, where):
    font = b'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'
    content = zlib_of(size) if where == 'content' else zlib.compress(b'BT /F1 12 Tf 72 720 Td (Hello bomb) Tj ET')
    objs = [b'<< /Type /Catalog /Pages 2 0 R >>',
            b'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
            b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
            stream(content),
            font]
    if where == 'font':
        # /Widths make PdfPig load the font program; without them it substitutes a standard font and never reads it.
        objs[4] = b'<< /Type /Font /Subtype /TrueType /BaseFont /Bomb /FirstChar 32 /LastChar 126 /Widths [' + b'500 ' * 95 + b'] /FontDescriptor 6 0 R >>'
        objs.append(b'<< /Type /FontDescriptor /FontName /Bomb /Flags 32 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 /FontFile2 7 0 R >>')
        objs.append(stream(zlib_of(size, byte=b'\0'), b'/Length1 %d ' % size))
    return pdf(objs)

def write_pdfs(out, rng, count, big, pdf_dir):
    d = os.path.join(out, 'pdf')
    os.makedirs(d, exist_ok=True)
    sizes = [1 << 30, 4 << 30] if big else [1200 << 20]
    for j, size in enumerate(sizes):
        for where in ['content', 'font']:
            with open(os.path.join(d, f'bomb-{where}-{size >> 20}MB.pdf'), 'wb') as f:
                f.write(bomb_pdf(size, where))
    seeds = []
    for root, _, files in os.walk(pdf_dir or '/nonexistent'):
        seeds += [os.path.join(root, f) for f in files if f.endswith('.pdf') and os.path.getsize(f'{root}/{f}') < 3 << 20]
    seeds.sort()
    for i in range(count if seeds else 0):
        src = open(rng.choice(seeds), 'rb').read()
        b = bytearray(src)
        how = rng.choice(['truncate', 'flip', 'xref', 'count', 'zero-block'])
        if how == 'truncate':
            b = b[: rng.randint(0, len(b))]
        elif how == 'flip':
            for _ in range(rng.randint(1, 50)):
                p = rng.randrange(len(b))
                b[p] ^= 1 + rng.randrange(255)
        elif how == 'xref':
            b = bytearray(bytes(b).replace(b'startxref', b'startxerf'))
        elif how == 'count':
            b = bytearray(bytes(b).replace(b'/Count ', b'/Count 99999999', 1))
        else:
            p = rng.randrange(len(b))
            b[p:p + 4096] = b'\0' * len(b[p:p + 4096])
        with open(os.path.join(d, f'{i:05d}-{how}.pdf'), 'wb') as f:
            f.write(b)

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('out')
    ap.add_argument('--seed', type=int, default=15)
    ap.add_argument('--count', type=int, default=20)
    ap.add_argument('--html-count', type=int, help='HTML pages (default --count): each is a multi-megabyte page')
    ap.add_argument('--pdf-count', type=int, help='mutated PDFs (default --count)')
    ap.add_argument('--pdf-dir')
    ap.add_argument('--big', action='store_true')
    ap.add_argument('--only', default='warc,jsonl,html,special,pdf')
    a = ap.parse_args()
    rng = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)
    only = a.only.split(',')
    expect = {}
    if 'warc' in only:
        expect.update(write_warcs(a.out, rng, a.count, a.big))
    if 'jsonl' in only:
        expect.update(write_jsonl(a.out, rng, a.count, a.big))
    if 'html' in only:
        write_html(a.out, rng, a.count if a.html_count is None else a.html_count, a.big)
    if 'special' in only:
        write_special(a.out)
    if 'pdf' in only:
        write_pdfs(a.out, rng, a.count if a.pdf_count is None else a.pdf_count, a.big, a.pdf_dir)
    with open(os.path.join(a.out, 'expect.json'), 'w') as f:
        json.dump(expect, f, indent=1)

if __name__ == '__main__':
    main()
