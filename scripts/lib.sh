# shellcheck shell=bash
# Shared settings for the scripts: paths, the venv, and a copy of the collection where ansible-test needs it.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD="$ROOT/.build"
VENV="$ROOT/.venv"
COLLECTION_COPY="$BUILD/ansible_collections/secretops/github"
export PATH="$VENV/bin:$PATH"
# Interpreter discovery would find pyenv shims that exit 127 on these machines.
export ANSIBLE_PYTHON_INTERPRETER="$VENV/bin/python"

# ansible-test only works on a collection that really sits at .../ansible_collections/NS/NAME
# (a symlink is not enough), so copy the working tree there: tracked and new files that git
# does not ignore, and .git so ansible-test lists the same files.
copy_collection() {
  local dest=${1:-$COLLECTION_COPY}
  rm -rf "$dest"
  mkdir -p "$dest"
  (
    cd "$ROOT" || exit 1
    git ls-files -z --cached --others --exclude-standard |
      while IFS= read -r -d '' file; do [ -e "$file" ] && printf '%s\0' "$file"; done |
      tar --null -T - -cf - | tar -xf - -C "$dest"
    cp -a .git "$dest/.git"
  )
}

# ansible-test downloads a get-pip script for each venv it makes; these machines cannot reach
# that host, so put a stand-in where ansible-test looks first (one per pip version it may ask for).
install_get_pip_standin() {
  local cache="$HOME/.ansible/test/cache" version
  mkdir -p "$cache"
  for version in 23_1_2 24_2 25_2; do
    cp "$ROOT/scripts/get_pip_standin.py" "$cache/get_pip_${version}.py"
  done
}

# Build the collection and install it into .build/collections (what make demo and make benchmark use).
install_collection() {
  local version
  version=$(sed -n 's/^version: *//p' "$ROOT/galaxy.yml")
  export ANSIBLE_COLLECTIONS_PATH="$BUILD/collections"
  (cd "$ROOT" && ansible-galaxy collection build --force --output-path "$BUILD/dist" . >/dev/null)
  ansible-galaxy collection install --force -p "$BUILD/collections" "$BUILD/dist/secretops-github-$version.tar.gz" >/dev/null
  echo "Installed secretops.github $version into $BUILD/collections"
}

# A folder of pythonX.Y links to the pyenv builds that exist, so ansible-test can compile for
# every Python the modules support; the pyenv shims for non-global versions exit 127.
python_links() {
  local dir="$BUILD/pythons" root version
  mkdir -p "$dir"
  root=$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")
  for version in 3.8 3.9 3.10 3.11 3.12 3.13; do
    for candidate in "$root"/versions/"$version".*/bin/python"$version"; do
      [ -x "$candidate" ] && ln -sf "$candidate" "$dir/python$version" && break
    done
  done
  echo "$dir"
}

# Gate bookkeeping shared by test.sh and test-matrix.sh: `run_gate LABEL COMMAND...` for each gate,
# then `gates_summary`, which prints the table and the closing line and fails if a gate failed.
GATES_PASSED=0
GATES_FAILED=0
GATES_REPORT=()

run_gate() {
  local label=$1 start=$SECONDS
  shift
  if "$@"; then
    GATES_PASSED=$((GATES_PASSED + 1))
    GATES_REPORT+=("PASS  $label ($((SECONDS - start)) s)")
  else
    GATES_FAILED=$((GATES_FAILED + 1))
    GATES_REPORT+=("FAIL  $label ($((SECONDS - start)) s)")
  fi
}

gates_summary() {
  echo
  printf '%s\n' "${GATES_REPORT[@]}"
  echo "$GATES_PASSED passed, $GATES_FAILED failed"
  [ "$GATES_FAILED" -eq 0 ]
}
