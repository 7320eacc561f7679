#!/usr/bin/env bash
# Installs what hotspot needs from Debian 12 packages (only the missing ones), then configures and builds.
# Idempotent: a second run only rebuilds what changed.
#   bash scripts/setup.sh            # Release build in build/
#   BUILD_DIR=build-asan CMAKE_ARGS=-DHOTSPOT_SANITIZE=ON bash scripts/setup.sh
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."

PACKAGES=(
  build-essential cmake ninja-build pkg-config
  libgdal-dev libgeos-dev libproj-dev proj-data gdal-bin
  libnanoflann-dev libcli11-dev nlohmann-json3-dev libssl-dev
  libcairo2-dev libpango1.0-dev fonts-dejavu-core  # the map preview's title, legend, scale bar (geo/map/map_furniture)
  zlib1g-dev  # the disparity tests read the bundled .tsv.gz through zlib (tests/engine/disparity/stops_fixture.cc)
  libgtest-dev libgmock-dev libbenchmark-dev
  clang libclang-rt-14-dev
  chromium
)
# Peer tools the test suite opens our outputs with; a test fails when one is missing (HOTSPOT_ALLOW_MISSING_PEERS=1
# turns that into a skip for a local run): PyQGIS loads hotspot.qgs (tests/geo/map/qgis_styles_test.cc; it pulls in
# qgis-providers for the GDAL/OGR layers), chromium above opens map.html (tests/browser).
PEER_TEST_PACKAGES=(python3-qgis)
PACKAGES+=("${PEER_TEST_PACKAGES[@]}")
PACKAGES+=(${EXTRA_PACKAGES:-})

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
fi

# Node.js and npm (for the front-end packages below); the machine's own Node.js is used when present.
if ! command -v npm >/dev/null 2>&1; then
  echo "setup: installing nodejs npm" >&2
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -q --no-install-recommends nodejs npm >&2
fi
# Front-end packages pinned by tools/web/package-lock.json: Leaflet (inlined into map.html) and playwright-core (drives
# Debian's chromium in tests/browser). Reinstalled only when the lock file changed.
if [ ! -f tools/web/node_modules/.package-lock.json ] || [ tools/web/package-lock.json -nt tools/web/node_modules/.package-lock.json ]; then
  echo "setup: npm ci in tools/web" >&2
  (cd tools/web && npm ci --no-audit --no-fund >&2)
fi

BUILD_DIR=${BUILD_DIR:-build}
if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=${BUILD_TYPE:-Release} ${CMAKE_ARGS:-} >&2
fi
cmake --build "$BUILD_DIR" -j"$(nproc)" >&2
