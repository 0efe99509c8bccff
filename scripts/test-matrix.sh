#!/usr/bin/env bash
# make test-matrix: sanity, units and integration on the supported ansible-core versions other than
# make test's own (2.19, where make test runs every gate), each in its own venv with its own Python.
# A leg whose Python is not installed is skipped with a note, except under CI (CI=true), where it
# fails the run.
#
# Two lanes run side by side, each leg in its own copy of the collection (ansible-test writes into
# it). The lanes never share a Python version, so the virtual environments ansible-test keeps in
# ~/.ansible/test (keyed by Python and requirements) are never built by both at once.
set -uo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

# ansible-core version and the Python it runs on, lane by lane.
LANES=("2.17.14:3.11 2.18.19:3.11 2.19.14:3.11" "2.20.10:3.12 2.21.5:3.13")
# make test's ansible-core (requirements-dev.txt) is left out: every gate already ran on it there.
DEV_CORE=$(sed -n 's/^ansible-core==//p' "$ROOT/requirements-dev.txt" 2>/dev/null)

# The integration targets of each leg: every module, the lookup and both roles, old and new names, and
# GitHub App authentication (JWTs signed with the leg's own cryptography).
# Compatibility, not every behaviour again: `make test` runs all targets, in every store, once.
MATRIX_TARGETS=(legacy_names ghes lookup_org_secret_info org_secrets_role tls app_auth)
# The collection's unit tests (the simulator's own tests do not depend on ansible-core).
MATRIX_UNITS=(tests/unit/plugins/)

MATRIX="$BUILD/matrix"
install_get_pip_standin
links=$(python_links)
mkdir -p "$MATRIX"

# One ansible-test command in a leg's venv and copy: matrix_step COPY VENV PYTHON_VERSION COMMAND [OPTIONS...]
matrix_step() {
  local copy=$1 venv=$2 python_version=$3
  shift 3
  (cd "$copy" && PATH="$venv/bin:$links:$PATH" ANSIBLE_PYTHON_INTERPRETER="$venv/bin/python" \
    ansible-test "$@" --local --python "$python_version" --color no)
}

# One leg, all output to $MATRIX/CORE.log; its gate lines (as run_gate makes them) to $MATRIX/CORE.gates.
run_leg() {
  local core=$1 python_version=$2 python venv copy step
  local -a extra
  python="$links/python$python_version"
  venv="$MATRIX/ansible-core-$core"
  copy="$MATRIX/leg-$core/ansible_collections/secretops/github"
  GATES_REPORT=()
  GATES_PASSED=0
  GATES_FAILED=0
  if [ ! -x "$python" ]; then
    if [ "${CI:-}" = true ]; then
      # CI must prove every leg: a missing Python there is a failure, not a skip.
      run_gate "ansible-core $core: Python $python_version is not installed" false
    else
      GATES_REPORT+=("SKIP  ansible-core $core: Python $python_version is not installed here")
    fi
    echo "=== ansible-core $core: no Python $python_version ==="
  else
    copy_collection "$copy"
    if [ ! -f "$venv/.installed" ]; then
      rm -rf "$venv"
      "$python" -m venv "$venv" &&
        "$venv/bin/python" -m pip install --quiet "ansible-core==$core" -r "$ROOT/requirements.txt" &&
        touch "$venv/.installed"
    fi
    for step in sanity units integration; do
      echo "=== ansible-core $core (Python $python_version): $step ==="
      extra=()
      [ "$step" = units ] && extra=(--requirements "${MATRIX_UNITS[@]}")
      [ "$step" = integration ] && extra=("${MATRIX_TARGETS[@]}")
      run_gate "ansible-core $core $step" matrix_step "$copy" "$venv" "$python_version" "$step" "${extra[@]}"
    done
  fi
  printf '%s\n' "${GATES_REPORT[@]}" >"$MATRIX/$core.gates"
}

legs=()
lane_pids=()
for lane in "${LANES[@]}"; do
  lane_legs=()
  for leg in $lane; do
    [ "${leg%%:*}" = "$DEV_CORE" ] && continue
    lane_legs+=("$leg")
    legs+=("$leg")
    rm -f "$MATRIX/${leg%%:*}.gates"
  done
  (
    for leg in "${lane_legs[@]}"; do
      echo "started ansible-core ${leg%%:*} (Python ${leg#*:}), output in $MATRIX/${leg%%:*}.log"
      run_leg "${leg%%:*}" "${leg#*:}" >"$MATRIX/${leg%%:*}.log" 2>&1
    done
  ) &
  lane_pids+=($!)
done
wait "${lane_pids[@]}"

# Each leg's output in turn, then one table of every leg's gates.
GATES_REPORT=()
[ -n "$DEV_CORE" ] && GATES_REPORT+=("NOTE  ansible-core $DEV_CORE: make test runs every gate on it")
for leg in "${legs[@]}"; do
  core=${leg%%:*}
  cat "$MATRIX/$core.log"
  if [ ! -s "$MATRIX/$core.gates" ]; then
    echo "FAIL  ansible-core $core: the leg ended without a result" >"$MATRIX/$core.gates"
  fi
  while IFS= read -r line; do
    GATES_REPORT+=("$line")
    case $line in
      PASS*) GATES_PASSED=$((GATES_PASSED + 1)) ;;
      FAIL*) GATES_FAILED=$((GATES_FAILED + 1)) ;;
    esac
  done <"$MATRIX/$core.gates"
done

gates_summary
