#!/usr/bin/env bash
# README quick-start command 1: installs, builds and runs the main job on the bundled Charlotte data.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
bash scripts/setup.sh
OUT=${OUT:-out/charlotte}
mkdir -p "$(dirname "$OUT")"
./build/cli/hotspot info data/charlotte/cmpd_incidents_sample.csv --crs EPSG:2264 --rejects "$OUT-rejects.csv" --overwrite
echo "outputs: $OUT-rejects.csv"
