#!/usr/bin/env bash
# Charset decoding and language identification over real pages, compared between two commits of this repo.
# Usage: bench/intake/run.sh BEFORE_COMMIT [AFTER_COMMIT]   (after: the work tree)
#   decode:   every page of judge5 src, WCXB dev, trafilatura's eval/cache, the Common Crawl WARC samples, the
#             article benchmark and (if extracted to $EXTRA, see below) the mirrored htmldate, fundus, Chinese and
#             html-cleaning sets: which pages' decoding changed, with mojibake markers ("â€", Ã/Â pairs, U+FFFD) before/after.
#   lang:     judge5 test5+train5 against the annotator's language (lang-*.tsv, 5th column).
#   langhtml: pages not in judge5 (fundus, htmldate; WCXB dev minus its excluded ids, trafilatura) against <html lang>.
# EXTRA: a folder of extra page sets (default /tmp/enc/extra), e.g. filled with
#   git --git-dir=/work/.mirror/flairNLP+fundus/repo cat-file -p HEAD:<path> for each tests/.../*.html.gz
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
before=$1; after=${2:-}
work=${WORK:-$(mktemp -d)}
extra=${EXTRA:-/tmp/enc/extra}
build() { # $1 = commit or "", $2 = output folder
  if [ -n "$1" ]; then
    mkdir -p "$work/src-$1"
    git -C "$root" archive "$1" | tar -x -C "$work/src-$1"
    mkdir -p "$work/src-$1/bench" && cp -r "$root/bench/intake" "$work/src-$1/bench/"
    dotnet build "$work/src-$1/bench/intake/IntakeBench.csproj" -c Release -nologo -v q -o "$2" >/dev/null
  else
    dotnet build "$root/bench/intake/IntakeBench.csproj" -c Release -nologo -v q -o "$2" >/dev/null
  fi
}
build "$before" "$work/old"; build "$after" "$work/new"
j5=/work/evaldata/judge5
sets=("$j5/src" /work/evaldata/wcxb/dev/html /work/evaldata/traf/tests/eval /work/evaldata/traf/tests/cache /work/shared/data/web/warc /work/shared/data/web/article-extraction-benchmark)
[ -d "$extra" ] && sets+=("$extra")
for v in old new; do
  "$work/$v/intake-bench" decode "$work/decode-$v.tsv" "${sets[@]}"
  for s in test5 train5; do "$work/$v/intake-bench" lang "$j5/pages-$s.json" "$j5/lang-$s.tsv" > "$work/lang-$v-$s.tsv"; done
  held=(/work/evaldata/wcxb/dev/html /work/evaldata/traf/tests/eval /work/evaldata/traf/tests/cache)
  [ -d "$extra" ] && held=("$extra/flairNLP+fundus" "$extra/adbar+htmldate" "${held[@]}")
  "$work/$v/intake-bench" langhtml --skip "$j5/src" "${held[@]}" > "$work/langhtml-$v.tsv"
done
python3 "$root/bench/intake/report.py" "$work" /work/evaldata/wcxb/dev-excluded-ids.txt
