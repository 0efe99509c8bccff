"""Fixtures for the collection's unit tests: the bundled simulator in-process, and a client for it."""

import pytest

from ansible_collections.secretops.github.plugins.module_utils._secrets_api import OrgSecretsAPI
from ansible_collections.secretops.github.plugins.module_utils._github_client import GitHubClient
from ansible_collections.secretops.github.tests.simulator.github_simulator import start
from ansible_collections.secretops.github.tests.unit.plugins.helpers import ADMIN_TOKEN, Sleeps


@pytest.fixture
def sim():
    with start() as handle:
        yield handle


@pytest.fixture
def sleeps():
    return Sleeps()


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
def api(client, sleeps):
    return OrgSecretsAPI(client, 'acme')
