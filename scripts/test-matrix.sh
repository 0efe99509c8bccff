#!/usr/bin/env bash
# make test-matrix: sanity, units and integration on every supported ansible-core, each in its
# own venv with its own Python. A leg whose Python is not installed is skipped with a note, except
# under CI (CI=true), where it fails the run.
set -uo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

# ansible-core version and the Python it runs on.
LEGS=("2.17.14 3.11" "2.18.19 3.11" "2.19.14 3.11" "2.20.10 3.12" "2.21.5 3.13")

# The integration targets of each leg: every module, the lookup and both roles, old and new names.
MATRIX_TARGETS=(legacy_names ghes lookup_org_secret_info org_secrets_role tls)

# Its own copy, so `make test` can run at the same time.
copy="$BUILD/matrix/ansible_collections/secretops/github"
install_get_pip_standin
copy_collection "$copy"
links=$(python_links)

# One ansible-test command in the leg's venv: matrix_step VENV PYTHON_VERSION COMMAND [OPTIONS...]
matrix_step() {
  local venv=$1 python_version=$2
  shift 2
  (cd "$copy" && PATH="$venv/bin:$links:$PATH" ANSIBLE_PYTHON_INTERPRETER="$venv/bin/python" \
    ansible-test "$@" --local --python "$python_version" --color no)
}

for leg in "${LEGS[@]}"; do
  read -r core python_version <<<"$leg"
  python="$links/python$python_version"
  if [ ! -x "$python" ]; then
    if [ "${CI:-}" = true ]; then
      # CI must prove every leg: a missing Python there is a failure, not a skip.
      run_gate "ansible-core $core: Python $python_version is not installed" false
    else
      GATES_REPORT+=("SKIP  ansible-core $core: Python $python_version is not installed here")
    fi
    echo "=== ansible-core $core: no Python $python_version ==="
    continue
  fi
  venv="$BUILD/matrix/ansible-core-$core"
  if [ ! -f "$venv/.installed" ]; then
    rm -rf "$venv"
    "$python" -m venv "$venv" &&
      "$venv/bin/python" -m pip install --quiet "ansible-core==$core" -r "$ROOT/requirements.txt" &&
      touch "$venv/.installed"
  fi
  for step in sanity units integration; do
    echo "=== ansible-core $core (Python $python_version): $step ==="
    extra=()
    [ "$step" = units ] && extra=(--requirements)
    # Compatibility, not every behaviour again: targets that touch every plugin, the first names,
    # GHES and TLS. `make test` runs all targets, in every store, once.
    [ "$step" = integration ] && extra=("${MATRIX_TARGETS[@]}")
    run_gate "ansible-core $core $step" matrix_step "$venv" "$python_version" "$step" "${extra[@]}"
  done
done

gates_summary
