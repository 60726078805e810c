#!/usr/bin/env bash
# Near-duplicate detection on a synthetic corpus with planted copies: signature speed per core, index memory,
# cluster precision and recall, configured LSH (28x4 + similarity check) beside FineWeb's 14x8.
# Usage: bench/dedup/run.sh [documents]   (default 1,000,000; about 1.5 CPU-minutes, 1 GB of memory)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
dotnet build "$root/bench/dedup/DedupBench.csproj" -c Release -nologo -v q >/dev/null
exec "$root/bench/dedup/bin/Release/net10.0/linux-x64/dedup-bench" "${1:-1000000}"
