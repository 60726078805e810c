#!/usr/bin/env bash
# Pages per second of the whole cheap path (`curate run`: parse, Markdown, Parquet) against pdftotext (poppler) and
# PyMuPDF over the same PDFs with the same number of cores, plus peak memory (whole process tree) of `curate run` on
# a 516-page PDF. Needs poppler-utils, python3-fitz and texlive-latex-base-doc (`.ci/deps` installs the first two).
# Usage: bench/throughput/run.sh [pdf-folder]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
corpus=${1:-$root/../shared/data/pdf}
cores=$(nproc)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build "$root/src/Pipeline" -c Release -v q -nologo >/dev/null
curate="$root/src/Pipeline/bin/Release/net10.0/linux-x64/curate"
find "$corpus" -name '*.pdf' | sort > "$work/files"
# Only documents every tool can open are timed (encrypted and corrupt samples would skew the page counts).
: > "$work/ok"
while read -r f; do pdfinfo "$f" >/dev/null 2>&1 && echo "$f" >> "$work/ok"; done < "$work/files"
pages=$(while read -r f; do pdfinfo "$f" | awk '/^Pages:/ {print $2}'; done < "$work/ok" | paste -sd+ | bc)
mkdir -p "$work/in"; n=0
while read -r f; do n=$((n + 1)); ln -s "$f" "$work/in/$n.pdf"; done < "$work/ok"
echo "corpus: $(wc -l < "$work/ok") PDFs, $pages pages, $cores cores"

now() { date +%s.%N; }
t0=$(now); "$curate" run "$work/in" --out "$work/out" > "$work/curate.log"; t1=$(now)
curate_s=$(echo "$t1 - $t0" | bc -l)
t0=$(now); xargs -P "$cores" -I{} pdftotext -q {} /dev/null < "$work/ok" || true; t1=$(now)
poppler_s=$(echo "$t1 - $t0" | bc -l)
t0=$(now)
/usr/bin/python3 - "$work/ok" "$cores" <<'PY'
import sys, fitz
from multiprocessing import Pool
def text(path):
    with fitz.open(path) as d:
        return sum(len(p.get_text()) for p in d)
files = [l.strip() for l in open(sys.argv[1]) if l.strip()]
with Pool(int(sys.argv[2])) as pool:
    pool.map(text, files, chunksize=1)
PY
t1=$(now); pymupdf_s=$(echo "$t1 - $t0" | bc -l)
printf '%-28s %10s %10s %12s\n' tool seconds pages/s "vs pdftotext"
for row in "curate run (cheap path):$curate_s" "pdftotext (poppler):$poppler_s" "PyMuPDF get_text:$pymupdf_s"; do
  name=${row%%:*}; s=${row##*:}
  printf '%-28s %10.2f %10.1f %11.2fx\n' "$name" "$s" "$(echo "$pages / $s" | bc -l)" "$(echo "$poppler_s / $s" | bc -l)"
done
grep -E '^(documents|pages):' "$work/curate.log" | sed 's/^/  curate: /'

big=/usr/share/doc/texlive-doc/latex/hyperref/hyperref.pdf
if [ -f "$big" ]; then
  /usr/bin/python3 "$here/peak_rss.py" "$curate" run "$big" --out "$work/big"
else
  echo "peak memory: skipped ($big missing: apt-get install texlive-latex-base-doc)"
fi
