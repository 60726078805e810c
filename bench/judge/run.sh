#!/usr/bin/env bash
# Per-domain judge at crawl scale: a synthetic crawl of 1,000 registered domains with a long-tailed page count
# (1 to 10,000 pages, 1,000,000 pages in all), generated locally. Measures grouping (registered domain of every URL)
# and sampling in pages per second, then the whole judge stage over Parquet (offline judge, then the LLM judge
# against the in-process chat-completions server) and the number of judge calls against pages.
# Usage: bench/judge/run.sh [--pages N] [--domains N] [--no-stage] [--no-llm]
# Page scoring speed of the offline judge (trained classifier against today's lexical score, one thread, real pages):
#        bench/judge/run.sh science [--pages /work/evaldata/judge/pages.json] [--rounds 5] [--scorer both|model|lexical]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dotnet build "$here/JudgeBench.csproj" -c Release -v q -nologo >/dev/null
exec dotnet "$here/bin/Release/net10.0/linux-x64/JudgeBench.dll" "$@"
