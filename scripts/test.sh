#!/usr/bin/env bash
# make test: every gate, each in turn, then one line "N passed, N failed".
#   scripts/test.sh [STEP...]   steps: sanity compile units integration docs changelog lint
set -uo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

PYTHON_VERSION=$("$VENV/bin/python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
ALL_STEPS=(sanity compile units integration docs changelog lint)

step_sanity() {
  (cd "$COLLECTION_COPY" && ansible-test sanity --local --python "$PYTHON_VERSION" --color no)
}

step_compile() {
  # Modules run on managed hosts with older Pythons: compile for every one installed here.
  local links
  links=$(python_links)
  (cd "$COLLECTION_COPY" && PATH="$VENV/bin:$links:$PATH" ansible-test sanity --local --test compile --color no)
}

step_units() {
  (cd "$COLLECTION_COPY" && ansible-test units --local --python "$PYTHON_VERSION" --requirements --color no)
}

step_integration() {
  (cd "$COLLECTION_COPY" && ansible-test integration --local --python "$PYTHON_VERSION" --color no)
}

step_docs() {
  (cd "$COLLECTION_COPY" && ANSIBLE_COLLECTIONS_PATH="$BUILD" antsibull-docs lint-collection-docs --plugin-docs .)
}

step_changelog() {
  (cd "$COLLECTION_COPY" && antsibull-changelog lint)
}

step_lint() {
  # The integration targets find each other the way ansible-test runs them: as roles in the targets folder.
  (cd "$COLLECTION_COPY" && ANSIBLE_COLLECTIONS_PATH="$BUILD" ANSIBLE_ROLES_PATH="$COLLECTION_COPY/tests/integration/targets" \
    ansible-lint --offline)
}

steps=("$@")
[ ${#steps[@]} -gt 0 ] || steps=("${ALL_STEPS[@]}")
install_get_pip_standin
copy_collection

passed=0
failed=0
report=()
for step in "${steps[@]}"; do
  if ! declare -F "step_$step" >/dev/null; then
    echo "unknown step: $step (steps: ${ALL_STEPS[*]})" >&2
    exit 2
  fi
  echo "=== $step ==="
  start=$SECONDS
  if "step_$step"; then
    passed=$((passed + 1))
    report+=("PASS  $step ($((SECONDS - start)) s)")
  else
    failed=$((failed + 1))
    report+=("FAIL  $step ($((SECONDS - start)) s)")
  fi
done

echo
printf '%s\n' "${report[@]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
