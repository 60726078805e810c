#!/usr/bin/env bash
# Fuzz suite for hostile inputs (issue 15). Generates a seeded corpus with gen.py, runs `curate run` over it under a
# memory/time watch of the whole process tree, prints inputs per kind and outcomes by reason, then checks every
# WARC/JSONL record against what a perfect reader accounts for (the HostileWebInputTests checker, via dotnet test).
#
#   bench/fuzz/run.sh [COUNT] [SEED]     COUNT mutated inputs per kind (default 500), SEED (default 15); FUZZ_HTML_COUNT
#                                        and FUZZ_PDF_COUNT set those kinds apart (HTML pages are megabytes each)
#   bench/fuzz/run.sh --issue            the issue's own huge cases (4 GiB JSONL line, 3 GiB HTTP body, 2 million
#                                        elements, a 200 MB page, 1 and 4 GB PDF Flate bombs), one run each, timed
# Needs: a Release build (dotnet build Pipeline.sln -c Release), python3, ~10 GB free in $FUZZ_DIR (default /tmp/curate-fuzz).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
curate="$repo/src/Pipeline/bin/Release/net10.0/linux-x64/curate"
dir="${FUZZ_DIR:-/tmp/curate-fuzz}"
[ -x "$curate" ] || { echo "build first: dotnet build $repo/Pipeline.sln -c Release" >&2; exit 2; }

if [ "${1:-}" = "--issue" ]; then
  rm -rf "$dir/issue" && mkdir -p "$dir/issue"
  python3 "$here/gen.py" "$dir/issue/gen" --big --count 9 --only jsonl,html,pdf --seed 15
  python3 "$here/gen.py" "$dir/issue/genw" --big --count 8 --only warc --seed 15
  python3 "$here/gen.py" "$dir/issue/gens" --count 0 --only special
  cases=(
    "$dir/issue/gen/jsonl/00003-gzip-bomb-line.jsonl.gz"
    "$dir/issue/gen/jsonl/00000-lone-surrogate.jsonl"
    "$dir/issue/genw/warc/00004-http-gzip-bomb.warc"*
    "$dir/issue/genw/warc/00000-length-huge.warc"*
    "$dir/issue/genw/warc/00007-corrupt-member.warc.gz"
    "$dir/issue/genw/warc/00003-garbage-before.warc"*
    "$dir/issue/gen/html/00000-siblings.html"
    "$dir/issue/gen/html/00004-huge-page.html"
    "$dir/issue/gen/html/00005-gzip-bomb.html.gz"
    "$dir/issue/gen/html/00006-attributes.html"
    "$dir/issue/gen/html/00007-comments.html"
    "$dir/issue/gen/html/00001-deep-nesting.html"
    "$dir/issue/gens/special"
    "$dir/issue/gen/pdf/bomb-content-1024MB.pdf"
    "$dir/issue/gen/pdf/bomb-font-1024MB.pdf"
    "$dir/issue/gen/pdf/bomb-content-4096MB.pdf"
    "$dir/issue/gen/pdf/bomb-font-4096MB.pdf"
  )
  for c in "${cases[@]}"; do
    out="$dir/issue/out-$(basename "$c")"
    printf '%-40s ' "$(basename "$c")"
    python3 "$here/measure.py" --log "$out.log" -- timeout 1200 "$curate" run "$c" --out "$out"
    grep -E '^(documents|web documents|  failed)' "$out.log" | sed 's/^/    /' || true
  done
  exit 0
fi

count="${1:-500}"
seed="${2:-15}"
rm -rf "$dir/corpus" "$dir/out" && mkdir -p "$dir"
echo "generating: $count inputs per kind, seed $seed"
python3 "$here/gen.py" "$dir/corpus" --count "$count" --html-count "${FUZZ_HTML_COUNT:-$count}" --pdf-count "${FUZZ_PDF_COUNT:-$count}" --seed "$seed" --pdf-dir /work/shared/data/pdf
echo "inputs per kind ($(find "$dir/corpus" \( -type f -o -type l -o -type p \) ! -name expect.json | wc -l) in all):"
find "$dir/corpus" \( -type f -o -type l -o -type p \) ! -name expect.json | sed -E 's#.*/(warc|jsonl|html|pdf|special)/([0-9]+-)?#\1 #; s/\.(warc|jsonl|html|pdf)(\.gz)?$//; s/^pdf bomb-.*/pdf bomb/; s/^special .*/special file/' | sort | uniq -c | sort -k2
echo "run (Run:Workers=${CURATE__Run__Workers:-cores}):"
python3 "$here/measure.py" --log "$dir/run.log" --json "$dir/measure.json" -- "$curate" run "$dir/corpus" --out "$dir/out"
grep -E '^(documents|web documents|  failed|pages|web inputs)' "$dir/run.log" || true
echo "record accounting, outcomes by reason, slowest inputs (read back with DuckDB by the tests' checker):"
FUZZ_EXPECT="$dir/corpus/expect.json" FUZZ_OUT="$dir/out" FUZZ_REPORT="$dir/report.txt" dotnet test "$repo/tests/Pipeline.Tests" -c Release --no-build \
  --filter "FullyQualifiedName~HostileWebInputTests.BenchCorpus" 2>&1 | grep -E 'Passed!|Failed!' || true
cat "$dir/report.txt"
# The stated bounds (docs/hostile-input.md): exit 0; process tree under main + workers x worker bound; every record and
# document within its time limit plus the kill/abandon grace.
python3 "$here/bounds.py" "$dir/measure.json" "$dir/out" "$repo"
