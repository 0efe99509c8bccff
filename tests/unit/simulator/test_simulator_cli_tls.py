"""The command line (port file, pid file, stdout line, SIGTERM) and HTTPS."""

import os
import re
import select
import signal
import socket
import subprocess
import sys

import pytest
import requests

from ansible_collections.secretops.github.tests.simulator import github_simulator
from ansible_collections.secretops.github.tests.simulator.github_simulator import start
from ansible_collections.secretops.github.tests.simulator.github_simulator.pki import make_test_pki

SIMULATOR_DIR = os.path.dirname(os.path.dirname(os.path.abspath(github_simulator.__file__)))
ADMIN = {'Authorization': 'Bearer sim-admin-token'}


@pytest.fixture(name='tls_files')
def tls_files_fixture(tmp_path):
    """A test CA and a server certificate signed by it: (ca, cert, key)."""
    return make_test_pki(str(tmp_path / 'pki'))


def run_cli(tmp_path, *extra):
    env = dict(os.environ)
    env['PYTHONPATH'] = os.pathsep.join(p for p in (SIMULATOR_DIR, env.get('PYTHONPATH')) if p)
    files = {name: tmp_path / name for name in ('port', 'pid', 'log')}
    proc = subprocess.Popen(  # pylint: disable=consider-using-with
        [sys.executable, '-m', 'github_simulator', '--port', '0', '--port-file', str(files['port']), '--pid-file', str(files['pid']),
         '--log-file', str(files['log'])] + list(extra),
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    ready, _w, _x = select.select([proc.stdout], [], [], 20)
    if not ready:
        proc.kill()
        pytest.fail('the simulator printed nothing within 20 s')
    return proc, proc.stdout.readline(), files


def stop_cli(proc):
    proc.send_signal(signal.SIGTERM)
    try:
        assert proc.wait(10) == 0
    finally:
        proc.kill()
        out, err = proc.communicate()
    return out, err


def test_cli_port_file_pid_file_and_sigterm(tmp_path):
    proc, line, files = run_cli(tmp_path, '--latency-ms', '1')
    try:
        match = re.fullmatch(r'github-simulator listening on http://127\.0\.0\.1:(\d+)\n', line)
        assert match, line
        port = int(match.group(1))
        assert int(files['port'].read_text()) == port
        assert int(files['pid'].read_text()) == proc.pid
        url = 'http://127.0.0.1:%d' % port
        assert requests.get(url + '/_simulator/health', timeout=5).json() == {'ok': True}
        assert requests.get(url + '/api/v3/orgs/acme', headers=ADMIN, timeout=5).json()['login'] == 'acme'
    finally:
        out, err = stop_cli(proc)
    assert out == '' and err == ''
    assert not files['port'].exists() and not files['pid'].exists()
    assert 'sim-admin-token' not in files['log'].read_text()
    assert 'GET /api/v3/orgs/acme 200' in files['log'].read_text()


def test_cli_refuses_a_bad_seed(tmp_path):
    seed = tmp_path / 'seed.json'
    seed.write_text('{"orgs": [{"login": "-bad-"}]}')
    env = dict(os.environ, PYTHONPATH=SIMULATOR_DIR)
    result = subprocess.run([sys.executable, '-m', 'github_simulator', '--seed', str(seed)], env=env, capture_output=True, text=True,
                            timeout=30, check=False)
    assert result.returncode == 1
    assert 'invalid seed' in result.stderr


def test_tls_in_process(tls_files):
    ca, cert, key = tls_files
    with start(tls_cert=cert, tls_key=key) as sim:
        assert sim.url.startswith('https://127.0.0.1:')
        with requests.Session() as session:
            session.headers.update(ADMIN)
            # verify per request: REQUESTS_CA_BUNDLE in the environment would override Session.verify.
            resp = session.post(sim.url + '/_simulator/orgs/acme/secrets', verify=ca, timeout=5, json={'store': 'actions', 'secrets': [
                {'name': 'TLS', 'value': 'v', 'visibility': 'selected'}]})
            assert resp.status_code == 201
            got = session.get(sim.url + '/api/v3/orgs/acme/actions/secrets/TLS', verify=ca, timeout=5).json()
            assert got['selected_repositories_url'].startswith(sim.url + '/api/v3/')
            session.post(sim.url + '/_simulator/faults/rules', json={'path': 'TLS', 'action': 'reset'}, verify=ca, timeout=5)
            with pytest.raises(requests.exceptions.ConnectionError):
                session.get(sim.url + '/orgs/acme/actions/secrets/TLS', verify=ca, timeout=5)
            assert session.get(sim.url + '/orgs/acme/actions/secrets/TLS', verify=ca, timeout=5).status_code == 200
        # The certificate is not trusted unless the client says so.
        with pytest.raises(requests.exceptions.SSLError):
            requests.get(sim.url + '/_simulator/health', verify=True, timeout=5)
        assert requests.get(sim.url + '/_simulator/health', verify=ca, timeout=5).json() == {'ok': True}


def test_tls_cli_line(tmp_path, tls_files):
    ca, cert, key = tls_files
    proc, line, _files = run_cli(tmp_path, '--tls-cert', cert, '--tls-key', key)
    try:
        match = re.fullmatch(r'github-simulator listening on https://127\.0\.0\.1:(\d+)\n', line)
        assert match, line
        assert requests.get('https://127.0.0.1:%s/_simulator/health' % match.group(1), verify=ca, timeout=5).json() == {'ok': True}
    finally:
        stop_cli(proc)


def test_tls_dir_makes_its_own_ca(tmp_path):
    proc, line, _files = run_cli(tmp_path, '--tls-dir', str(tmp_path / 'pki'))
    try:
        match = re.fullmatch(r'github-simulator listening on https://127\.0\.0\.1:(\d+)\n', line)
        assert match, line
        url = 'https://127.0.0.1:%s/_simulator/health' % match.group(1)
        assert requests.get(url, verify=str(tmp_path / 'pki' / 'ca.pem'), timeout=5).json() == {'ok': True}
        with pytest.raises(requests.exceptions.SSLError):
            requests.get(url, verify=True, timeout=5)
    finally:
        stop_cli(proc)


def test_reset_is_a_tcp_reset(sim):
    requests.post(sim.url + '/_simulator/faults/rules', json={'action': 'reset'}, timeout=5)
    with socket.create_connection((sim.host, sim.port), timeout=5) as conn:
        conn.sendall(b'GET /orgs/acme HTTP/1.1\r\nHost: x\r\n\r\n')
        with pytest.raises(ConnectionResetError):
            while conn.recv(1024):
                pass


def test_the_integration_setup_role_ships_every_simulator_file():
    # ansible-test copies only the files a target needs: a simulator module missing from the
    # setup role's aliases makes every integration target fail to start the simulator.
    here = os.path.dirname(os.path.abspath(__file__))
    package = os.path.join(here, '..', '..', 'simulator', 'github_simulator')
    aliases = os.path.join(here, '..', '..', 'integration', 'targets', 'setup_github_simulator', 'aliases')
    with open(aliases) as handle:
        needed = set(line.strip() for line in handle if line.startswith('needs/file/'))
    modules = set('needs/file/tests/simulator/github_simulator/' + name
                  for name in os.listdir(package) if name.endswith('.py'))
    assert modules <= needed, sorted(modules - needed)
