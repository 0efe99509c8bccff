#!/usr/bin/env bash
# Hostile and careless input to every module, the lookup, the bulk module and the role, at -vvvv.
# The play checks each case (failed, message, no traceback, no PUT/DELETE); this script then scans
# everything ansible-playbook printed for secrets and bare Python errors, and fails naming what leaked.
# No `set -x`: the token is made here and must not be echoed.
set -eu -o pipefail
workdir="${OUTPUT_DIR}/github-sim"
log="${OUTPUT_DIR}/hostile_input-vvvv.log"
token_vars="${OUTPUT_DIR}/hostile_token.yml"
# Whatever happens to the play, the simulator goes away with this script.
trap 'if [ -s "${workdir}/pid" ]; then kill "$(cat "${workdir}/pid")" 2>/dev/null || true; fi; rm -f "${token_vars}"' EXIT

# A token of our own, unique to this run, so any trace of it in the output is a leak.
token="hostile-admin-token-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
(umask 077 && printf 'hostile_token: %s\n' "${token}" >"${token_vars}")

echo "hostile_input: running the play at -vvvv, full output in ${log}"
play_rc=0
ANSIBLE_ROLES_PATH=.. ansible-playbook -vvvv -i "${INVENTORY_PATH}" playbook.yml \
  -e github_sim_workdir="${workdir}" -e "@${token_vars}" "$@" >"${log}" 2>&1 || play_rc=$?

# The scan. Fixed strings, case-sensitive; every one must be absent from the whole output.
leaks=0
scan() {
  local what=$1 needle=$2 hits
  hits=$(grep -c -F -e "${needle}" "${log}" || true)
  if [ "${hits}" -gt 0 ]; then
    echo "LEAK: ${what} appears on ${hits} line(s) of ${log}; first ones:"
    { grep -n -m 5 -F -e "${needle}" "${log}" || true; } | cut -c1-400 | sed "s/${token}/<the token>/g"
    leaks=$((leaks + 1))
  fi
}
scan "the run's admin token" "${token}"
scan "a token prefix (hostile-admin-token)" "hostile-admin-token"
scan "a bad token given to a case (hostile-bad-token)" "hostile-bad-token"
scan "a secret value (hostile-secret-value)" "hostile-secret-value"
scan "the password inside an api_url (hostile-url-password)" "hostile-url-password"
for python_error in 'Traceback' 'UnicodeEncodeError' 'UnicodeDecodeError' 'ValueError:' 'TypeError:' 'KeyError' \
  'AttributeError' 'IndexError' 'OverflowError' 'invalid literal for int' 'object has no attribute' "codec can't" \
  'Port out of range' 'Invalid IPv6 URL' 'is not iterable' "'NoneType' object" 'InvalidHeader' 'LocationParseError' \
  'MODULE FAILURE' 'surrogates not allowed' 'ordinal not in range' 'Failed to parse: ' 'Invalid value NaN' \
  'out of range for platform' 'Invalid leading whitespace'; do
  scan "bare Python error text '${python_error}'" "${python_error}"
done

grep -E '^(PLAY RECAP|testhost +:)' "${log}" || true
if [ "${play_rc}" -ne 0 ]; then
  echo "hostile_input: the play failed (rc ${play_rc}); the failing cases:"
  { grep -F 'HOSTILE CASE FAILED' "${log}" || true; } | sed 's/^ *"msg": //' | sort -u | cut -c1-600
  tail -n 30 "${log}"
fi
if [ "${leaks}" -gt 0 ]; then
  echo "hostile_input: ${leaks} forbidden string(s) in the -vvvv output (see LEAK lines above)"
fi
if [ "${play_rc}" -ne 0 ] || [ "${leaks}" -gt 0 ]; then
  exit 1
fi
echo "hostile_input: every case failed cleanly and nothing leaked at -vvvv"
