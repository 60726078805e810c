#!/usr/bin/env bash
# Scores `curate run` Markdown on docling's test PDFs against their groundtruth Markdown, beside pdftotext (poppler)
# and PyMuPDF: word-bag F1 and an order score (1 - normalised word edit distance), per document and the mean.
# The PDFs are third-party documents and stay outside the repo: pass docling's tests/data/pdf folder (the groundtruth
# is its groundtruth/ subfolder unless given). Usage: bench/docling/run.sh PDF_DIR [GROUNDTRUTH_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
pdfs=$(cd "${1:?usage: run.sh PDF_DIR [GROUNDTRUTH_DIR]}" && pwd)
truth=${2:-$pdfs/groundtruth}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build "$root/src/Pipeline" -c Release -v q -nologo >/dev/null
dotnet build "$here/PageDump" -c Release -v q -nologo -o "$work/dump" >/dev/null
curate="$root/src/Pipeline/bin/Release/net10.0/linux-x64/curate"
mkdir -p "$work/curate" "$work/pdftotext" "$work/pymupdf"
"$curate" run "$pdfs"/*.pdf --out "$work/out" > "$work/curate.log"
"$work/dump/PageDump" "$work/out" "$work/pages.jsonl" "$work/documents.jsonl"
/usr/bin/python3 - "$work/documents.jsonl" "$work/curate" <<'PY'
import json, os, sys
for line in open(sys.argv[1], encoding='utf-8'):
    row = json.loads(line)
    name = os.path.basename(row['source_path'])[:-4]
    open(os.path.join(sys.argv[2], name + '.md'), 'w', encoding='utf-8').write(row['markdown'] or '')
PY
for pdf in "$pdfs"/*.pdf; do
  name=$(basename "$pdf" .pdf)
  pdftotext -q -enc UTF-8 "$pdf" "$work/pdftotext/$name.md" || true
  /usr/bin/python3 -c "import sys,fitz; d=fitz.open(sys.argv[1]); print(''.join(p.get_text() for p in d))" \
    "$pdf" > "$work/pymupdf/$name.md" 2>/dev/null || true
done
# Only documents with a PDF are scored (a groundtruth whose PDF is missing shows '-').
mkdir -p "$work/truth"
for md in "$truth"/*.md; do [ -f "$pdfs/$(basename "$md" .md).pdf" ] && cp "$md" "$work/truth/"; done
echo "documents: $(ls "$work/truth" | wc -l) with groundtruth of $(ls "$pdfs"/*.pdf | wc -l) PDFs"
/usr/bin/python3 "$here/score.py" "$work/truth" "curate=$work/curate" "pdftotext=$work/pdftotext" "pymupdf=$work/pymupdf"
if [ -n "${KEEP:-}" ]; then rm -rf "$KEEP"; cp -r "$work" "$KEEP"; echo "kept in $KEEP"; fi
