#!/usr/bin/env bash
# Text at page edges: the share of unique body lines of 5+ words in the top or bottom 12% of a page that the cheap path
# keeps (margin_lines.py, shared/tools; also with both sides NFKC-folded, margin_lines_nfkc.py), and the share of running header/footer lines it removes (repeated_lines.py).
# Usage: bench/edge-lines/run.sh LIST   (LIST: a file with one PDF path a line; KEEP=DIR keeps the work folder)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
list=${1:?usage: run.sh LIST_OF_PDFS}
tool=${MARGIN_LINES:-$root/../shared/tools/margin_lines.py}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build "$root/src/Pipeline" -c Release -v q -nologo >/dev/null
dotnet build "$root/bench/docling/PageDump" -c Release -v q -nologo -o "$work/dump" >/dev/null
curate="$root/src/Pipeline/bin/Release/net10.0/linux-x64/curate"
# Distinct names in one folder: margin_lines.py matches pages to PDFs by file name. Copies, not symbolic links: curate
# reads a link as the link (two links of equal length were taken for one document and one of them went unscored).
mkdir -p "$work/in"; n=0
while read -r f; do [ -n "$f" ] || continue; n=$((n + 1)); cp "$f" "$work/in/$n-$(basename "$f")"; done < "$list"
# Duplicate marking off: lists may name one manual twice (two packages ship it), and which copy a run keeps must
# not decide whose pages are scored.
CURATE__Dedup__Enabled=false "$curate" run "$work/in" --out "$work/out" > "$work/curate.log"
"$work/dump/PageDump" "$work/out" "$work/pages.jsonl" "$work/documents.jsonl"
echo "corpus: $n PDFs, $(wc -l < "$work/pages.jsonl") pages"
/usr/bin/python3 "$tool" "$work/in" "$work/pages.jsonl" > "$work/margin.txt"
/usr/bin/python3 "$here/margin_lines_nfkc.py" "$work/in" "$work/pages.jsonl" > "$work/margin-nfkc.txt"
/usr/bin/python3 "$here/repeated_lines.py" "$work/in" "$work/pages.jsonl" > "$work/repeated.txt"
echo "unique edge lines   $(tail -1 "$work/margin.txt")"
echo "unique edge lines, NFKC-folded $(tail -1 "$work/margin-nfkc.txt")"
echo "repeated edge lines $(tail -1 "$work/repeated.txt")"
# Why the lost lines are lost, as counts per class; SHOW=1 lists the lines too (only for texlive-tuned.txt).
/usr/bin/python3 "$here/lost_lines.py" "$work/in" "$work/pages.jsonl" "$curate" ${SHOW:+--show} > "$work/lost.txt"
echo "lost unique edge lines by class:"; sed 's/^/  /' "$work/lost.txt"
if [ -n "${KEEP:-}" ]; then rm -rf "$KEEP"; cp -r "$work" "$KEEP"; echo "kept in $KEEP"; fi
