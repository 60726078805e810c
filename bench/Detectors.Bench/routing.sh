#!/usr/bin/env bash
# Hard-page rate of `curate run` on a math-heavy and a prose document, and their ratio (issue 3's routing check).
# Usage: bench/Detectors.Bench/routing.sh [MATH.pdf] [PROSE.pdf]
# Defaults: Debian's amsmath user guide and LaTeX class guide (apt-get install texlive-latex-base-doc).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
math=${1:-/usr/share/doc/texlive-doc/latex/amsmath/amsldoc.pdf}
prose=${2:-/usr/share/doc/texlive-doc/latex/base/clsguide.pdf}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build "$root/src/Pipeline" -c Release -v q -nologo >/dev/null
curate=$(find "$root/src/Pipeline/bin/Release" -name curate -type f -perm -u+x | head -1)
rate() { # prints "hard total" for one PDF
  mkdir -p "$work/$1/in" && cp "$2" "$work/$1/in/"
  "$curate" run "$work/$1/in" --out "$work/$1/out" >/dev/null
  "$curate" stats "$work/$1/out" --json | python3 -c '
import json, sys
rows = next(t for t in json.load(sys.stdin) if t["section"] == "pdf")["rows"]
pages = {r[0]: int(r[1]) for r in rows}
print(pages["total"] - pages.get("cheap", 0), pages["total"])'
}
read -r mh mt < <(rate math "$math")
read -r ph pt < <(rate prose "$prose")
python3 - "$mh" "$mt" "$ph" "$pt" "$math" "$prose" <<'PY'
import sys
mh, mt, ph, pt = map(int, sys.argv[1:5])
m, p = mh / mt, ph / pt
print(f"math  {sys.argv[5]}: {mh}/{mt} pages hard ({m:.1%})")
print(f"prose {sys.argv[6]}: {ph}/{pt} pages hard ({p:.1%})")
if ph:
    print(f"ratio {m / p:.1f}x")
else:
    print(f"ratio unbounded (no prose page hard); with one it would be {m / (1 / pt):.1f}x")
PY
