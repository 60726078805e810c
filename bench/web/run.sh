#!/usr/bin/env bash
# Scores `curate web extract` on the three web extraction sets, each with its own published metric
# (scorers in src/Pipeline/Eval: ArticleBench, WcxbBench, TrafilaturaBench), and prints speed.
# Usage: bench/web/run.sh [ARTICLE_DIR] [WCXB_DIR] [TRAF_TESTS_DIR] [--worst N]
#   ARTICLE_DIR  scrapinghub article-extraction-benchmark (html/*.html.gz + ground-truth.json); default ../shared/data/web/...
#   WCXB_DIR     WCXB checkout (dev/html, dev/ground-truth); its dev-excluded-ids.txt (or one beside it) is left out.
#                Only dev/ is read; the test split is never opened.
#   TRAF_DIR     trafilatura's tests/ folder (evaldata.json, cache/, eval/)
# A set whose folder is missing or given as "-" is skipped. KEEP=dir keeps the predictions there.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
article=${1:-/work/shared/data/web/article-extraction-benchmark}
wcxb=${2:-/work/evaldata/wcxb}
traf=${3:-/work/evaldata/traf/tests}
shift $(( $# < 3 ? $# : 3 )) || true
work=${KEEP:-$(mktemp -d)}
mkdir -p "$work"
[ -n "${KEEP:-}" ] || trap 'rm -rf "$work"' EXIT
[ -n "${NOBUILD:-}" ] || dotnet build "$root/src/Pipeline" -c Release -v q -nologo >/dev/null
curate="$root/src/Pipeline/bin/Release/net10.0/linux-x64/curate"
repeat=${REPEAT:-1}
# The readers open regular files only (a symlink may lead to a device or a FIFO), so pages are hard-linked, or copied.
place() { ln -f "$1" "$2" 2>/dev/null || cp -f "$1" "$2"; }

if [ -d "$article" ]; then
  echo "== article-extraction-benchmark ($article)"
  # The pages' URLs come from ground-truth.json, read as a urls.json beside copies of the pages.
  mkdir -p "$work/article"
  cp "$article"/html/*.html.gz "$work/article/"
  cp "$article/ground-truth.json" "$work/article/urls.json"
  "$curate" web extract "$work/article" --out "$work/article.json" --repeat "$repeat"
  "$curate" web score "$article/ground-truth.json" "$work/article.json" --metric article "$@"
fi

if [ -d "$wcxb/dev" ]; then
  echo "== WCXB dev ($wcxb/dev)"
  excluded=$wcxb/dev-excluded-ids.txt
  [ -f "$excluded" ] || excluded=/dev/null
  mkdir -p "$work/wcxb"
  for f in "$wcxb"/dev/html/*.html.gz; do
    id=$(basename "$f" .html.gz)
    grep -qx "$id" "$excluded" || place "$f" "$work/wcxb/"
  done
  "$curate" web extract "$work/wcxb" --out "$work/wcxb.json" --repeat "$repeat"
  "$curate" web score "$wcxb/dev/ground-truth" "$work/wcxb.json" --metric wcxb --exclude "$excluded" "$@"
fi

if [ -f "$traf/evaldata.json" ]; then
  echo "== trafilatura evaluation set ($traf)"
  # eval_common.py looks a file up in cache/ first, then eval/.
  mkdir -p "$work/traf"
  for f in "$traf"/eval/* "$traf"/cache/*; do place "$f" "$work/traf/"; done
  "$curate" web extract "$work/traf" --out "$work/traf.json" --repeat "$repeat"
  "$curate" web score "$traf/evaldata.json" "$work/traf.json" --metric trafilatura "$@"
fi
