"""The codespaces_org_secret_info lookup, loaded the way Ansible loads it, against the simulator."""

import pytest

from ansible.errors import AnsibleError
from ansible.parsing.dataloader import DataLoader
from ansible.plugins.loader import lookup_loader
from ansible.template import Templar

try:
    from ansible.template import trust_as_template  # ansible-core 2.19+: only trusted strings are templated
except ImportError:
    def trust_as_template(value):
        return value

from ansible_collections.secretops.github.plugins.lookup import org_secret_info as lookup_module
from ansible_collections.secretops.github.tests.unit.plugins.helpers import (
    ADMIN_TOKEN,
    READONLY_TOKEN,
    requests_sent,
    seed_secrets,
)

VALUE = 'lookup-plaintext-value'


@pytest.fixture(name='lookup')
def lookup_fixture(sim, monkeypatch):
    for name in ('GITHUB_TOKEN', 'GH_TOKEN', 'GITHUB_API_URL'):
        monkeypatch.delenv(name, raising=False)
    seed_secrets(sim, [
        {'name': 'ALPHA', 'value': VALUE, 'visibility': 'all'},
        {'name': 'BETA', 'value': VALUE, 'visibility': 'selected', 'selected_repository_ids': [1002, 1001]},
        {'name': 'GAMMA', 'value': VALUE, 'visibility': 'private'},
    ])
    plugin = lookup_loader.get('secretops.github.codespaces_org_secret_info')

    def run(*terms, variables=None, **kwargs):
        if variables is None:
            kwargs.setdefault('org', 'acme')
            kwargs.setdefault('token', ADMIN_TOKEN)
            kwargs.setdefault('api_url', sim.url)
        result = plugin.run(list(terms), variables=variables or {}, **kwargs)
        assert VALUE not in str(result)
        return result
    return run


def test_no_terms_returns_every_secret_in_one_request(sim, lookup):
    result = lookup()
    assert [s['name'] for s in result] == ['ALPHA', 'BETA', 'GAMMA']
    assert result[0] == dict((k, result[0][k]) for k in ('name', 'created_at', 'updated_at', 'visibility'))
    assert len(requests_sent(sim)) == 1


def test_terms_are_names_in_their_order(sim, lookup):
    assert [s['name'] for s in lookup('gamma', 'alpha')] == ['GAMMA', 'ALPHA']
    assert [s['name'] for s in lookup(['beta', 'alpha'])] == ['BETA', 'ALPHA']


def test_one_name_costs_one_get(sim, lookup):
    assert lookup('beta')[0]['visibility'] == 'selected'
    assert requests_sent(sim) == [('GET', '/orgs/acme/codespaces/secrets/BETA')]


def test_include_repositories(lookup):
    beta = lookup('beta', include_repositories=True)[0]
    assert [r['full_name'] for r in beta['selected_repositories']] == ['acme/api', 'acme/web']


def test_missing_is_an_error_naming_it(lookup):
    with pytest.raises(AnsibleError) as caught:
        lookup('alpha', 'nope', 'missing_too')
    message = str(caught.value)
    assert 'Codespaces secret(s) NOPE, MISSING_TOO not found in the organization acme' in message
    assert 'on_missing=warn or on_missing=skip' in message


def test_missing_can_be_skipped(lookup):
    assert [s['name'] for s in lookup('alpha', 'nope', on_missing='skip')] == ['ALPHA']


def test_missing_can_warn(lookup, monkeypatch):
    warnings = []
    monkeypatch.setattr(lookup_module.display, 'warning', warnings.append)
    assert [s['name'] for s in lookup('nope', on_missing='warn')] == []
    assert warnings == ['Codespaces secret(s) NOPE not found in the organization acme']


def test_options_from_variables(sim, lookup):
    variables = {'secretops_github_org': 'acme', 'secretops_github_token': ADMIN_TOKEN, 'secretops_github_api_url': sim.url}
    assert len(lookup(variables=variables)) == 3


def test_options_from_variables_are_templated(sim, lookup):
    # Play variables reach a lookup untemplated, as they are written in the play.
    variables = {'secretops_github_org': 'acme', 'secretops_github_token': ADMIN_TOKEN,
                 'secretops_github_api_url': trust_as_template('{{ simulator_url }}'), 'simulator_url': sim.url}
    loader = DataLoader()
    plugin = lookup_loader.get('secretops.github.codespaces_org_secret_info', loader=loader,
                               templar=Templar(loader=loader, variables=variables))
    assert len(plugin.run([], variables=variables)) == 3


def test_token_and_url_from_the_environment(sim, lookup, monkeypatch):
    monkeypatch.setenv('GH_TOKEN', ADMIN_TOKEN)
    monkeypatch.setenv('GITHUB_API_URL', sim.url)
    assert len(lookup(variables={'secretops_github_org': 'acme'})) == 3


def test_keyword_arguments_win_over_variables(sim, lookup):
    variables = {'secretops_github_org': 'acme', 'secretops_github_token': 'wrong-token', 'secretops_github_api_url': sim.url}
    plugin = lookup_loader.get('secretops.github.codespaces_org_secret_info')
    assert len(plugin.run([], variables=variables, token=ADMIN_TOKEN)) == 3


@pytest.mark.parametrize('kwargs, text', [
    ({'token': READONLY_TOKEN}, 'admin:org'),
    ({'token': ''}, 'No GitHub token: set the token option, or the GITHUB_TOKEN or GH_TOKEN environment variable'),
    ({'org': 'no-such-org'}, 'HTTP 404'),
    ({'api_version': 'v3'}, "api_version 'v3' is not a GitHub API version"),
])
def test_errors_are_lookup_errors_with_a_hint(lookup, kwargs, text):
    with pytest.raises(AnsibleError) as caught:
        lookup(**kwargs)
    assert text in str(caught.value)
    assert ADMIN_TOKEN not in str(caught.value) and READONLY_TOKEN not in str(caught.value)


def test_a_bad_name_term_fails_before_any_request(sim, lookup):
    with pytest.raises(AnsibleError) as caught:
        lookup('bad-name')
    assert "term 'bad-name' is not a valid secret name" in str(caught.value)
    assert requests_sent(sim) == []


def test_missing_org_says_where_to_set_it(sim, lookup):
    plugin = lookup_loader.get('secretops.github.codespaces_org_secret_info')
    with pytest.raises(AnsibleError) as caught:
        plugin.run([], variables={}, token=ADMIN_TOKEN, api_url=sim.url)
    assert 'org' in str(caught.value)
    assert requests_sent(sim) == []
