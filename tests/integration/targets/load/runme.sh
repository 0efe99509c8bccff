#!/usr/bin/env bash
# A script target because the load test needs twenty forks (-f 20): 20 workers with 5 secrets each.
set -eux
workdir="${OUTPUT_DIR}/github-sim"
# Whatever happens to the plays, the simulator goes away with this script.
trap 'if [ -s "${workdir}/pid" ]; then kill "$(cat "${workdir}/pid")" 2>/dev/null || true; fi' EXIT
ANSIBLE_ROLES_PATH=.. ansible-playbook -i "${INVENTORY_PATH}" -f 20 playbook.yml -e github_sim_workdir="${workdir}" \
  -e '{"load_workers": 20, "load_per_worker": 5, "load_total": 100}' "$@"
