"""Helpers shared by the unit tests (fixtures are in conftest.py)."""

ADMIN_TOKEN = 'sim-admin-token'
READONLY_TOKEN = 'sim-readonly-token'


class Sleeps(list):
    """Stands in for time.sleep: records the waits instead of waiting."""

    def __call__(self, seconds):
        self.append(seconds)


def requests_sent(sim):
    """(method, path) of every request the simulator saw, in order."""
    return [(entry['method'], entry['path']) for entry in sim.state.log_entries()]


def stored_secret(sim, name, org='acme'):
    """The simulator's record of a secret, with its decrypted value, or None."""
    return sim.state.snapshot()['orgs'][org]['secrets'].get(name)


def add_repositories(sim, count, prefix='svc', org='acme'):
    """Add ``count`` numbered repositories to the org; return their minimal dicts."""
    organization = sim.state.get_org(org)
    names = sim.state.numbered_repo_names(organization, prefix, count)
    created = sim.state.add_repositories(organization, names)
    return [{'id': r.id, 'name': r.name, 'full_name': '%s/%s' % (organization.login, r.name)} for r in created]


def seed_secrets(sim, specs, org='acme'):
    """Store secrets directly in the simulator (no API request): specs as the control endpoint takes them."""
    sim.state.seed_secrets(sim.state.get_org(org), specs)


# YAML that is not a string where a secret value is expected: never converted silently.
NON_STRING_VALUES = [83, 1.1, True, {'key': 'dict-value-Z7'}, ['list-value-Z7']]


def assert_must_quote(result, option):
    """A module failed because ``option`` was not a string, and said to quote it."""
    assert result['failed'] is True
    assert '%s must be a string' % option in result['msg'] and 'quote it' in result['msg']
