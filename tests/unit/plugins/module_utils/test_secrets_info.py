"""Reading secrets for the info module and the lookup, in every store: shape, order, request counts."""

import pytest

from ansible_collections.secretops.github.plugins.module_utils._errors import GitHubInputError
from ansible_collections.secretops.github.plugins.module_utils._secrets_info import read_secrets
from ansible_collections.secretops.github.tests.unit.plugins.helpers import (
    ONE_STORE,
    add_repositories,
    requests_sent,
    secrets_path,
    seed_secrets,
)


def seed_many(sim, store, count):
    seed_secrets(sim, store, [{'name': 'S%03d' % i, 'value': 'v', 'visibility': 'all'} for i in range(count)])


def test_all_secrets_one_request_per_100(sim, api, store):
    seed_many(sim, store, 250)
    secrets, missing = read_secrets(api)
    assert len(secrets) == 250 and missing == []
    assert requests_sent(sim) == [('GET', secrets_path(store))] * 3


def test_one_name_is_one_get(sim, api, store):
    seed_many(sim, store, 150)
    secrets, missing = read_secrets(api, ['s007'])
    assert [s['name'] for s in secrets] == ['S007'] and missing == []
    assert requests_sent(sim) == [('GET', secrets_path(store, 'S007'))]


def test_several_names_use_the_list_and_keep_their_order(sim, api, store):
    seed_many(sim, store, 150)
    secrets, missing = read_secrets(api, ['S120', 's003', 'NOPE', 'S003'])
    assert [s['name'] for s in secrets] == ['S120', 'S003']
    assert missing == ['NOPE']
    assert requests_sent(sim) == [('GET', secrets_path(store))] * 2


def test_missing_single_name(api):
    assert read_secrets(api, ['NOPE']) == ([], ['NOPE'])


@ONE_STORE
def test_invalid_names_fail_before_any_request(sim, api):
    with pytest.raises(GitHubInputError) as caught:
        read_secrets(api, ['ok', 'bad-name'], option='term')
    assert "term 'bad-name' is not a valid secret name" in str(caught.value)
    assert requests_sent(sim) == []


def test_include_repositories_only_for_selected_secrets(sim, api, store):
    repos = add_repositories(sim, 150)
    seed_secrets(sim, store, [
        {'name': 'WIDE', 'value': 'v', 'visibility': 'selected', 'selected_repository_ids': [r['id'] for r in repos]},
        {'name': 'EVERYONE', 'value': 'v', 'visibility': 'all'},
        {'name': 'NOBODY', 'value': 'v', 'visibility': 'selected'},
    ])
    secrets, _missing = read_secrets(api, include_repositories=True)
    by_name = dict((s['name'], s) for s in secrets)
    assert len(by_name['WIDE']['selected_repositories']) == 150
    assert by_name['WIDE']['selected_repositories'][0] == repos[0]
    assert by_name['NOBODY']['selected_repositories'] == []
    assert 'selected_repositories' not in by_name['EVERYONE']
    # one list of secrets, two pages for WIDE, one for NOBODY
    assert sorted(requests_sent(sim)) == [('GET', secrets_path(store))] + [
        ('GET', secrets_path(store, 'NOBODY', 'repositories'))] + [('GET', secrets_path(store, 'WIDE', 'repositories'))] * 2
