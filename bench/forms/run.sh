#!/usr/bin/env bash
# Filled PDF forms: how many of the values a viewer shows (typed text, chosen options; check boxes apart) reach
# `curate parse`'s text, and how many are written twice, beside pdftotext. The values are read independently of curate
# (form_values.py, PyMuPDF's object access). The PDFs are third-party files and stay outside the repo: pass a folder,
# e.g. pdf.js's test/pdfs (`fetch` github:mozilla/pdf.js) or py-pdf/sample-files.
# Usage: bench/forms/run.sh PDF_DIR        (SHOW_MISSING=1 lists the values not found)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
pdfs=$(cd "${1:?usage: run.sh PDF_DIR}" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build "$root/src/Pipeline" -c Release -v q -nologo >/dev/null
curate="$root/src/Pipeline/bin/Release/net10.0/linux-x64/curate"
find "$pdfs" -maxdepth 1 -name '*.pdf' | sort > "$work/all"
xargs -d '\n' /usr/bin/python3 "$here/form_values.py" < "$work/all" 2>/dev/null > "$work/values.jsonl" || true
/usr/bin/python3 -c "
import json, sys
for l in open(sys.argv[1], encoding='utf-8'):
    r = json.loads(l)
    if 'error' not in r and (r['text'] or r['checked']): print(r['pdf'])" "$work/values.jsonl" > "$work/filled"
mkdir -p "$work/curate" "$work/pdftotext"
while read -r pdf; do
  name=$(basename "$pdf" .pdf)
  timeout 60 "$curate" parse "$pdf" > "$work/curate/$name.md" 2>/dev/null || true
  pdftotext -q -enc UTF-8 "$pdf" "$work/pdftotext/$name.md" || true
done < "$work/filled"
/usr/bin/python3 "$here/score.py" "$work/values.jsonl" "curate=$work/curate" "pdftotext=$work/pdftotext"
if [ -n "${KEEP:-}" ]; then rm -rf "$KEEP"; cp -r "$work" "$KEEP"; echo "kept in $KEEP"; fi
