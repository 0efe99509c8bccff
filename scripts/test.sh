#!/usr/bin/env bash
# make test: every gate, each in turn, then one line "N passed, N failed".
#   scripts/test.sh [STEP...]   steps: sanity compile units integration system docs changelog lint packaging
set -uo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

PYTHON_VERSION=$("$VENV/bin/python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
ALL_STEPS=(sanity compile units integration system docs changelog lint packaging)

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
  # Fragments are valid, and CHANGELOG.md is what antsibull-changelog makes of changelogs/.
  (cd "$COLLECTION_COPY" && antsibull-changelog lint && antsibull-changelog lint-changelog-yaml changelogs/changelog.yaml &&
    ANSIBLE_COLLECTIONS_PATH="$BUILD" antsibull-changelog generate && git diff --exit-code -- CHANGELOG.md)
}

step_system() {
  # Whole-playbook tests of the installed collection: AWX-style ansible-runner job, ad-hoc commands.
  install_collection >/dev/null && (cd "$ROOT" && "$VENV/bin/python" -m pytest -q -p no:cacheprovider tests/system)
}

step_packaging() {
  local dist="$BUILD/package" tarball plugin_type plugins
  rm -rf "$dist" && mkdir -p "$dist" || return 1
  (cd "$COLLECTION_COPY" && ansible-galaxy collection build --output-path "$dist" >/dev/null) || return 1
  tarball=$(ls "$dist"/secretops-github-*.tar.gz)
  echo "built $tarball"
  # galaxy-importer (its own ansible-test is off: it needs containers) exits 0 even when it warns.
  # (It writes importer_result.json into the current directory.)
  (cd "$dist" && python -m galaxy_importer.main "$tarball" >"$dist/importer.log" 2>&1) || { cat "$dist/importer.log"; return 1; }
  if grep -E '^(WARNING|ERROR)' "$dist/importer.log"; then
    echo "galaxy-importer warned; full log: $dist/importer.log"
    return 1
  fi
  echo "galaxy-importer: no warnings"
  ANSIBLE_COLLECTIONS_PATH="$dist/collections" ansible-galaxy collection install --force -p "$dist/collections" "$tarball" >/dev/null ||
    return 1
  # An execution environment built with this collection gets its Python libraries.
  ansible-builder introspect --sanitize "$dist/collections" >"$dist/introspect.txt" || return 1
  if ! grep -Eq "^- 'requests[>=<]" "$dist/introspect.txt" || ! grep -Eq "^- 'pynacl[>=<]" "$dist/introspect.txt"; then
    echo "ansible-builder introspect did not list requests and pynacl:"
    cat "$dist/introspect.txt"
    return 1
  fi
  echo "ansible-builder introspect: requests and pynacl"
  # ansible-doc renders every plugin and the role of the installed collection.
  for plugin_type in module lookup role; do
    plugins=$(ANSIBLE_COLLECTIONS_PATH="$dist/collections" ansible-doc -t "$plugin_type" -l secretops.github -j |
      python -c 'import json, sys; print(" ".join(sorted(json.load(sys.stdin))))') || return 1
    [ -n "$plugins" ] || { echo "ansible-doc lists no $plugin_type"; return 1; }
    # shellcheck disable=SC2086
    ANSIBLE_COLLECTIONS_PATH="$dist/collections" ansible-doc -t "$plugin_type" $plugins >/dev/null || return 1
    echo "ansible-doc -t $plugin_type: $plugins"
  done
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

for step in "${steps[@]}"; do
  if ! declare -F "step_$step" >/dev/null; then
    echo "unknown step: $step (steps: ${ALL_STEPS[*]})" >&2
    exit 2
  fi
  echo "=== $step ==="
  run_gate "$step" "step_$step"
done
gates_summary
