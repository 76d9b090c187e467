#!/usr/bin/env bash
# Builds the Debian 12 package of duban into dist/ (or $DUBAN_DIST_DIR): installs what is
# missing, builds with warnings as errors (scripts/build.sh), then `cpack -G DEB`. The
# package installs under /usr and /etc/duban whatever prefix the build tree has
# (packaging/deb.cmake); docs/OPERATIONS.md says how to install it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
build_dir=${DUBAN_BUILD_DIR:-build}
dist_dir=$(realpath -m "${DUBAN_DIST_DIR:-dist}")
mkdir -p "$dist_dir"
cpack -G DEB --config "$build_dir/CPackConfig.cmake" -B "$dist_dir" >/dev/null
rm -rf "$dist_dir/_CPack_Packages"
ls "$dist_dir"/duban_*.deb
