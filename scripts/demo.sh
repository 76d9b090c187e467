#!/usr/bin/env bash
# Command 1 of the README: install what is missing, build, and run duband in the
# foreground on the bundled example plan (examples/demo.toml): the SQLite store and the
# mail folder live under var/demo/ in this checkout. Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
build_dir=${DUBAN_BUILD_DIR:-build}
mkdir -p var/demo
here=$(pwd)
ctl=$(realpath "$build_dir/daemon/dubanctl")
cat <<MSG

duban demo
  config : $here/examples/demo.toml
  plan   : $here/examples/plan-zhejiang-2013.txt (imported at first start)
  state  : $here/var/demo/state/duban.db
  mail   : $here/var/demo/mail/
  socket : $here/var/demo/duband.sock

In another terminal:
  export DUBAN_SOCKET=$here/var/demo/duband.sock
  $ctl status
  $ctl tasks --agency 省科技厅 --role lead
  $ctl task 22
  $ctl agency 省发展改革委

Starting duband (Ctrl-C to stop) ...
MSG
exec "$build_dir/daemon/duband" --config examples/demo.toml
