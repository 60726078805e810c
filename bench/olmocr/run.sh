#!/usr/bin/env bash
# Scores the cheap path on the olmOCR-Bench sample beside pdftotext (poppler) and PyMuPDF, whose page text is
# written as <pdf>_pg<N>.md and scored by the same evaluator. olmOCR's own (VLM) output is shown for reference.
# Usage: bench/olmocr/run.sh [bench-dir]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bench=${1:-$root/../shared/data/pdf/olmocr-bench-sample}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build "$root/src/Pipeline" -c Release -v q -nologo >/dev/null
curate="$root/src/Pipeline/bin/Release/net10.0/linux-x64/curate"
(cd "$bench/pdfs" && find . -name '*.pdf' | sed 's#^\./##') | while read -r pdf; do
  pages=$(pdfinfo "$bench/pdfs/$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
  for ((n = 1; n <= ${pages:-1}; n++)); do
    mkdir -p "$work/pdftotext/$(dirname "$pdf")" "$work/pymupdf/$(dirname "$pdf")"
    pdftotext -q -f "$n" -l "$n" "$bench/pdfs/$pdf" "$work/pdftotext/${pdf%.pdf}_pg$n.md" || true
    /usr/bin/python3 -c "import sys,fitz; d=fitz.open(sys.argv[1]); print(d[int(sys.argv[2])-1].get_text())" \
      "$bench/pdfs/$pdf" "$n" > "$work/pymupdf/${pdf%.pdf}_pg$n.md" 2>/dev/null || true
  done
done
"$curate" eval olmocr "$bench" --out "$work/curate" \
  --compare "pdftotext=$work/pdftotext" --compare "pymupdf=$work/pymupdf" --compare "olmocr(VLM)=$bench/olmocr_pipeline"
