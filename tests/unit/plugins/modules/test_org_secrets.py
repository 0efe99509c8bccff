"""org_secrets in-process: real argument parsing and output, the simulator behind; one store at a time, then
lists that span the stores."""

import pytest

from ansible_collections.secretops.github.plugins.modules.org_secrets import main
from ansible_collections.secretops.github.tests.unit.plugins.helpers import (
    FACTS,
    NON_STRING_VALUES,
    ONE_STORE,
    OTHER_STORES,
    STORES,
    assert_must_quote,
    requests_sent,
    secrets_path,
    seed_secrets,
    stored_names,
    stored_secret,
    writes_sent,
)
from ansible_collections.secretops.github.tests.unit.plugins.modules.module_runner import module_runner

VALUES = ['bulk-plaintext-%02d' % i for i in range(3)]
BARE_ITEM = 'bare-item-secret-Q9'


@pytest.fixture(name='run')
def run_fixture(sim, capsys, store):
    # nothing secret anywhere in the output, invocation included
    return module_runner(main, sim, capsys, secrets=[BARE_ITEM] + VALUES, store=store)


def secret_items():
    return [{'name': 'bulk_%d' % i, 'value': VALUES[i], 'visibility': 'selected' if i else 'all',
             'repositories': ['api'] if i else None, 'update_value': 'on_create'} for i in range(3)]


def seed_everywhere(sim, *names):
    for store in STORES:
        seed_secrets(sim, store, [{'name': name, 'value': 'v', 'visibility': 'all'} for name in names])


def test_check_real_and_idempotent_reruns(sim, run, store):
    check = run(check_mode=True, diff=True, secrets=secret_items())
    assert check['changed'] is True and check['created'] == ['BULK_0', 'BULK_1', 'BULK_2']
    assert writes_sent(sim) == []
    assert check['diff']['after']['BULK_1'] == {'state': 'present', 'visibility': 'selected',
                                                'selected_repositories': ['acme/api'], 'value': 'set (not shown)'}

    real = run(secrets=secret_items())
    assert real['created'] == check['created']
    assert [s['store'] for s in real['secrets']] == [store] * 3
    assert stored_secret(sim, store, 'BULK_2')['value'] == VALUES[2]
    assert stored_secret(sim, store, 'BULK_2')['selected_repository_ids'] == [1001]

    sim.state.clear_log()
    assert run(check_mode=True, secrets=secret_items())['changed'] is False
    again = run(secrets=secret_items())
    assert again['changed'] is False and again['unchanged'] == ['BULK_0', 'BULK_1', 'BULK_2']
    # per run: the store's list, and the selection of the two secrets whose repositories the items name
    assert sorted(requests_sent(sim)) == sorted([('GET', secrets_path(store))] * 2 + [
        ('GET', secrets_path(store, name, 'repositories')) for name in ('BULK_1', 'BULK_2')] * 2)


@ONE_STORE
def test_bad_items_fail_before_any_request(sim, run):
    result = run(secrets=[{'name': 'ok', 'value': VALUES[0], 'visibility': 'all'},
                          {'name': 'GITHUB_X', 'value': VALUES[1], 'visibility': 'all'}])
    assert result['failed'] is True
    assert "secrets[1].name 'GITHUB_X' starts with GITHUB_" in result['msg']
    assert requests_sent(sim) == []


@ONE_STORE
def test_argument_spec_checks_items(sim, run):
    result = run(secrets=[{'value': VALUES[0]}])
    assert result['failed'] is True
    assert 'missing required arguments: name' in result['msg']


@ONE_STORE
def test_max_concurrency_bounds(sim, run):
    result = run(secrets=[], max_concurrency=0)
    assert result['failed'] is True and 'max_concurrency must be between 1 and 16' in result['msg']


@ONE_STORE
@pytest.mark.parametrize('value', NON_STRING_VALUES)
def test_an_item_value_that_is_not_a_string_fails_before_any_request(sim, run, value):
    result = run(secrets=[{'name': 'ok', 'value': VALUES[0], 'visibility': 'all'},
                          {'name': 'x', 'value': value, 'visibility': 'all'}])
    assert_must_quote(result, 'secrets[1].value')
    assert requests_sent(sim) == []


@ONE_STORE
@pytest.mark.parametrize('item', [BARE_ITEM, 42, ['x', BARE_ITEM], None])
def test_an_item_that_is_not_a_dictionary_fails_keeping_secrets_masked(sim, run, item):
    result = run(secrets=[{'name': 'ok', 'value': VALUES[0], 'visibility': 'all'}, item])
    assert result['failed'] is True
    assert 'secrets[1] must be a dictionary' in result['msg']
    assert requests_sent(sim) == []


@pytest.mark.parametrize('secrets', [[], [{'name': 'keep', 'state': 'absent'}]], ids=['empty', 'only-absent'])
@pytest.mark.parametrize('check_mode', [False, True])
def test_a_purge_that_keeps_nothing_needs_confirmation(sim, run, store, secrets, check_mode):
    seed_everywhere(sim, 'KEEP', 'OTHER')
    refused = run(check_mode=check_mode, secrets=secrets, purge=True)
    assert refused['failed'] is True and refused['changed'] is False
    assert 'confirm_purge_all' in refused['msg']
    assert 'purge would delete every %s secret' % FACTS[store].title in refused['msg']
    assert requests_sent(sim) == [] and stored_names(sim, store) == ['KEEP', 'OTHER']
    confirmed = run(check_mode=check_mode, secrets=secrets, purge=True, confirm_purge_all=True)
    assert confirmed['changed'] is True and confirmed['deleted'] == ['KEEP', 'OTHER']
    assert stored_names(sim, store) == ([] if not check_mode else ['KEEP', 'OTHER'])
    # only the task's store
    assert [stored_names(sim, other) for other in OTHER_STORES[store]] == [['KEEP', 'OTHER']] * 2


def test_a_purge_that_keeps_a_secret_needs_no_confirmation(sim, run, store):
    seed_secrets(sim, store, [{'name': 'OTHER', 'value': 'v', 'visibility': 'all'}])
    result = run(secrets=[{'name': 'keep', 'value': VALUES[0], 'visibility': 'all'}], purge=True)
    assert result['created'] == ['KEEP'] and result['deleted'] == ['OTHER']


def test_a_failure_after_writes_reports_changed_and_what_was_written(sim, run, store):
    # one of four writes fails: the other three went through
    seed_secrets(sim, store, [{'name': 'S0', 'value': 'old', 'visibility': 'all'}])
    sim.faults.add_rule({'action': 'status', 'status': 500, 'method': 'PUT', 'path': 'S2$', 'times': None})
    result = run(max_retries=0, secrets=[{'name': 'S%d' % i, 'value': VALUES[i % 3], 'visibility': 'all'}
                                         for i in range(4)])
    assert result['failed'] is True and result['changed'] is True
    assert (result['created'], result['updated'], result['deleted']) == (['S1', 'S3'], ['S0'], [])
    assert 'HTTP 500' in result['msg']
    assert stored_names(sim, store) == ['S0', 'S1', 'S3']


# -- one list across the stores --------------------------------------------------


def mixed_items(update_value='always'):
    """One secret per store, NPM_TOKEN in two of them; codespaces is the default store of the task.
    No item names repositories, so a rerun has nothing to compare but the lists."""
    return [{'name': 'npm_token', 'value': VALUES[0], 'visibility': 'all', 'update_value': update_value},
            {'name': 'npm_token', 'value': VALUES[1], 'visibility': 'private', 'store': 'actions',
             'update_value': update_value},
            {'name': 'registry', 'value': VALUES[2], 'visibility': 'selected', 'store': 'dependabot',
             'update_value': update_value}]


@ONE_STORE
def test_a_mixed_list_writes_each_item_in_its_store_and_labels_the_others(sim, run):
    check = run(check_mode=True, diff=True, secrets=mixed_items())
    result = run(diff=True, secrets=mixed_items())
    for outcome in (check, result):
        assert outcome['created'] == ['NPM_TOKEN', 'actions/NPM_TOKEN', 'dependabot/REGISTRY']
        assert sorted(outcome['diff']['after']) == ['NPM_TOKEN', 'actions/NPM_TOKEN', 'dependabot/REGISTRY']
        assert [(s['store'], s['name']) for s in outcome['secrets']] == [
            ('codespaces', 'NPM_TOKEN'), ('actions', 'NPM_TOKEN'), ('dependabot', 'REGISTRY')]
    assert [stored_secret(sim, s, n)['value'] for s, n in
            (('codespaces', 'NPM_TOKEN'), ('actions', 'NPM_TOKEN'), ('dependabot', 'REGISTRY'))] == VALUES
    sent = requests_sent(sim)
    assert [sent.count(('GET', secrets_path(s))) for s in STORES] == [2, 2, 2]   # check mode, then the real run
    assert [sent.count(('GET', secrets_path(s, 'public-key'))) for s in STORES] == [1, 1, 1]


@ONE_STORE
def test_a_rerun_with_on_create_is_one_get_per_store_and_nothing_else(sim, run):
    run(secrets=mixed_items('on_create'))
    sim.state.clear_log()
    again = run(secrets=mixed_items('on_create'))
    assert again['changed'] is False
    assert again['unchanged'] == ['NPM_TOKEN', 'actions/NPM_TOKEN', 'dependabot/REGISTRY']
    assert sorted(requests_sent(sim)) == sorted(('GET', secrets_path(s)) for s in STORES)


@pytest.mark.parametrize('store', ['actions'])
def test_labels_name_the_store_of_items_outside_the_task_store(sim, run):
    result = run(secrets=[dict(item, store=item.get('store', 'codespaces')) for item in mixed_items()])
    assert result['created'] == ['NPM_TOKEN', 'codespaces/NPM_TOKEN', 'dependabot/REGISTRY']
    assert [s['store'] for s in result['secrets']] == ['codespaces', 'actions', 'dependabot']


@ONE_STORE
def test_purge_only_in_the_stores_the_list_names(sim, run):
    seed_everywhere(sim, 'UNLISTED')
    result = run(purge=True, secrets=mixed_items()[:2])
    assert result['deleted'] == ['UNLISTED', 'actions/UNLISTED']
    assert [stored_names(sim, s) for s in STORES] == [['NPM_TOKEN'], ['NPM_TOKEN'], ['UNLISTED']]
    assert not [entry for entry in sim.state.log_entries() if entry['store'] == 'dependabot']


@ONE_STORE
def test_purge_stores_names_the_stores_to_purge_and_each_needs_its_own_confirmation(sim, run):
    seed_everywhere(sim, 'UNLISTED')
    items = mixed_items()[:1]
    refused = run(purge=True, purge_stores=['codespaces', 'dependabot'], secrets=items)
    assert refused['failed'] is True
    assert 'purge would delete every Dependabot secret' in refused['msg'] and 'confirm_purge_all' in refused['msg']
    assert requests_sent(sim) == []
    result = run(purge=True, purge_stores=['codespaces', 'dependabot'], confirm_purge_all=True, secrets=items)
    assert result['created'] == ['NPM_TOKEN'] and result['deleted'] == ['UNLISTED', 'dependabot/UNLISTED']
    assert [stored_names(sim, s) for s in STORES] == [['NPM_TOKEN'], ['UNLISTED'], []]


@ONE_STORE
def test_purge_stores_without_purge_deletes_nothing(sim, run):
    seed_everywhere(sim, 'UNLISTED')
    result = run(purge_stores=['actions'], secrets=mixed_items()[:1])
    assert result['deleted'] == [] and writes_sent(sim) == [('PUT', secrets_path('codespaces', 'NPM_TOKEN'))]


@ONE_STORE
def test_duplicate_names_are_refused_within_a_store_only(sim, run):
    items = mixed_items()[:2] + [{'name': 'NPM_TOKEN', 'state': 'absent', 'store': 'actions'}]
    result = run(secrets=items)
    assert result['failed'] is True
    assert 'secrets[2].name NPM_TOKEN repeats secrets[1]' in result['msg']
    assert requests_sent(sim) == []


@ONE_STORE
def test_an_unknown_item_store_fails_naming_the_item(sim, run):
    result = run(secrets=[mixed_items()[0], dict(mixed_items()[1], store='vault')])
    assert result['failed'] is True and requests_sent(sim) == []
    assert 'secrets[1].store' in result['msg']


@ONE_STORE
@pytest.mark.parametrize('item, text', [
    ({'name': 'x', 'secret_value': VALUES[0], 'visibility': 'all'}, "secrets[0] has unknown option 'secret_value'"),
    ({'name': 'x', 'value': VALUES[0], 'visibility': 'all', 'key_id': {'id': 1}}, 'secrets[0].key_id must be a string'),
])
def test_an_item_with_an_unknown_or_odd_option_fails_masked(sim, run, item, text):
    # The module_runner fixture asserts that no value appears anywhere in the output.
    result = run(secrets=[item])
    assert result['failed'] is True and text in result['msg'] and requests_sent(sim) == []


@ONE_STORE
def test_an_item_written_as_name_value_is_refused_masked(sim, run):
    result = run(secrets=[{'NPM_TOKEN': VALUES[1]}])
    assert result['failed'] is True and "secrets[0] has unknown option 'NPM_TOKEN'" in result['msg']
