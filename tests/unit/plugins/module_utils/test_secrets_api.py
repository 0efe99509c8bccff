"""The secrets endpoints of every store on top of the client, against the simulator."""

import threading

import pytest

from ansible_collections.secretops.github.plugins.module_utils._secrets_api import OrgSecretsAPI
from ansible_collections.secretops.github.plugins.module_utils._errors import (
    GitHubBadRequestError,
    GitHubConflictError,
    GitHubInputError,
    GitHubNotFoundError,
    GitHubPermissionError,
    GitHubValidationError,
)
from ansible_collections.secretops.github.plugins.module_utils._github_client import GitHubClient
from ansible_collections.secretops.github.tests.unit.plugins.helpers import (
    ADMIN_TOKEN,
    FACTS,
    GHES_STORES,
    METADATA_PUT_STORES,
    ONE_STORE,
    OTHER_STORES,
    READONLY_TOKEN,
    STORES,
    VALUE_PUT_STORES,
    add_repositories,
    put_bodies,
    requests_sent,
    secrets_path,
    seed_secrets,
    slow_down,
    store_state,
    stored_secret,
)


def test_put_secret_value_encrypts_with_the_store_key_and_creates(sim, api, store):
    assert api.put_secret_value('DB_PASSWORD', 'hunter2', 'private') is True
    assert stored_secret(sim, store, 'DB_PASSWORD')['value'] == 'hunter2'
    assert put_bodies(sim) == [(secrets_path(store, 'DB_PASSWORD'), {
        'visibility': 'private', 'encrypted_value': '<redacted>', 'key_id': store_state(sim, store)['public_key']['key_id']})]


def test_update_answers_204_and_returns_false(sim, api, store):
    api.put_secret_value('A', 'one', 'all')
    assert api.put_secret_value('A', 'two', 'all') is False
    assert stored_secret(sim, store, 'A')['value'] == 'two'


def test_public_key_is_fetched_once_per_client(sim, api, store):
    for name in ('A', 'B', 'C'):
        api.put_secret_value(name, 'v', 'all')
    assert requests_sent(sim).count(('GET', secrets_path(store, 'public-key'))) == 1


def test_public_key_is_fetched_once_even_by_concurrent_writers(sim, client):
    # The key answers slowly, so every writer asks for it while the first fetch is in flight.
    slow_down(sim, 'public-key$', 0.3)
    apis = [OrgSecretsAPI(client, 'acme', store) for store in STORES]
    writers = [threading.Thread(target=api.put_secret_value, args=('W%d' % i, 'v%d' % i, 'all'))
               for api in apis for i in range(4)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    sent = requests_sent(sim)
    assert [sent.count(('GET', secrets_path(store, 'public-key'))) for store in STORES] == [1, 1, 1]
    assert [len(store_state(sim, store)['secrets']) for store in STORES] == [4, 4, 4]


def test_a_rotated_key_is_refetched_once_and_the_write_retried(sim, api, store):
    api.public_key()
    sim.state.rotate_key(sim.state.get_org('acme'), store)
    api.put_secret_value('ROTATED', 'after-rotation', 'all')
    assert stored_secret(sim, store, 'ROTATED')['value'] == 'after-rotation'
    methods = [m for m, p in requests_sent(sim)]
    assert methods == ['GET', 'PUT', 'GET', 'PUT']


def test_another_store_key_rotating_changes_nothing(sim, api, store):
    api.public_key()
    for other in OTHER_STORES[store]:
        sim.state.rotate_key(sim.state.get_org('acme'), other)
    api.put_secret_value('STEADY', 'v', 'all')
    assert [m for m, p in requests_sent(sim)] == ['GET', 'PUT']


def test_a_422_that_is_not_about_the_key_is_raised_after_one_key_check(sim, api, store):
    with pytest.raises(GitHubValidationError):
        api.put_secret_value('BAD', 'v', 'selected', [999999])
    key = secrets_path(store, 'public-key')
    assert requests_sent(sim) == [('GET', key), ('PUT', secrets_path(store, 'BAD')), ('GET', key)]


def test_selected_always_sends_the_full_list_as_the_store_takes_it(sim, api, store):
    api.put_secret_value('SEL', 'v', 'selected', [1003, 1001])
    assert stored_secret(sim, store, 'SEL')['selected_repository_ids'] == [1001, 1003]
    assert put_bodies(sim)[0][1]['selected_repository_ids'] == FACTS[store].put_ids([1001, 1003])


@pytest.mark.parametrize('store', METADATA_PUT_STORES)
def test_metadata_only_put_has_no_value_and_keeps_it(sim, api, store):
    api.put_secret_value('KEEP', 'original', 'selected', [1002])
    sim.state.clear_log()
    api.put_secret('KEEP', 'selected', [1002, 1001])
    api.put_secret('KEEP', 'private')
    assert put_bodies(sim) == [
        (secrets_path(store, 'KEEP'), {'visibility': 'selected', 'selected_repository_ids': FACTS[store].put_ids([1001, 1002])}),
        (secrets_path(store, 'KEEP'), {'visibility': 'private'})]
    assert stored_secret(sim, store, 'KEEP')['value'] == 'original'
    assert stored_secret(sim, store, 'KEEP')['visibility'] == 'private'


@pytest.mark.parametrize('store', VALUE_PUT_STORES)
def test_a_put_without_value_is_refused_before_any_request_where_the_store_needs_it(sim, api, store):
    api.put_secret_value('KEEP', 'original', 'all')
    sim.state.clear_log()
    with pytest.raises(GitHubInputError) as caught:
        api.put_secret('KEEP', 'private')
    assert caught.value.option == 'value' and FACTS[store].title in str(caught.value)
    assert requests_sent(sim) == []


@pytest.mark.parametrize('body', ['object', 'empty', 'null'])
def test_a_201_body_may_be_empty_object_or_null(sim, api, body):
    sim.state.update_config({'created_body': body})
    assert api.put_secret_value('NEW', 'v', 'all') is True


def test_get_secret_is_none_when_missing_after_one_check_that_the_org_exists(sim, api, store):
    assert api.get_secret('NOPE') is None
    assert requests_sent(sim) == [('GET', secrets_path(store, 'NOPE')), ('GET', secrets_path(store, 'public-key'))]


def test_get_secret_returns_documented_fields_only_upper_case(sim, api, store):
    api.put_secret_value('sel', 'v', 'selected', [1001])
    secret = api.get_secret('Sel')
    assert sorted(secret) == ['created_at', 'name', 'selected_repositories_url', 'updated_at', 'visibility']
    assert secret['name'] == 'SEL' and list(store_state(sim, store)['secrets']) == ['SEL']
    assert secret['selected_repositories_url'] == sim.url + secrets_path(store, 'SEL', 'repositories')
    assert api.selected_repositories_url('SEL') == secret['selected_repositories_url']
    assert [s['name'] for s in api.list_secrets()] == ['SEL']


def test_delete(sim, api, store):
    api.put_secret_value('GONE', 'v', 'all')
    assert api.delete_secret('GONE') is True
    assert stored_secret(sim, store, 'GONE') is None
    assert api.delete_secret('GONE') is False


def test_list_secrets_follows_every_page(sim, api, store):
    seed_secrets(sim, store, [{'name': 'S%03d' % i, 'value': 'v', 'visibility': 'all'} for i in range(250)])
    assert len(api.list_secrets()) == 250
    assert requests_sent(sim) == [('GET', secrets_path(store))] * 3


def test_selected_repositories_over_several_pages(sim, api):
    repos = add_repositories(sim, 150)
    api.put_secret_value('WIDE', 'v', 'selected', [r['id'] for r in repos])
    sim.state.clear_log()
    listed = api.list_selected_repositories('WIDE')
    assert listed == sorted(repos, key=lambda r: r['id'])
    assert len(sim.state.log_entries()) == 2


def test_selected_repositories_set_add_remove_with_integer_ids(sim, api, store):
    api.put_secret_value('SEL', 'v', 'selected', [1001])
    sim.state.clear_log()
    api.add_selected_repository('SEL', 1002)
    api.remove_selected_repository('SEL', 1001)
    assert stored_secret(sim, store, 'SEL')['selected_repository_ids'] == [1002]
    api.set_selected_repositories('SEL', [1004, 1003])
    assert stored_secret(sim, store, 'SEL')['selected_repository_ids'] == [1003, 1004]
    base = secrets_path(store, 'SEL', 'repositories')
    assert [(e['method'], e['path'], e['body']) for e in sim.state.log_entries()] == [
        ('PUT', base + '/1002', None), ('DELETE', base + '/1001', None),
        ('PUT', base, {'selected_repository_ids': [1003, 1004]})]


def test_repositories_of_a_non_selected_secret_conflict(sim, api):
    api.put_secret_value('ALL', 'v', 'all')
    with pytest.raises(GitHubConflictError) as caught:
        api.add_selected_repository('ALL', 1001)
    assert 'visibility=selected' in str(caught.value)


@ONE_STORE
def test_get_repository_and_org_listing(sim, api):
    assert api.get_repository('API') == {'id': 1001, 'name': 'api', 'full_name': 'acme/api'}
    assert api.get_repository('nope') is None
    assert [r['name'] for r in api.list_org_repositories()] == ['api', 'web', 'docs', 'infra', 'mobile', 'data']


@pytest.mark.parametrize('org', ['', '   ', None])
def test_an_empty_org_fails_before_any_request(sim, client, org):
    with pytest.raises(GitHubInputError) as caught:
        OrgSecretsAPI(client, org)
    assert caught.value.option == 'org'
    assert sim.state.log_entries() == []


@pytest.mark.parametrize('name', ['vault', '', 3, 'codespaces/x'])
def test_an_unknown_store_fails_before_any_request(sim, client, name):
    with pytest.raises(GitHubInputError) as caught:
        OrgSecretsAPI(client, 'acme', name)
    assert caught.value.option == 'store'
    assert str(caught.value).startswith('store must be one of codespaces, actions, dependabot, not ')
    assert sim.state.log_entries() == []


def test_the_store_name_is_not_case_sensitive_and_defaults_to_codespaces(client):
    assert OrgSecretsAPI(client, 'acme', ' Actions ').store.name == 'actions'
    assert OrgSecretsAPI(client, 'acme').store.name == 'codespaces'


@pytest.mark.parametrize('read', [lambda api: api.get_secret('X'), lambda api: api.list_secrets(),
                                  lambda api: api.public_key()], ids=['get_secret', 'list_secrets', 'public_key'])
@pytest.mark.parametrize('org', ['nosuch-org', 'lean'], ids=['missing-org', 'plan-without-the-store'])
def test_a_missing_org_or_store_is_an_error_naming_the_store_not_an_absent_secret(sim, client, store, read, org):
    # org lean has every store but this one on its plan
    sim.state.add_org('lean', repositories=['app'], stores=OTHER_STORES[store])
    with pytest.raises(GitHubNotFoundError) as caught:
        read(OrgSecretsAPI(client, org, store))
    message = str(caught.value)
    assert message.startswith('Organization %s does not exist, or ' % org)
    assert FACTS[store].title in message.split(':', maxsplit=1)[0]
    assert 'Check the org option' in message
    assert caught.value.status == 404
    assert all(path.startswith('/orgs/%s/%s/' % (org, store)) for _method, path in requests_sent(sim))


def test_a_missing_org_costs_one_read_of_the_secret_and_one_of_the_key(sim, client, store):
    # the key is fetched beside the secret for a value to write; the secret's 404 does not ask for it again
    api = OrgSecretsAPI(client, 'nosuch-org', store)
    for _attempt in range(2):
        with pytest.raises(GitHubNotFoundError) as caught:
            api.get_secret_with_key('X')
        assert str(caught.value).startswith('Organization nosuch-org does not exist, or ')
    assert sorted(requests_sent(sim)) == [('GET', '/orgs/nosuch-org/%s/secrets/X' % store)] * 2 + [
        ('GET', '/orgs/nosuch-org/%s/secrets/public-key' % store)]


def test_an_org_without_the_store_still_has_the_others(sim, client, store):
    sim.state.add_org('lean', repositories=['app'], stores=[store])
    api = OrgSecretsAPI(client, 'lean', store)
    assert api.put_secret_value('ONLY', 'v', 'all') is True
    assert stored_secret(sim, store, 'ONLY', org='lean')['value'] == 'v'


def test_403_and_404_hints_name_the_store_permissions(make_client, store):
    facts = FACTS[store]
    readonly = OrgSecretsAPI(make_client(token=READONLY_TOKEN), 'acme', store)
    with pytest.raises(GitHubPermissionError) as forbidden:
        readonly.list_secrets()
    hint = forbidden.value.hint
    assert 'The token lacks permission for %s secrets' % facts.title in hint
    assert '"%s"' % facts.fine_grained_permission in hint and facts.app_permission in hint
    assert 'see https://docs.github.com/rest/%s' % store in hint  # the store's REST documentation
    with pytest.raises(GitHubNotFoundError) as missing:
        OrgSecretsAPI(make_client(), 'acme', store).list_selected_repositories('NOPE')
    assert 'Check that the organization (option org) exists' in missing.value.hint
    assert facts.title in missing.value.hint


@pytest.mark.parametrize('org', ['nosuch\r\nX-Evil: 1', 'acme/other', '../acme', 'acmé', ' ', '-acme', 'a' * 101])
def test_an_org_that_cannot_be_a_login_fails_before_any_request(sim, client, org):
    with pytest.raises(GitHubInputError) as caught:
        OrgSecretsAPI(client, org)
    message = str(caught.value)
    assert caught.value.option == 'org' and message.startswith('org ')
    assert '\r' not in message and '\n' not in message and message.isascii()
    assert requests_sent(sim) == []


# -- GitHub Enterprise Server and GHE.com ------------------------------------------


def test_codespaces_on_ghes_fails_naming_store_before_any_request(sim, make_client):
    client = make_client(api_url=sim.url + '/api/v3')
    with pytest.raises(GitHubInputError) as caught:
        OrgSecretsAPI(client, 'acme', 'codespaces')
    assert caught.value.option == 'store'
    assert str(caught.value).startswith('store codespaces does not exist on GitHub Enterprise Server')
    assert 'use store actions or dependabot' in str(caught.value)
    assert sim.state.log_entries() == []


@pytest.mark.parametrize('store', GHES_STORES)
def test_ghes_stores_work_under_api_v3_with_the_ghes_api_version(sim, make_client, store):
    api = OrgSecretsAPI(make_client(api_url=sim.url + '/api/v3'), 'acme', store)
    assert api.put_secret_value('ON_GHES', 'v', 'selected', [1002, 1001]) is True
    assert api.get_secret('on_ghes')['selected_repositories_url'] == sim.url + '/api/v3' + secrets_path(
        store, 'ON_GHES', 'repositories')
    assert [r['id'] for r in api.list_selected_repositories('ON_GHES')] == [1001, 1002]
    assert [s['name'] for s in api.list_secrets()] == ['ON_GHES']
    assert stored_secret(sim, store, 'ON_GHES')['value'] == 'v'
    entries = sim.state.log_entries()
    assert set((e['api_prefix'], e['api_version'], e['store'], e['status'] < 300) for e in entries) == {
        (True, '2022-11-28', store, True)}
    assert put_bodies(sim)[0][1]['selected_repository_ids'] == FACTS[store].put_ids([1001, 1002])


@pytest.mark.parametrize('store', GHES_STORES)
def test_an_explicit_api_version_wins_on_ghes(sim, make_client, store):
    client = make_client(api_url=sim.url + '/api/v3/', api_version='2026-03-10')
    assert client.is_ghes and client.api_version == '2026-03-10'
    with pytest.raises(GitHubBadRequestError):
        OrgSecretsAPI(client, 'acme', store).list_secrets()   # GHES up to 3.20 knows only 2022-11-28
    assert [(e['api_prefix'], e['api_version'], e['status']) for e in sim.state.log_entries()] == [
        (True, '2026-03-10', 400)]


@pytest.mark.parametrize('api_url, ghes, version', [
    ('https://api.github.com/api/v3', False, '2026-03-10'),
    ('https://API.GitHub.com/api/v3/', False, '2026-03-10'),
    ('https://api.acme.ghe.com', False, '2026-03-10'),
    ('https://github.example/api/v3', True, '2022-11-28'),
    ('https://github.example/API/V3/', True, '2022-11-28'),
], ids=['github.com-with-api-v3', 'github.com-any-case', 'ghe.com', 'ghes', 'ghes-any-case'])
def test_what_counts_as_ghes_and_its_default_api_version(api_url, ghes, version):
    client = GitHubClient(api_url, ADMIN_TOKEN)
    assert (client.is_ghes, client.api_version) == (ghes, version)


@pytest.mark.parametrize('api_url', ['https://api.github.com/api/v3', 'https://api.acme.ghe.com'])
def test_codespaces_is_offered_off_ghes_without_any_request(api_url):
    assert OrgSecretsAPI(GitHubClient(api_url, ADMIN_TOKEN), 'acme', 'codespaces').store.name == 'codespaces'
