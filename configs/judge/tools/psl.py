# Registered domain (eTLD+1) from the Public Suffix List the product embeds
# (src/DomainFilter/Web/PublicSuffix/public_suffix_list.dat), so "domain" here means what the judge groups by.
import os
from urllib.parse import urlparse
_HERE = os.path.dirname(os.path.abspath(__file__))
_PSL = os.path.join(_HERE, '..', '..', '..', 'src', 'DomainFilter', 'Web', 'PublicSuffix', 'public_suffix_list.dat')
_rules, _wild, _exc = set(), set(), set()
for line in open(_PSL, encoding='utf8'):
    line = line.strip()
    if not line or line.startswith('//'): continue
    line = line.split()[0]
    if line.startswith('!'): _exc.add(line[1:])
    elif line.startswith('*.'): _wild.add(line[2:])
    else: _rules.add(line)

def host(url):
    h = (urlparse(url.strip()).hostname or '').lower().rstrip('.')
    try: h = h.encode('idna').decode('ascii') if any(ord(c) > 127 for c in h) else h
    except Exception: pass
    return h

def regdom(h):
    """eTLD+1 of a host name (already lower-cased); the host itself when it is a suffix or has one label."""
    if '://' in h: h = host(h)
    if h.startswith('www.') and h.count('.') == 1: pass
    labels = h.split('.')
    n = len(labels)
    sfx_len = 1  # default rule "*"
    for i in range(n):
        cand = '.'.join(labels[i:])
        if cand in _exc: sfx_len = n - i - 1; break
        if cand in _rules or (i + 1 < n and '.'.join(labels[i + 1:]) in _wild):
            sfx_len = max(sfx_len, n - i); break
    if sfx_len >= n: return h
    return '.'.join(labels[n - sfx_len - 1:])

if __name__ == '__main__':
    for t in ['www.bbc.co.uk', 'foo.blogspot.com', 'a.b.example.com', 'orf.at', 'news.sina.com.cn', 'x.city.kawasaki.jp', 'www.ck', 'bücher.de']:
        print(t, regdom(host('http://' + t)))
