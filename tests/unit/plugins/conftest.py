"""Fixtures for the collection's unit tests: the bundled simulator in-process, and a client for it.

``store`` is parametrised over the three secret stores, so every test that uses it (directly, or
through ``api`` or a module runner) runs once per store. A test whose subject plays no part in the
store (input rejected before any request, the transport) narrows it with ``helpers.ONE_STORE``.
"""

import pytest

from ansible_collections.secretops.github.plugins.module_utils._secrets_api import OrgSecretsAPI
from ansible_collections.secretops.github.plugins.module_utils._github_client import GitHubClient
from ansible_collections.secretops.github.tests.simulator.github_simulator import start
from ansible_collections.secretops.github.tests.unit.plugins.helpers import ADMIN_TOKEN, STORES, Sleeps


@pytest.fixture
def sim():
    with start() as handle:
        yield handle


@pytest.fixture
def sleeps():
    return Sleeps()


@pytest.fixture(params=STORES)
def store(request):
    """The secret store under test: codespaces, actions, dependabot."""
    return request.param


@pytest.fixture
def make_client(sim, sleeps):
    clients = []

    def make(**kwargs):
        kwargs.setdefault('api_url', sim.url)
        kwargs.setdefault('token', ADMIN_TOKEN)
        kwargs.setdefault('sleep', sleeps)
        client = GitHubClient(**kwargs)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def client(make_client):
    return make_client()


@pytest.fixture
def api(client, store):
    return OrgSecretsAPI(client, 'acme', store)


@pytest.fixture(name='clean_env')
def clean_env_fixture(monkeypatch):
    """No connection option from the environment of the test run."""
    for name in ('GITHUB_TOKEN', 'GH_TOKEN', 'GITHUB_API_URL'):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch
