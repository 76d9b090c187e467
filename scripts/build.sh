#!/usr/bin/env bash
# Configures and builds duban into build/ (or $DUBAN_BUILD_DIR). Warnings are errors here,
# so a warning never lands unnoticed.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${DUBAN_BUILD_DIR:-build}
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=${DUBAN_BUILD_TYPE:-RelWithDebInfo} -DDUBAN_WERROR=ON >/dev/null
cmake --build "$build_dir" -j"$(nproc)"
