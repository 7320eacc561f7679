#!/usr/bin/env bash
# README quick-start command 1: installs what is missing, builds, and runs the main job on the bundled Charlotte
# data (data/charlotte/charlotte_run.json): kernel density, Gi* hot spots and the Violence Reduction Framework
# priority-area report. Outputs go to out/charlotte/ (replaced on every run).
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
bash scripts/setup.sh
./build/cli/hotspot run data/charlotte/charlotte_run.json --overwrite "$@"
