#!/usr/bin/env bash
# The first names of the modules, the lookup and the role still work exactly as before. A script target
# so that an ad-hoc command can use an old name between the two playbooks.
set -eux
workdir="${OUTPUT_DIR}/github-sim"
# Whatever happens to the plays, the simulator goes away with this script.
trap 'if [ -s "${workdir}/pid" ]; then kill "$(cat "${workdir}/pid")" 2>/dev/null || true; fi' EXIT
ANSIBLE_ROLES_PATH=.. ansible-playbook -i "${INVENTORY_PATH}" start.yml -e github_sim_workdir="${workdir}" "$@"
url="http://127.0.0.1:$(cat "${workdir}/port")"

# Ad hoc, twice: created, then (update_value=on_create) unchanged; the value never printed.
adhoc() {
  ansible -i "${INVENTORY_PATH}" testhost -m secretops.github.codespaces_org_secret \
    -a "org=acme token=sim-admin-token api_url=${url} name=adhoc_secret value=adhoc-value-Tt42 visibility=private update_value=on_create"
}
adhoc > "${workdir}/adhoc-1.out"
adhoc > "${workdir}/adhoc-2.out"
cat "${workdir}/adhoc-1.out" "${workdir}/adhoc-2.out"
grep -q '^testhost | CHANGED' "${workdir}/adhoc-1.out"
grep -q '^testhost | SUCCESS' "${workdir}/adhoc-2.out"
if grep -q 'adhoc-value-Tt42' "${workdir}/adhoc-1.out" "${workdir}/adhoc-2.out"; then echo 'the value was printed' >&2; exit 1; fi

ANSIBLE_ROLES_PATH=.. ansible-playbook -i "${INVENTORY_PATH}" playbook.yml -e github_sim_url="${url}" \
  -e github_sim_pid="$(cat "${workdir}/pid")" -e "{\"github_sim_dir\": {\"path\": \"${workdir}\"}}" "$@"
