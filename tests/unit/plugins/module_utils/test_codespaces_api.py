"""The Codespaces endpoints on top of the client, against the simulator."""

import pytest

from ansible_collections.secretops.github.plugins.module_utils._secrets_api import OrgSecretsAPI
from ansible_collections.secretops.github.plugins.module_utils._errors import (
    GitHubConflictError,
    GitHubInputError,
    GitHubNotFoundError,
    GitHubValidationError,
)
from ansible_collections.secretops.github.tests.unit.plugins.helpers import (
    add_repositories,
    requests_sent,
    seed_secrets,
    stored_secret,
)

BASE = '/orgs/acme/codespaces/secrets'


def test_put_secret_value_encrypts_for_the_org_and_creates(sim, api):
    assert api.put_secret_value('DB_PASSWORD', 'hunter2', 'private') is True
    assert stored_secret(sim, 'DB_PASSWORD')['value'] == 'hunter2'
    put = [e for e in sim.state.log_entries() if e['method'] == 'PUT'][0]
    assert put['body'] == {'visibility': 'private', 'encrypted_value': '<redacted>',
                           'key_id': sim.state.snapshot()['orgs']['acme']['public_key']['key_id']}


def test_update_answers_204_and_returns_false(sim, api):
    api.put_secret_value('A', 'one', 'all')
    assert api.put_secret_value('A', 'two', 'all') is False
    assert stored_secret(sim, 'A')['value'] == 'two'


def test_public_key_is_fetched_once_per_client(sim, api):
    for name in ('A', 'B', 'C'):
        api.put_secret_value(name, 'v', 'all')
    assert requests_sent(sim).count(('GET', BASE + '/public-key')) == 1


def test_a_rotated_key_is_refetched_once_and_the_write_retried(sim, api):
    api.public_key()
    sim.state.rotate_key(sim.state.get_org('acme'))
    api.put_secret_value('ROTATED', 'after-rotation', 'all')
    assert stored_secret(sim, 'ROTATED')['value'] == 'after-rotation'
    methods = [m for m, p in requests_sent(sim)]
    assert methods == ['GET', 'PUT', 'GET', 'PUT']


def test_a_422_that_is_not_about_the_key_is_raised_after_one_key_check(sim, api):
    with pytest.raises(GitHubValidationError):
        api.put_secret_value('BAD', 'v', 'selected', [999999])
    assert requests_sent(sim) == [('GET', BASE + '/public-key'), ('PUT', BASE + '/BAD'), ('GET', BASE + '/public-key')]


def test_selected_always_sends_the_full_list(sim, api):
    api.put_secret_value('SEL', 'v', 'selected', [1003, 1001])
    assert stored_secret(sim, 'SEL')['selected_repository_ids'] == [1001, 1003]
    api.put_secret('SEL', 'selected', [1001, 1003])
    assert [e['body'] for e in sim.state.log_entries() if e['method'] == 'PUT'][-1] == {
        'visibility': 'selected', 'selected_repository_ids': [1001, 1003]}


def test_metadata_only_put_keeps_the_value(sim, api):
    api.put_secret_value('KEEP', 'original', 'all')
    api.put_secret('KEEP', 'private')
    assert stored_secret(sim, 'KEEP')['value'] == 'original'
    assert stored_secret(sim, 'KEEP')['visibility'] == 'private'


@pytest.mark.parametrize('body', ['object', 'empty', 'null'])
def test_a_201_body_may_be_empty_object_or_null(sim, api, body):
    sim.state.update_config({'created_body': body})
    assert api.put_secret_value('NEW', 'v', 'all') is True


def test_get_secret_is_none_when_missing_after_one_check_that_the_org_exists(sim, api):
    assert api.get_secret('NOPE') is None
    assert requests_sent(sim) == [('GET', BASE + '/NOPE'), ('GET', BASE + '/public-key')]


def test_get_secret_returns_documented_fields_only(sim, api):
    api.put_secret_value('SEL', 'v', 'selected', [1001])
    secret = api.get_secret('sel')
    assert sorted(secret) == ['created_at', 'name', 'selected_repositories_url', 'updated_at', 'visibility']
    assert secret['name'] == 'SEL'


def test_delete(sim, api):
    api.put_secret_value('GONE', 'v', 'all')
    assert api.delete_secret('GONE') is True
    assert stored_secret(sim, 'GONE') is None
    assert api.delete_secret('GONE') is False


def test_list_secrets_follows_every_page(sim, api):
    seed_secrets(sim, [{'name': 'S%03d' % i, 'value': 'v', 'visibility': 'all'} for i in range(250)])
    assert len(api.list_secrets()) == 250
    assert len(sim.state.log_entries()) == 3


def test_selected_repositories_over_several_pages(sim, api):
    repos = add_repositories(sim, 150)
    api.put_secret_value('WIDE', 'v', 'selected', [r['id'] for r in repos])
    sim.state.clear_log()
    listed = api.list_selected_repositories('WIDE')
    assert listed == sorted(repos, key=lambda r: r['id'])
    assert len(sim.state.log_entries()) == 2


def test_selected_repositories_set_add_remove(sim, api):
    api.put_secret_value('SEL', 'v', 'selected', [1001])
    api.add_selected_repository('SEL', 1002)
    api.remove_selected_repository('SEL', 1001)
    assert stored_secret(sim, 'SEL')['selected_repository_ids'] == [1002]
    api.set_selected_repositories('SEL', [1004, 1003])
    assert stored_secret(sim, 'SEL')['selected_repository_ids'] == [1003, 1004]


def test_repositories_of_a_non_selected_secret_conflict(sim, api):
    api.put_secret_value('ALL', 'v', 'all')
    with pytest.raises(GitHubConflictError) as caught:
        api.add_selected_repository('ALL', 1001)
    assert 'visibility=selected' in str(caught.value)


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


@pytest.mark.parametrize('read', [lambda api: api.get_secret('X'), lambda api: api.list_secrets()],
                         ids=['get_secret', 'list_secrets'])
def test_a_missing_org_is_an_error_not_an_absent_secret(sim, client, read):
    with pytest.raises(GitHubNotFoundError) as caught:
        read(OrgSecretsAPI(client, 'nosuch-org'))
    message = str(caught.value)
    assert message.startswith('Organization nosuch-org does not exist, or its plan does not include Codespaces')
    assert 'Check the org option' in message
    assert caught.value.status == 404
    assert all(path.startswith('/orgs/nosuch-org/') for _method, path in requests_sent(sim))


@pytest.mark.parametrize('org', ['nosuch\r\nX-Evil: 1', 'acme/other', '../acme', 'acmé', ' ', '-acme', 'a' * 101])
def test_an_org_that_cannot_be_a_login_fails_before_any_request(sim, client, org):
    with pytest.raises(GitHubInputError) as caught:
        OrgSecretsAPI(client, org)
    message = str(caught.value)
    assert caught.value.option == 'org' and message.startswith('org ')
    assert '\r' not in message and '\n' not in message and message.isascii()
    assert requests_sent(sim) == []
