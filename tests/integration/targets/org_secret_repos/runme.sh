#!/usr/bin/env bash
# A script target because the parallel test needs ten forks (-f 10).
set -eux
workdir="${OUTPUT_DIR}/github-sim"
# Whatever happens to the plays, the simulator goes away with this script.
trap 'if [ -s "${workdir}/pid" ]; then kill "$(cat "${workdir}/pid")" 2>/dev/null || true; fi' EXIT
ANSIBLE_ROLES_PATH=.. ansible-playbook -i "${INVENTORY_PATH}" -f 10 playbook.yml -e github_sim_workdir="${workdir}" "$@"
