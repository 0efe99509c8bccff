"""No value, ciphertext or token in any output: at -vvvv, with --diff, with --check, on success and
on every failure path, in stdout, stderr, the task results and ansible-runner's job events."""

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys

import ansible_runner
import pytest
import yaml
from github_simulator import seal

from conftest import ansible_env, event_texts

PLAYBOOK = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'secrecy_playbook.yml')


def closed_port_url():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return 'http://127.0.0.1:%d' % sock.getsockname()[1]


@pytest.fixture(name='secrecy')
def secrecy_fixture(sim):
    """Extra vars for the playbook, the faults its failure tasks meet, and every string that must not leak."""
    tag = secrets.token_hex(6)
    token, readonly, bad = ('secrecy-token-' + tag, 'secrecy-readonly-' + tag, 'secrecy-bad-token-' + tag)
    sim.state.add_token(token, ['admin:org', 'repo'])
    sim.state.add_token(readonly, ['repo'])
    values = ['secrecy-value-%d-%s' % (index, tag) for index in range(6)]
    sealed_plaintext = 'secrecy-sealed-plaintext-' + tag
    key = sim.state.snapshot()['orgs']['acme']['public_key']
    sealed = seal(key['key'], sealed_plaintext)
    for rule in ({'action': 'rate_limit', 'path': 'SECRECY_RATE_LIMITED', 'reset_in': 3600, 'times': None},
                 {'action': 'status', 'status': 503, 'path': 'SECRECY_EXHAUSTED', 'times': None},
                 {'action': 'status', 'status': 500, 'method': 'PUT', 'path': 'SECRECY_PARTIAL_FAILS', 'times': None}):
        sim.faults.add_rule(rule)
    extravars = {
        'secrecy_token': token, 'secrecy_readonly_token': readonly, 'secrecy_bad_token': bad,
        'secrecy_api_url': sim.url, 'secrecy_closed_url': closed_port_url(),
        'secrecy_values': values, 'secrecy_sealed': sealed, 'secrecy_key_id': key['key_id'],
    }
    forbidden = values + [sealed_plaintext, sealed, token, readonly, bad]
    return extravars, forbidden


def assert_nothing_leaks(sim, forbidden, outputs):
    """outputs: {what: text}. The ciphertexts GitHub (the simulator) received count as secrets too."""
    received = list(sim.state.ciphertexts)
    for what, text in outputs.items():
        for secret in forbidden + received:
            assert secret not in text, 'a secret (%s...) appears in %s' % (secret[:12], what)


def assert_plugins_ran(sim, values):
    stored = sim.state.snapshot()['orgs']['acme']['secrets']
    assert stored['SECRECY_ONE']['value'] == values[1]
    assert stored['SECRECY_ONE']['selected_repository_ids'] == [1001, 1002]
    assert stored['SECRECY_SEALED']['value'].startswith('secrecy-sealed-plaintext-')
    assert stored['SECRECY_BULK_2']['value'] == values[3]
    assert stored['SECRECY_ROLE']['value'] == values[4]
    assert 'SECRECY_PARTIAL_FAILS' not in stored


def run_playbook(tmp_path, collections_path, extravars, *options):
    extra = tmp_path / 'extravars.json'
    extra.write_text(json.dumps(extravars))
    proc = subprocess.run([os.path.join(os.path.dirname(sys.executable), 'ansible-playbook'), PLAYBOOK, '-vvvv',
                           '-e', '@' + str(extra)] + list(options),
                          env=ansible_env(collections_path), capture_output=True, text=True, check=False)
    # Kept for whoever has to look at a failure.
    (tmp_path / 'stdout.txt').write_text(proc.stdout)
    (tmp_path / 'stderr.txt').write_text(proc.stderr)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    return proc


def test_vvvv_with_diff(tmp_path, sim, collections_path, secrecy):
    extravars, forbidden = secrecy
    proc = run_playbook(tmp_path, collections_path, extravars, '--diff')
    assert_plugins_ran(sim, extravars['secrecy_values'])
    assert '"value": "rewritten (not shown)"' in proc.stdout
    assert len(sim.state.ciphertexts) >= 6
    # every failure path ran and failed: twelve ignored, two rescued
    assert proc.stdout.count('...ignoring') == 12
    assert 'rescued=2' in proc.stdout
    for message in ('bytes of UTF-8; GitHub allows at most 49152', 'mutually exclusive', 'HTTP 422', 'admin:org', 'Bad credentials',
                    'retry after', 'HTTP 503', 'Connection refused', 'TLS handshake', '1 of 2 changes failed',
                    'SECRECY_MISSING not found', 'value of visibility must be one of', "'secrecy-bad-name' is not a valid"):
        assert message in proc.stdout, message
    assert_nothing_leaks(sim, forbidden, {'stdout': proc.stdout, 'stderr': proc.stderr})


def test_vvvv_with_check_and_diff(tmp_path, sim, collections_path, secrecy):
    extravars, forbidden = secrecy
    # The secret that later tasks update must exist: check mode creates nothing.
    seeded = {'name': 'SECRECY_ONE', 'value': 'seeded-' + extravars['secrecy_values'][0], 'visibility': 'selected',
              'selected_repository_ids': [1001]}
    sim.state.seed_secrets(sim.state.get_org('acme'), [seeded])
    before = sim.state.snapshot()['orgs']['acme']['secrets']
    forbidden = forbidden + [seeded['value']]
    proc = run_playbook(tmp_path, collections_path, extravars, '--check', '--diff')
    assert '"value": "set (not shown)"' in proc.stdout and '"value": "rewritten (not shown)"' in proc.stdout
    assert sim.state.snapshot()['orgs']['acme']['secrets'] == before
    assert [e for e in sim.state.log_entries() if e['method'] in ('PUT', 'DELETE') and e['status'] in (200, 201, 204)] == []
    assert_nothing_leaks(sim, forbidden, {'stdout': proc.stdout, 'stderr': proc.stderr})


def test_ansible_runner_job_events(tmp_path, sim, collections_path, secrecy):
    extravars, forbidden = secrecy
    data = tmp_path / 'job'
    for sub in ('project', 'env', 'inventory'):
        (data / sub).mkdir(parents=True)
    shutil.copy(PLAYBOOK, str(data / 'project' / 'site.yml'))
    (data / 'inventory' / 'hosts').write_text('localhost ansible_connection=local ansible_python_interpreter=%s\n' % sys.executable)
    (data / 'env' / 'envvars').write_text(yaml.safe_dump(ansible_env(collections_path)))
    (data / 'env' / 'extravars').write_text(yaml.safe_dump(extravars))
    runner = ansible_runner.run(private_data_dir=str(data), playbook='site.yml', verbosity=4, cmdline='--diff', quiet=True)
    assert runner.status == 'successful', runner.stdout.read()[-4000:]
    assert_plugins_ran(sim, extravars['secrecy_values'])
    events = event_texts(runner.config.artifact_dir)
    results = [json.dumps(json.loads(text).get('event_data', {}).get('res', {})) for text in events]
    assert any('"secret": {' in text for text in results)
    outputs = dict(('job event %d' % index, text) for index, text in enumerate(events))
    outputs['stdout'] = runner.stdout.read()
    assert_nothing_leaks(sim, forbidden, outputs)


# A JWT's header as this collection writes it, base64url: its start in any output means a JWT leaked.
JWT_HEADER = 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9'
APP_PLAYBOOK = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'secrecy_app_playbook.yml')


def test_vvvv_as_a_github_app(tmp_path, sim, collections_path, secrecy):
    """The PEM, the JWT and the installation token appear nowhere, on success or failure."""
    extravars, forbidden = secrecy
    app = sim.state.apps.add_app({})
    sim.state.install_app(app, {'org': 'acme', 'permissions': {
        'organization_secrets': 'write', 'organization_codespaces_secrets': 'write'}})
    pem = app.private_key_pem
    extravars = dict(extravars, secrecy_app_id=str(app.id), secrecy_app_pem=pem)
    extra = tmp_path / 'extravars.json'
    extra.write_text(json.dumps(extravars))
    proc = subprocess.run([os.path.join(os.path.dirname(sys.executable), 'ansible-playbook'), APP_PLAYBOOK, '-vvvv',
                           '--diff', '-e', '@' + str(extra)],
                          env=ansible_env(collections_path), capture_output=True, text=True, check=False)
    (tmp_path / 'stdout.txt').write_text(proc.stdout)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    stores = sim.state.snapshot()['orgs']['acme']['stores']
    assert stores['actions']['secrets']['SECRECY_APP']['value'] == extravars['secrecy_values'][0]
    assert stores['codespaces']['secrets']['SECRECY_APP_BULK']['value'] == extravars['secrecy_values'][2]
    assert stores['actions']['secrets']['SECRECY_APP_ROLE']['value'] == extravars['secrecy_values'][3]
    assert {e['auth_kind'] for e in sim.state.log_entries()} == {'jwt', 'installation'}
    assert proc.stdout.count('...ignoring') == 4
    for message in ('no organization_dependabot_secrets permission', 'Check app_id', 'is not a PEM private key',
                    'token and app_id are mutually exclusive'):
        assert message in proc.stdout, message
    pem_lines = [line for line in pem.splitlines() if line and not line.startswith('-----')]
    assert_nothing_leaks(sim, forbidden + pem_lines + [JWT_HEADER, 'ghs_'],
                         {'stdout': proc.stdout, 'stderr': proc.stderr})
