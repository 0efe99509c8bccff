"""Helpers shared by the unit tests (fixtures are in conftest.py)."""

import time

import pytest

ADMIN_TOKEN = 'sim-admin-token'
READONLY_TOKEN = 'sim-readonly-token'
STORES = ('codespaces', 'actions', 'dependabot')
WRITES = ('PUT', 'DELETE')

# For a test whose subject plays no part in the store (input rejected before any request, the
# environment, the transport): run it once, in the default store, instead of once per store.
ONE_STORE = pytest.mark.parametrize('store', ['codespaces'])


class StoreFacts:
    """What the tests expect of one store, written down from the design and the API reference
    (not read from the plugins' store table, which is what they check)."""

    def __init__(self, title, fine_grained_permission, app_permission, visibility_change_needs_value,
                 put_ids_as_strings, on_ghes):
        self.title = title
        self.fine_grained_permission = fine_grained_permission
        self.app_permission = app_permission
        # Actions: GitHub requires the value with every secret PUT, so a visibility change needs it.
        self.visibility_change_needs_value = visibility_change_needs_value
        # Dependabot: selected_repository_ids of the create/update PUT are strings of digits.
        self.put_ids_as_strings = put_ids_as_strings
        self.on_ghes = on_ghes

    def put_ids(self, ids):
        """selected_repository_ids as the create/update PUT of this store sends them."""
        return [str(i) for i in ids] if self.put_ids_as_strings else list(ids)

    def selection_change(self, store, name, ids):
        """(path, body) of the one write that changes only the selected repositories of a selected secret
        (no value given): the repositories endpoint where a secret PUT needs the value, else a secret PUT
        without it."""
        if self.visibility_change_needs_value:
            return secrets_path(store, name, 'repositories'), {'selected_repository_ids': list(ids)}
        return secrets_path(store, name), {'visibility': 'selected', 'selected_repository_ids': self.put_ids(ids)}


FACTS = {
    'codespaces': StoreFacts('Codespaces', 'Organization codespaces secrets', 'organization_codespaces_secrets',
                             visibility_change_needs_value=False, put_ids_as_strings=False, on_ghes=False),
    'actions': StoreFacts('Actions', 'Secrets', 'organization_secrets',
                          visibility_change_needs_value=True, put_ids_as_strings=False, on_ghes=True),
    'dependabot': StoreFacts('Dependabot', 'Organization dependabot secrets', 'organization_dependabot_secrets',
                             visibility_change_needs_value=False, put_ids_as_strings=True, on_ghes=True),
}


# Stores where a visibility change of an existing secret needs no value (a secret PUT without
# encrypted_value), and those where it must re-send one (Actions).
METADATA_PUT_STORES = [name for name in STORES if not FACTS[name].visibility_change_needs_value]
VALUE_PUT_STORES = [name for name in STORES if FACTS[name].visibility_change_needs_value]
GHES_STORES = [name for name in STORES if FACTS[name].on_ghes]
# For each store, the two others.
OTHER_STORES = dict((name, [other for other in STORES if other != name]) for name in STORES)


class Sleeps(list):
    """Stands in for time.sleep: records the waits instead of waiting."""

    def __call__(self, seconds):
        self.append(seconds)


def secrets_path(store, *segments, org='acme'):
    """The API path of a store's secrets, or of something under it: secrets_path('actions', 'X', 'repositories')."""
    return '/'.join(('/orgs/%s/%s/secrets' % (org, store),) + tuple(str(s) for s in segments))


def requests_sent(sim):
    """(method, path) of every request the simulator saw, in order."""
    return [(entry['method'], entry['path']) for entry in sim.state.log_entries()]


def writes_sent(sim):
    """(method, path) of every PUT and DELETE the simulator saw."""
    return [r for r in requests_sent(sim) if r[0] in WRITES]


def put_bodies(sim):
    """(path, body) of every PUT, as the log keeps it (encrypted_value redacted)."""
    return [(e['path'], e['body']) for e in sim.state.log_entries() if e['method'] == 'PUT']


def store_state(sim, store, org='acme'):
    """The simulator's view of one store of an org: public_key and secrets (with decrypted values)."""
    return sim.state.snapshot()['orgs'][org]['stores'][store]


def stored_secret(sim, store, name, org='acme'):
    """The simulator's record of a secret, with its decrypted value, or None."""
    return store_state(sim, store, org)['secrets'].get(name)


def stored_names(sim, store, org='acme'):
    return sorted(store_state(sim, store, org)['secrets'])


def add_repositories(sim, count, prefix='svc', org='acme'):
    """Add ``count`` numbered repositories to the org; return their minimal dicts."""
    organization = sim.state.get_org(org)
    names = sim.state.numbered_repo_names(organization, prefix, count)
    created = sim.state.add_repositories(organization, names)
    return [{'id': r.id, 'name': r.name, 'full_name': '%s/%s' % (organization.login, r.name)} for r in created]


def seed_secrets(sim, store, specs, org='acme'):
    """Store secrets directly in a store of the simulator (no API request): specs as the control endpoint takes them."""
    sim.state.seed_secrets(sim.state.get_org(org), specs, store=store)


def slow_down(sim, path, delay, method='GET'):
    """Every matching request is answered ``delay`` seconds late (path: a regex searched in the path)."""
    sim.faults.add_rule({'action': 'delay', 'delay': delay, 'method': method, 'path': path, 'times': None})


class Stopwatch:
    """with Stopwatch() as watch: ...; watch.seconds"""

    def __enter__(self):
        self.started = time.monotonic()
        return self

    def __exit__(self, *exc_info):
        self.seconds = time.monotonic() - self.started


# YAML that is not a string where a secret value is expected: never converted silently.
NON_STRING_VALUES = [83, 1.1, True, {'key': 'dict-value-Z7'}, ['list-value-Z7']]


def assert_must_quote(result, option):
    """A module failed because ``option`` was not a string, and said to quote it."""
    assert result['failed'] is True
    assert '%s must be a string' % option in result['msg'] and 'quote it' in result['msg']
