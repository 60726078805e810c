#!/usr/bin/env bash
# Pages per second of the image formula detector (Detector:Kind=image) on one core with a tiny YOLO-shaped model:
# pdftoppm rendering dominates. Usage: bench/image-detector/run.sh [pdf] [pages] [input-size]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
taskset -c 0 dotnet run -c Release -- "$@"
