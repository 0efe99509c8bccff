"""The org_secret_info lookup, loaded the way Ansible loads it, against the simulator, in every store."""

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
from ansible_collections.secretops.github.plugins.plugin_utils import _lookup_adapter as lookup_adapter
from ansible_collections.secretops.github.tests.unit.plugins.helpers import (
    ADMIN_TOKEN,
    FACTS,
    ONE_STORE,
    OTHER_STORES,
    READONLY_TOKEN,
    requests_sent,
    secrets_path,
    seed_secrets,
)

VALUE = 'lookup-plaintext-value'


LOOKUP = 'secretops.github.org_secret_info'


@pytest.fixture(name='lookup')
def lookup_fixture(sim, clean_env, store):
    """The lookup on three secrets of ``store`` (the other stores hold one decoy each); without ``variables``,
    org, token, api_url and store are passed as keywords."""
    seed_secrets(sim, store, [
        {'name': 'ALPHA', 'value': VALUE, 'visibility': 'all'},
        {'name': 'BETA', 'value': VALUE, 'visibility': 'selected', 'selected_repository_ids': [1002, 1001]},
        {'name': 'GAMMA', 'value': VALUE, 'visibility': 'private'},
    ])
    for other in OTHER_STORES[store]:
        seed_secrets(sim, other, [{'name': 'DECOY_%s' % other.upper(), 'value': VALUE, 'visibility': 'all'}])
    plugin = lookup_loader.get(LOOKUP)

    def run(*terms, variables=None, **kwargs):
        if variables is None:
            kwargs.setdefault('org', 'acme')
            kwargs.setdefault('token', ADMIN_TOKEN)
            kwargs.setdefault('api_url', sim.url)
            kwargs.setdefault('store', store)
        result = plugin.run(list(terms), variables=variables or {}, **kwargs)
        assert VALUE not in str(result)
        return result
    return run


def connection_variables(sim, store=None, **more):
    variables = {'secretops_github_org': 'acme', 'secretops_github_token': ADMIN_TOKEN,
                 'secretops_github_api_url': sim.url}
    if store is not None:
        variables['secretops_github_store'] = store
    variables.update(more)
    return variables


@pytest.mark.parametrize('answer', [None, ['GAMMA', 'ALPHA', 'BETA']], ids=['sorted', 'unsorted'])
def test_no_terms_returns_every_secret_of_the_store_by_name_in_one_request(sim, lookup, store, answer):
    if answer:
        secrets = [{'name': name, 'visibility': 'all', 'created_at': '2026-01-01T00:00:00Z',
                    'updated_at': '2026-01-01T00:00:00Z'} for name in answer]
        sim.faults.add_rule({'action': 'status', 'status': 200, 'method': 'GET', 'path': 'secrets$',
                             'body': {'total_count': len(secrets), 'secrets': secrets}})
    result = lookup()
    assert [s['name'] for s in result] == ['ALPHA', 'BETA', 'GAMMA']
    assert result[0] == dict((k, result[0][k]) for k in ('name', 'created_at', 'updated_at', 'visibility'))
    assert requests_sent(sim) == [('GET', secrets_path(store))]


def test_terms_are_names_in_their_order(sim, lookup):
    assert [s['name'] for s in lookup('gamma', 'alpha')] == ['GAMMA', 'ALPHA']
    assert [s['name'] for s in lookup(['beta', 'alpha'])] == ['BETA', 'ALPHA']


def test_one_name_costs_one_get(sim, lookup, store):
    assert lookup('beta')[0]['visibility'] == 'selected'
    assert requests_sent(sim) == [('GET', secrets_path(store, 'BETA'))]


def test_include_repositories(lookup):
    beta = lookup('beta', include_repositories=True)[0]
    assert [r['full_name'] for r in beta['selected_repositories']] == ['acme/api', 'acme/web']


def test_missing_is_an_error_naming_it_and_the_store(lookup, store):
    with pytest.raises(AnsibleError) as caught:
        lookup('alpha', 'nope', 'missing_too')
    message = str(caught.value)
    assert '%s secret(s) NOPE, MISSING_TOO not found in the organization acme' % FACTS[store].title in message
    assert 'on_missing=warn or on_missing=skip' in message


def test_missing_can_be_skipped(lookup):
    assert [s['name'] for s in lookup('alpha', 'nope', on_missing='skip')] == ['ALPHA']


def test_missing_can_warn(lookup, monkeypatch, store):
    warnings = []
    monkeypatch.setattr(lookup_module.display, 'warning', warnings.append)
    assert [s['name'] for s in lookup('nope', on_missing='warn')] == []
    assert warnings == ['%s secret(s) NOPE not found in the organization acme' % FACTS[store].title]


def test_options_from_variables_store_included(sim, lookup, store):
    assert [s['name'] for s in lookup(variables=connection_variables(sim, store))] == ['ALPHA', 'BETA', 'GAMMA']
    assert set(entry['store'] for entry in sim.state.log_entries()) == {store}


def test_the_store_keyword_wins_over_the_store_variable(sim, lookup, store):
    variables = connection_variables(sim, OTHER_STORES[store][0])
    assert [s['name'] for s in lookup(variables=variables, store=store)] == ['ALPHA', 'BETA', 'GAMMA']


@ONE_STORE
def test_without_store_the_lookup_reads_codespaces(sim, lookup):
    assert [s['name'] for s in lookup(variables=connection_variables(sim))] == ['ALPHA', 'BETA', 'GAMMA']
    assert requests_sent(sim) == [('GET', secrets_path('codespaces'))]


@ONE_STORE
def test_an_unknown_store_fails_before_any_request(sim, lookup):
    with pytest.raises(AnsibleError) as caught:
        lookup(store='vault')
    assert 'store' in str(caught.value) and 'vault' in str(caught.value)
    assert requests_sent(sim) == []


def templated_lookup(variables):
    loader = DataLoader()
    return lookup_loader.get(LOOKUP, loader=loader, templar=Templar(loader=loader, variables=variables))


def test_options_from_variables_are_templated(sim, lookup, store):
    # Play variables reach a lookup untemplated, as they are written in the play.
    variables = connection_variables(sim, store, secretops_github_api_url=trust_as_template('{{ simulator_url }}'),
                                     simulator_url=sim.url)
    assert len(templated_lookup(variables).run([], variables=variables)) == 3


@ONE_STORE
def test_a_templated_store_variable_is_templated(sim, lookup):
    variables = connection_variables(sim, trust_as_template('{{ wanted_store }}'), wanted_store='codespaces')
    assert len(templated_lookup(variables).run([], variables=variables)) == 3


@ONE_STORE
@pytest.mark.parametrize('env', [
    {'GH_TOKEN': ADMIN_TOKEN},
    {'GITHUB_TOKEN': ADMIN_TOKEN, 'GH_TOKEN': 'not-a-valid-token'},   # GITHUB_TOKEN wins
    {'GITHUB_TOKEN': '', 'GH_TOKEN': ADMIN_TOKEN},                     # an empty variable counts as unset
])
def test_token_and_url_from_the_environment(sim, lookup, monkeypatch, env):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv('GITHUB_API_URL', sim.url)
    assert len(lookup(variables={'secretops_github_org': 'acme', 'secretops_github_store': 'codespaces'})) == 3


@ONE_STORE
@pytest.mark.parametrize('env, direct, token, api_url', [
    ({'GITHUB_API_URL': ''}, {}, 'direct-token', 'https://api.github.com'),
    ({'GITHUB_API_URL': 'https://ghe.example/api/v3'}, {}, 'direct-token', 'https://ghe.example/api/v3'),
    ({'GITHUB_API_URL': 'https://ghe.example/api/v3'}, {'api_url': ''}, 'direct-token', ''),  # explicit stays empty
    ({'GITHUB_TOKEN': '', 'GH_TOKEN': 'gh-token'}, {'token': None}, 'gh-token', 'https://api.github.com'),
    ({'GITHUB_TOKEN': 'github-token', 'GH_TOKEN': 'gh-token'}, {'token': None}, 'github-token', 'https://api.github.com'),
])
def test_connection_options_resolve_the_environment(lookup, monkeypatch, env, direct, token, api_url):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    plugin = lookup_loader.get(LOOKUP)
    plugin.set_options(var_options={}, direct=dict(dict(org='acme', token='direct-token'), **direct))
    options = lookup_adapter.connection_options(plugin)
    assert (options['token'], options['api_url']) == (token, api_url)


@ONE_STORE
def test_keyword_arguments_win_over_variables(sim, lookup, store):
    variables = connection_variables(sim, store, secretops_github_token='wrong-token')
    assert len(lookup_loader.get(LOOKUP).run([], variables=variables, token=ADMIN_TOKEN)) == 3


@ONE_STORE
@pytest.mark.parametrize('kwargs, text', [
    ({'token': ''}, 'No GitHub token: set the token option, or the GITHUB_TOKEN or GH_TOKEN environment variable'),
    ({'api_version': 'v3'}, "api_version 'v3' is not a GitHub API version"),
    ({'api_url': ''}, 'api_url is empty'),
])
def test_errors_are_lookup_errors_with_a_hint(lookup, kwargs, text):
    with pytest.raises(AnsibleError) as caught:
        lookup(**kwargs)
    assert text in str(caught.value)
    assert ADMIN_TOKEN not in str(caught.value) and READONLY_TOKEN not in str(caught.value)


@pytest.mark.parametrize('kwargs, texts', [
    ({'token': READONLY_TOKEN}, lambda facts: ['admin:org', facts.app_permission, '"%s"' % facts.fine_grained_permission]),
    ({'org': 'no-such-org'}, lambda facts: ['HTTP 404', 'Organization no-such-org does not exist', facts.title]),
])
def test_http_errors_are_lookup_errors_with_the_store_hint(lookup, store, kwargs, texts):
    with pytest.raises(AnsibleError) as caught:
        lookup(**kwargs)
    message = str(caught.value)
    assert [text for text in texts(FACTS[store]) if text not in message] == []
    assert ADMIN_TOKEN not in message and READONLY_TOKEN not in message


@ONE_STORE
@pytest.mark.parametrize('term, text', [
    ('bad-name', "term 'bad-name' is not a valid secret name"),
    (12, 'term must be a secret name (a string such as MY_SECRET), not int 12'),
    ('', 'term is empty'),
])
def test_a_bad_name_term_fails_before_any_request(sim, lookup, term, text):
    with pytest.raises(AnsibleError) as caught:
        lookup(term)
    assert text in str(caught.value)
    assert requests_sent(sim) == []


@pytest.mark.parametrize('terms', [('x',), ('x', 'y')])
def test_a_missing_org_is_an_error_even_when_missing_secrets_are_skipped(sim, lookup, store, terms):
    with pytest.raises(AnsibleError) as caught:
        lookup(*terms, org='nosuch-org', on_missing='skip')
    assert 'Organization nosuch-org does not exist' in str(caught.value)
    assert FACTS[store].title in str(caught.value)


@ONE_STORE
def test_missing_org_says_where_to_set_it(sim, lookup):
    plugin = lookup_loader.get(LOOKUP)
    with pytest.raises(AnsibleError) as caught:
        plugin.run([], variables={}, token=ADMIN_TOKEN, api_url=sim.url)
    assert str(caught.value).startswith('The org option is required: pass org=... to the lookup, set the '
                                        'secretops_github_org variable, or org in the [secretops_github] section')
    assert requests_sent(sim) == []
