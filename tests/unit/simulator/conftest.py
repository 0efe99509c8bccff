"""Fixtures for the simulator tests: a fresh simulator per test and a small client for it.

The client's store-aware helpers default to the Codespaces store; ``store`` is a fixture
parametrised over the three stores, ``ghes`` a client speaking to the /api/v3 (GHES) routes.
"""

import pytest
import requests

from ansible_collections.secretops.github.tests.simulator.github_simulator import seal, start

ADMIN_TOKEN = 'sim-admin-token'
STORES = ('codespaces', 'actions', 'dependabot')


def secrets_path(store='codespaces', org='acme'):
    return '/orgs/%s/%s/secrets' % (org, store)


class Client:
    """requests.Session bound to one simulator, with the admin token and the usual GitHub headers.

    prefix ('/api/v3' for GHES) goes before every GitHub path, never before /_simulator paths.
    """

    def __init__(self, simulator, token=ADMIN_TOKEN, prefix='', api_version='2026-03-10'):
        self.sim = simulator
        self.prefix = prefix
        self.session = requests.Session()
        self.session.headers.update({
            'Accept': 'application/vnd.github+json',
            'X-GitHub-Api-Version': api_version,
            'User-Agent': 'simulator-tests/1.0',
        })
        if token:
            self.session.headers['Authorization'] = 'Bearer ' + token

    def request(self, method, path, **kwargs):
        kwargs.setdefault('timeout', 10)
        prefix = '' if path.startswith('/_simulator') else self.prefix
        return self.session.request(method, self.sim.url + prefix + path, **kwargs)

    def get(self, path, **kwargs):
        return self.request('GET', path, **kwargs)

    def put(self, path, **kwargs):
        return self.request('PUT', path, **kwargs)

    def delete(self, path, **kwargs):
        return self.request('DELETE', path, **kwargs)

    def post(self, path, **kwargs):
        return self.request('POST', path, **kwargs)

    seal = staticmethod(seal)

    def public_key(self, org='acme', store='codespaces'):
        return self.get(secrets_path(store, org) + '/public-key').json()

    def secret_body(self, value, visibility='all', org='acme', store='codespaces', **extra):
        key = self.public_key(org, store)
        body = {'encrypted_value': seal(key['key'], value), 'key_id': key['key_id'], 'visibility': visibility}
        body.update(extra)
        return body

    def create(self, name, value='s3cr3t', visibility='all', org='acme', store='codespaces', **extra):
        resp = self.put('%s/%s' % (secrets_path(store, org), name), json=self.secret_body(value, visibility, org, store, **extra))
        assert resp.status_code in (201, 204), resp.text
        return resp

    def stored(self, name, org='acme', store='codespaces'):
        """The simulator's view of a secret (decrypted value included), or None."""
        return self.sim.state.snapshot()['orgs'][org]['stores'][store]['secrets'].get(name)

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


@pytest.fixture(params=STORES)
def store(request):
    """Each of the three secret stores in turn."""
    return request.param


@pytest.fixture
def ghes(sim):  # pylint: disable=redefined-outer-name
    """A client of the GitHub Enterprise Server routes: /api/v3, API version 2022-11-28."""
    client = Client(sim, prefix='/api/v3', api_version='2022-11-28')
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
