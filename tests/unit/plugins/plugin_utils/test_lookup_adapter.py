"""The lookup side: options -> client, GitHubError -> AnsibleLookupError."""

import pytest

from ansible.errors import AnsibleLookupError

from ansible_collections.secretops.github.plugins.module_utils._errors import (
    GitHubDependencyError,
    GitHubInputError,
    GitHubNotFoundError,
)
from ansible_collections.secretops.github.plugins.plugin_utils._lookup_adapter import secrets_api, lookup_error
from ansible_collections.secretops.github.tests.unit.plugins.helpers import ADMIN_TOKEN


class FakePlugin:
    """Just the part of a lookup the adapter uses: get_option after set_options."""

    def __init__(self, **options):
        self.options = dict(org=None, store='codespaces', token=None, app_id=None, app_installation_id=None,
                            app_private_key=None, app_private_key_path=None, api_url=None, api_version=None, validate_certs=True,
                            ca_path=None, timeout=30, max_retries=3, max_retry_wait=60)
        self.options.update(options)

    def get_option(self, name):
        return self.options[name]


def test_builds_an_api_for_the_org_and_store(sim, store):
    api = secrets_api(FakePlugin(org='acme', store=store, token=ADMIN_TOKEN, api_url=sim.url))
    assert (api.org, api.store.name) == ('acme', store)
    assert api.list_secrets() == []
    assert [entry['store'] for entry in sim.state.log_entries()] == [store]


def test_codespaces_on_ghes_stays_typed_for_the_translator(sim):
    with pytest.raises(GitHubInputError) as caught:
        secrets_api(FakePlugin(org='acme', token=ADMIN_TOKEN, api_url=sim.url + '/api/v3'))
    assert str(lookup_error(caught.value)).startswith('store codespaces does not exist on GitHub Enterprise Server')
    assert sim.state.log_entries() == []


def test_missing_org_says_where_to_set_it():
    with pytest.raises(AnsibleLookupError) as caught:
        secrets_api(FakePlugin(token=ADMIN_TOKEN))
    assert 'org' in str(caught.value) and 'secretops_github_org' in str(caught.value)


def test_connection_option_errors_stay_typed_for_the_translator(sim):
    with pytest.raises(GitHubInputError) as caught:
        secrets_api(FakePlugin(org='acme', api_url=sim.url))
    assert 'GITHUB_TOKEN' in str(lookup_error(caught.value))


def test_http_errors_become_lookup_errors_with_the_hint():
    error = GitHubNotFoundError('GET /x failed: HTTP 404 Not Found', status=404, hint='Check the org')
    translated = lookup_error(error)
    assert isinstance(translated, AnsibleLookupError)
    assert str(translated) == 'GET /x failed: HTTP 404 Not Found. Check the org'


def test_missing_library_tells_how_to_install_it():
    assert 'pip install pynacl' in str(lookup_error(GitHubDependencyError('PyNaCl', 'Traceback')))
