#!/usr/bin/env bash
# VLM route benchmarks against a loopback chat-completions server (bench/vlm, `vlm-bench serve`), which answers with
# token counts modelled on a Qwen2-VL-class model (image: one token per 28x28 patch, at most 1280; text: 4 chars a
# token; answer: the page's text length, or 700 tokens for a scan). See ModelledUsage.cs.
#
# 1. Cost per 1,000 pages on a PDF corpus: `curate run` without an endpoint, `curate reprocess --stage vlm` with one,
#    `curate stats`; then the same corpus with every page forced to the VLM (VlmStage:MinTextChars huge), so the
#    all-pages figure is measured, not only estimated. Prices: PROMPT_PRICE / COMPLETION_PRICE USD per 1k tokens.
# 2. VLM pages per second through the production client (ChatClientFactory + VlmPageParser), server in another
#    process so the client's CPU time is its own.
#
# Usage: bench/vlm/run.sh [corpus-dir]   (default ../shared/data/pdf)
# Environment: PARTS="cost throughput" (default both), KEEP=1 keeps the outputs (their folder is printed).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
corpus=${1:-$root/../shared/data/pdf}
[ -d "$corpus" ] || corpus=/work/shared/data/pdf
prompt_price=${PROMPT_PRICE:-0.00015}
completion_price=${COMPLETION_PRICE:-0.0006}
work=$(mktemp -d)
server_pid=
parts=${PARTS:-cost throughput}
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  if [ "${KEEP:-0}" = 1 ]; then echo "outputs kept in $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

dotnet build "$root/src/Pipeline" -c Release -v q -nologo >/dev/null
dotnet build "$here/VlmBench.csproj" -c Release -v q -nologo >/dev/null
curate="$root/src/Pipeline/bin/Release/net10.0/linux-x64/curate"
bench="$here/bin/Release/net10.0/linux-x64/vlm-bench"

start_server() { # latency-ms
  rm -f "$work/url"
  rm -f "$work/stdin.$1"
  mkfifo "$work/stdin.$1"
  "$bench" serve --url-file "$work/url" --latency-ms "$1" < "$work/stdin.$1" &
  server_pid=$!
  exec 3>"$work/stdin.$1"
  for _ in $(seq 100); do [ -s "$work/url" ] && break; sleep 0.1; done
}
stop_server() { exec 3>&-; wait "$server_pid" || true; server_pid=; }

export CURATE__Vlm__PromptPricePer1K=$prompt_price CURATE__Vlm__CompletionPricePer1K=$completion_price
export CURATE__Vlm__Model=qwen2.5-vl-7b-instruct CURATE__Vlm__MaxConcurrency=64
export CURATE__PageRender__Format=jpeg CURATE__VlmStage__CacheDir="$work/cache"

if [[ " $parts " == *" cost "* ]]; then
echo "== corpus: $corpus ($(find "$corpus" -name '*.pdf' | wc -l) PDFs); prices per 1k tokens: prompt \$$prompt_price, completion \$$completion_price"
start_server 0
echo "-- curate run (no endpoint)"
CURATE__Vlm__Endpoint= "$curate" run "$corpus" --out "$work/routed" | tail -n 4
echo "-- curate reprocess --stage vlm"
CURATE__Vlm__Endpoint=$(cat "$work/url") "$curate" reprocess "$work/routed" --stage vlm
echo "-- again (must do nothing)"
CURATE__Vlm__Endpoint=$(cat "$work/url") "$curate" reprocess "$work/routed" --stage vlm
"$curate" stats "$work/routed"
"$curate" stats "$work/routed" --json > "$work/routed.json"
echo "-- every page to the VLM (VlmStage:MinTextChars=1000000000)"
CURATE__Vlm__Endpoint=$(cat "$work/url") CURATE__VlmStage__MinTextChars=1000000000 \
  "$curate" run "$corpus" --out "$work/all" | tail -n 3
"$curate" stats "$work/all" --json > "$work/all.json"
stop_server
python3 - "$work/routed.json" "$work/all.json" <<'PY'
import json, sys
def values(path):
    v = {}
    for t in json.load(open(path)):
        v.update(t["values"])
    return v
r, a = values(sys.argv[1]), values(sys.argv[2])
print("== cost per 1,000 pages")
print(f"pages: {r['pages']:.0f} (to VLM with this routing: {r.get('pages_vlm', 0):.0f}, failed {r.get('pages_vlm_failed', 0):.0f})")
print(f"this routing:                     ${r['cost_per_1000_pages']:.4f}")
print(f"every page to the VLM (estimate): ${r.get('all_vlm_cost_per_1000_pages', float('nan')):.4f}  (mean cost of the pages the VLM read x all pages)")
print(f"every page to the VLM (measured): ${a['cost_per_1000_pages']:.4f}  ({a.get('pages_vlm', 0):.0f} pages read)")
print(f"routing / all (measured): {r['cost_per_1000_pages'] / a['cost_per_1000_pages']:.1%}")
PY
fi

[[ " $parts " == *" throughput "* ]] || exit 0
echo "== VLM pages per second through the client (server in another process)"
pdf=$(find "$corpus" -name 'olmOCR-2*.pdf' | head -n 1)
for spec in "500 64 png 1600" "500 256 png 1600" "5000 512 jpeg 200"; do
  set -- $spec
  start_server "$1"
  "$bench" throughput --pdf "$pdf" --requests 2048 --concurrency "$2" --latency-ms "$1" --format "$3" --max-pixels "$4" --url "$(cat "$work/url")" || true
  stop_server
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
