#!/usr/bin/env bash
# make benchmark: install the collection and, for the benchmark only, the peer (community.general),
# then time the role, a loop of org_secret, a loop of community.general.github_secrets and a loop of
# ansible.builtin.ping (Ansible's own cost per task) on the Actions store, and the role on 1,000 secrets.
#   scripts/benchmark.sh [--count N] [--large-count N] [--latency-ms MS] [--approaches role,module_loop,peer_loop,floor_loop,uri_loop]
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

# community.general.github_secrets (since community.general 12.5.0) comes from the collections bundled
# in the `ansible` package on PyPI (the only registry these machines reach). That wheel asks for
# Python 3.12, but only its community.general directory is extracted, which runs on our ansible-core.
# It is never a dependency of secretops.github: it lives in .build/benchmark/collections only.
PEER_ANSIBLE_VERSION=14.5.0 # bundles community.general 13.5.0
PEER_DIR="$BUILD/benchmark/collections"

install_peer() {
  local stamp="$PEER_DIR/.from-ansible-$PEER_ANSIBLE_VERSION" download="$BUILD/benchmark/download"
  if [ -f "$stamp" ]; then
    echo "community.general from ansible $PEER_ANSIBLE_VERSION already in $PEER_DIR"
    return
  fi
  rm -rf "$PEER_DIR" "$download"
  "$VENV/bin/python" -m pip download --quiet --no-deps --only-binary=:all: --python-version 3.12 \
    --dest "$download" "ansible==$PEER_ANSIBLE_VERSION"
  "$VENV/bin/python" - "$download"/ansible-"$PEER_ANSIBLE_VERSION"-*.whl "$PEER_DIR" <<'EOF'
import sys
import zipfile

prefix = 'ansible_collections/community/general/'
with zipfile.ZipFile(sys.argv[1]) as wheel:
    members = [name for name in wheel.namelist() if name.startswith(prefix)]
    wheel.extractall(sys.argv[2], members)
print('Extracted %d files of community.general into %s' % (len(members), sys.argv[2]))
EOF
  rm -rf "$download"
  touch "$stamp"
}

install_collection
install_peer
"$VENV/bin/python" "$ROOT/benchmarks/run.py" --peer-collections "$PEER_DIR" "$@"
