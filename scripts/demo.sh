#!/usr/bin/env bash
# make demo: build and install the collection, start the simulator, run playbooks/demo.yml, stop it.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
SIMULATOR_TOKEN=sim-admin-token

install_collection

url=$(scripts/simulator.sh start "$BUILD/demo" --seed scripts/demo_seed.json)
trap 'scripts/simulator.sh stop "$BUILD/demo"' EXIT
echo "GitHub API simulator at $url (token $SIMULATOR_TOKEN, organization acme)"

ANSIBLE_CALLBACK_RESULT_FORMAT=yaml \
ANSIBLE_LOCALHOST_WARNING=false \
ANSIBLE_INVENTORY_UNPARSED_WARNING=false \
GITHUB_API_URL="$url" \
GITHUB_TOKEN="$SIMULATOR_TOKEN" \
  ansible-playbook playbooks/demo.yml -e demo_org=acme "$@"
