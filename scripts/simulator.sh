#!/usr/bin/env bash
# Start or stop the bundled GitHub API simulator in the background.
#   scripts/simulator.sh start DIR [simulator options]   prints its URL; DIR holds port, pid and log
#   scripts/simulator.sh stop DIR
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

action=${1:?usage: simulator.sh start|stop DIR}
dir=${2:?usage: simulator.sh start|stop DIR}
shift 2
mkdir -p "$dir"

case $action in
  start)
    rm -f "$dir/port" "$dir/pid"
    # timeout bounds its life even if nobody stops it.
    PYTHONPATH="$ROOT/tests/simulator" nohup timeout 7200 "$VENV/bin/python" -m github_simulator \
      --port 0 --port-file "$dir/port" --pid-file "$dir/pid" "$@" >"$dir/simulator.log" 2>&1 &
    for _ in $(seq 100); do
      [ -s "$dir/port" ] && break
      sleep 0.1
    done
    if [ ! -s "$dir/port" ]; then
      echo "the simulator did not start; its log:" >&2
      cat "$dir/simulator.log" >&2
      exit 1
    fi
    echo "http://127.0.0.1:$(cat "$dir/port")"
    ;;
  stop)
    if [ -s "$dir/pid" ]; then
      kill "$(cat "$dir/pid")" 2>/dev/null || true
      rm -f "$dir/pid"
    fi
    ;;
  *)
    echo "usage: simulator.sh start|stop DIR" >&2
    exit 2
    ;;
esac
