#!/usr/bin/env bash
# README quick-start command 2: installs, builds and runs the whole test suite (CTest).
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
bash scripts/setup.sh
ctest --test-dir build --output-on-failure -j"$(nproc)" --timeout 600
