#!/usr/bin/env bash
# Scores `curate web extract` on the scrapinghub article-extraction-benchmark (88 pages) with the benchmark's own
# metric (4-token shingles; scorer in src/Pipeline/Eval/ArticleBench.cs) and prints precision, recall, F1 and speed.
# Usage: bench/web/run.sh [bench-dir] [--worst N]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bench=${1:-$root/../shared/data/web/article-extraction-benchmark}
[ -d "$bench" ] || bench=/work/shared/data/web/article-extraction-benchmark
shift || true
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build "$root/src/Pipeline" -c Release -v q -nologo >/dev/null
curate="$root/src/Pipeline/bin/Release/net10.0/linux-x64/curate"
# The pages' URLs come from ground-truth.json, read as a urls.json beside copies of the pages.
mkdir -p "$work/html"
cp "$bench"/html/*.html.gz "$work/html/"
cp "$bench/ground-truth.json" "$work/html/urls.json"
"$curate" web extract "$work/html" --out "$work/prediction.json" --repeat 4
"$curate" web score "$bench/ground-truth.json" "$work/prediction.json" "$@"
