#!/usr/bin/env bash
# Command 1 of the README: install what is missing, build, and run duband in the
# foreground on the bundled example plan (examples/demo.toml): the SQLite store and the
# mail folder live under var/demo/ in this checkout. Ctrl-C stops it.
#
# The demo's clock starts at 08:59:50 on 2026-12-01 (Shanghai), ten seconds before that
# day's 09:00 reminders, so the first run writes them to var/demo/mail/ at once (duband
# --clock-start). DUBAN_DEMO_CLOCK_START=<instant> picks another start; set it empty for
# the real clock. A later run whose clock is behind what the store has already decided
# waits, as a daemon whose clock was set back does; remove var/demo/ to start over.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
build_dir=${DUBAN_BUILD_DIR:-build}
mkdir -p var/demo
here=$(pwd)
clock_start=${DUBAN_DEMO_CLOCK_START-2026-12-01T08:59:50+08:00}
clock_args=()
[[ -n "$clock_start" ]] && clock_args=(--clock-start "$clock_start")
ctl=$(realpath "$build_dir/daemon/dubanctl")
cat <<MSG

duban demo
  config : $here/examples/demo.toml
  plan   : $here/examples/plan-zhejiang-2013.txt (imported at first start)
  state  : $here/var/demo/state/duban.db
  mail   : $here/var/demo/mail/
  socket : $here/var/demo/duband.sock
  clock  : ${clock_start:-the real clock}

In another terminal:
  export DUBAN_SOCKET=$here/var/demo/duband.sock
  $ctl status
  $ctl tasks --agency 省科技厅 --role lead
  $ctl task 22
  $ctl agency 省发展改革委
  $ctl outbox messages                 # the reminders sent at 09:00 (demo clock)
  $ctl outbox show 1                   # one of them in full
  ls $here/var/demo/mail/              # the same, as .eml files any mail reader opens

Starting duband (Ctrl-C to stop) ...
MSG
exec "$build_dir/daemon/duband" --config examples/demo.toml "${clock_args[@]}"
