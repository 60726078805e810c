#!/usr/bin/env bash
# Feature extraction + ONNX inference throughput on one core (cheap parse excluded), BenchmarkDotNet.
# Usage: bench/Detectors.Bench/run.sh [--job short]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
taskset -c 0 dotnet run -c Release -- "$@"
