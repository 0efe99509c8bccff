"""Fixtures for the simulator tests: a fresh simulator per test and a small client for it."""

import pytest
import requests

from ansible_collections.secretops.github.tests.simulator.github_simulator import seal, start

ADMIN_TOKEN = 'sim-admin-token'


class Client:
    """requests.Session bound to one simulator, with the admin token and the usual GitHub headers."""

    def __init__(self, simulator, token=ADMIN_TOKEN):
        self.sim = simulator
        self.session = requests.Session()
        self.session.headers.update({
            'Accept': 'application/vnd.github+json',
            'X-GitHub-Api-Version': '2026-03-10',
            'User-Agent': 'simulator-tests/1.0',
        })
        if token:
            self.session.headers['Authorization'] = 'Bearer ' + token

    def request(self, method, path, **kwargs):
        kwargs.setdefault('timeout', 10)
        return self.session.request(method, self.sim.url + path, **kwargs)

    def get(self, path, **kwargs):
        return self.request('GET', path, **kwargs)

    def put(self, path, **kwargs):
        return self.request('PUT', path, **kwargs)

    def delete(self, path, **kwargs):
        return self.request('DELETE', path, **kwargs)

    def post(self, path, **kwargs):
        return self.request('POST', path, **kwargs)

    seal = staticmethod(seal)

    def public_key(self, org='acme'):
        return self.get('/orgs/%s/codespaces/secrets/public-key' % org).json()

    def secret_body(self, value, visibility='all', org='acme', **extra):
        key = self.public_key(org)
        body = {'encrypted_value': seal(key['key'], value), 'key_id': key['key_id'], 'visibility': visibility}
        body.update(extra)
        return body

    def create(self, name, value='s3cr3t', visibility='all', org='acme', **extra):
        resp = self.put('/orgs/%s/codespaces/secrets/%s' % (org, name), json=self.secret_body(value, visibility, org, **extra))
        assert resp.status_code in (201, 204), resp.text
        return resp

    def stored(self, name, org='acme'):
        """The simulator's view of a secret (decrypted value included), or None."""
        return self.sim.state.snapshot()['orgs'][org]['secrets'].get(name)

    def requests_log(self):
        return self.get('/_simulator/requests').json()['requests']

    def close(self):
        self.session.close()


@pytest.fixture
def sim():
    handle = start()
    yield handle
    handle.stop()


@pytest.fixture
def gh(sim):  # pylint: disable=redefined-outer-name
    client = Client(sim)
    yield client
    client.close()


@pytest.fixture
def client_for(sim):  # pylint: disable=redefined-outer-name
    """Make clients with other tokens (or none)."""
    made = []

    def make(token):
        made.append(Client(sim, token))
        return made[-1]

    yield make
    for client in made:
        client.close()
