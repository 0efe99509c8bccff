"""org_secret_info in-process against the simulator, in every store."""

import pytest

from ansible_collections.secretops.github.plugins.modules.org_secret_info import main
from ansible_collections.secretops.github.tests.unit.plugins.helpers import (
    FACTS,
    requests_sent,
    secrets_path,
    seed_secrets,
    store_state,
)
from ansible_collections.secretops.github.tests.unit.plugins.modules.module_runner import module_runner

VALUE = 'info-module-plaintext'


@pytest.fixture(name='run')
def run_fixture(sim, capsys, store):
    return module_runner(main, sim, capsys, secrets=(VALUE,), store=store)


def test_lists_every_secret_of_the_store_without_values(sim, run, store):
    seed_secrets(sim, store, [{'name': 'A', 'value': VALUE, 'visibility': 'all'},
                              {'name': 'B', 'value': VALUE, 'visibility': 'selected', 'selected_repository_ids': [1001]}])
    result = run()
    assert result['changed'] is False
    assert [s['name'] for s in result['secrets']] == ['A', 'B']
    assert 'selected_repositories' not in result['secrets'][1]
    assert 'public_key' not in result
    assert requests_sent(sim) == [('GET', secrets_path(store))]


def test_one_missing_secret_is_an_empty_list(sim, run):
    result = run(name='nope')
    assert result['secrets'] == [] and result['changed'] is False and 'failed' not in result


def test_include_repositories_and_the_store_public_key(sim, run, store):
    seed_secrets(sim, store, [{'name': 'B', 'value': VALUE, 'visibility': 'selected',
                               'selected_repository_ids': [1002, 1001]}])
    result = run(name='b', include_repositories=True, include_public_key=True)
    assert result['secrets'][0]['name'] == 'B'
    assert [r['full_name'] for r in result['secrets'][0]['selected_repositories']] == ['acme/api', 'acme/web']
    key = store_state(sim, store)['public_key']
    assert result['public_key'] == {'key_id': key['key_id'], 'key': key['key']}


def test_check_mode_reads_the_same(sim, run, store):
    seed_secrets(sim, store, [{'name': 'A', 'value': VALUE, 'visibility': 'all'}])
    assert run(check_mode=True)['secrets'] == run()['secrets']
    assert all(method == 'GET' for method, _path in requests_sent(sim))


@pytest.mark.parametrize('args', [{}, {'name': 'x'}], ids=['all', 'one'])
def test_a_missing_org_fails_cleanly_naming_the_store(sim, run, store, args):
    result = run(org='no-such-org', **args)
    assert result['failed'] is True and result['status'] == 404 and result['changed'] is False
    assert 'Organization no-such-org does not exist, or ' in result['msg']
    assert FACTS[store].title in result['msg']
    assert 'Check the org option' in result['msg']
