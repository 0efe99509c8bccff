#!/usr/bin/env bash
# make benchmark: install the collection, then time the role, a module loop and a uri loop.
#   scripts/benchmark.sh [--count N] [--latency-ms MS] [--approaches role,module_loop,uri_loop]
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"
install_collection
"$VENV/bin/python" "$ROOT/benchmarks/run.py" "$@"
