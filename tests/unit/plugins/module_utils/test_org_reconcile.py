"""Many secrets at once, in one store and across stores: validation, request economy, concurrent writes, purge,
partial failures."""

import pytest

from ansible_collections.secretops.github.plugins.module_utils._errors import GitHubError, GitHubInputError
from ansible_collections.secretops.github.plugins.module_utils._org_reconcile import (
    apply_org,
    check_purge,
    desired_secrets,
    key_of,
    plan_org,
    stores_of,
    summary,
)
from ansible_collections.secretops.github.plugins.module_utils._secrets_api import OrgSecretsAPI
from ansible_collections.secretops.github.tests.unit.plugins.helpers import (
    STORES,
    Stopwatch,
    requests_sent,
    secrets_path,
    seed_secrets,
    slow_down,
    stored_names,
    stored_secret,
    writes_sent,
)


def items(count, **extra):
    return [dict(name='S%03d' % i, value='value-%03d' % i, visibility='all', **extra) for i in range(count)]


def run(api, secret_items, purge=False, diff=False, check=False, concurrency=4):
    """The bulk module's work for the secrets of api's store."""
    return run_stores({api.store.name: api}, secret_items, api.store.name, [api.store.name] if purge else (),
                      diff, check, concurrency)


def run_stores(apis, secret_items, default_store, purge_stores=(), diff=False, check=False, concurrency=4):
    plans = plan_org(apis, desired_secrets(secret_items, 'acme', default_store), purge_stores=purge_stores, diff=diff)
    results = dict((key_of(p), p.result()) for p in plans) if check else apply_org(apis, plans, concurrency, default_store)
    return summary(plans, results, default_store, diff=diff)


@pytest.fixture(name='apis')
def apis_fixture(client):
    """An API for each store, on one client."""
    return dict((store, OrgSecretsAPI(client, 'acme', store)) for store in STORES)


@pytest.mark.parametrize('secret_items, option, text', [
    ([{'name': 'a', 'value': 'v'}, {'name': 'A', 'value': 'w'}], 'secrets[1].name', 'name A repeats secrets[0]'),
    (['NAME'], 'secrets', 'secrets[0] must be a dictionary'),
    ([{'name': 'ok', 'value': 'v'}, {'name': 'bad-name'}], 'secrets[1].name', "secrets[1].name 'bad-name'"),
    ([{'name': 'x', 'value': 'v', 'visibility': 'all', 'repositories': ['api']}], 'secrets[0].repositories',
     'secrets[0].repositories can only be used with visibility=selected'),
    ('NOT_A_LIST', 'secrets', 'must be a list'),
    ([{'name': 'a', 'value': 'v'}, {'name': 'A', 'value': 'w', 'store': 'vault'}], 'secrets[1].store',
     'secrets[1].store must be one of codespaces, actions, dependabot, not \'vault\''),
    ([{'name': 'a', 'value': 'v', 'store': 'Actions'}, {'name': 'A', 'value': 'w', 'store': 'actions'}],
     'secrets[1].name', 'name A repeats secrets[0]: each secret may be listed once per store'),
])
def test_every_item_is_checked_before_any_request(secret_items, option, text):
    with pytest.raises(GitHubInputError) as caught:
        desired_secrets(secret_items, 'acme')
    assert caught.value.option == option
    assert text in str(caught.value)


def test_first_run_creates_all_with_one_key_fetch_and_one_list(sim, api, store):
    result = run(api, items(100, update_value='on_create'))
    assert result['created'] == ['S%03d' % i for i in range(100)]
    assert result['changed'] is True
    sent = requests_sent(sim)
    assert sent.count(('GET', secrets_path(store))) == 1             # the plan's read; nothing is read after the writes
    assert sent.count(('GET', secrets_path(store, 'public-key'))) == 1
    assert len([r for r in sent if r[0] == 'PUT']) == 100
    assert len(sent) == 102
    assert stored_secret(sim, store, 'S042')['value'] == 'value-042'
    assert result['secrets'][42] == {'name': 'S042', 'visibility': 'all', 'store': store}


def test_a_rerun_without_changes_is_one_request(sim, api, store):
    run(api, items(100, update_value='on_create'))
    sim.state.clear_log()
    result = run(api, items(100, update_value='on_create'))
    assert result['changed'] is False and len(result['unchanged']) == 100
    assert requests_sent(sim) == [('GET', secrets_path(store))]


def test_selected_secrets_without_repositories_are_not_read_when_nothing_changes(sim, api, store):
    seed_secrets(sim, store, [{'name': 'SEL', 'value': 'v', 'visibility': 'selected', 'selected_repository_ids': [1001]}])
    result = run(api, [{'name': 'sel', 'value': 'v', 'update_value': 'on_create'}])
    assert result['changed'] is False
    assert requests_sent(sim) == [('GET', secrets_path(store))]
    assert 'selected_repositories' not in result['secrets'][0]


def test_value_rewrite_of_a_selected_secret_re_sends_its_selection(sim, api, store):
    seed_secrets(sim, store, [{'name': 'SEL', 'value': 'old', 'visibility': 'selected', 'selected_repository_ids': [1001, 1002]}])
    result = run(api, [{'name': 'SEL', 'value': 'new'}])
    assert result['updated'] == ['SEL']
    assert stored_secret(sim, store, 'SEL')['selected_repository_ids'] == [1001, 1002]
    assert stored_secret(sim, store, 'SEL')['value'] == 'new'


def test_repository_names_of_many_secrets_resolve_with_one_org_listing(sim, api, store):
    secret_items = [dict(name='R%d' % i, value='v', visibility='selected', repositories=['api', 'web', 'docs'][:i % 3 + 1])
                    for i in range(12)]
    run(api, secret_items)
    sent = requests_sent(sim)
    # at most five single lookups before the resolver lists the organization instead
    assert len([r for r in sent if r[1].startswith('/repos/')]) <= 5
    assert sent.count(('GET', '/orgs/acme/repos')) <= 1
    assert stored_secret(sim, store, 'R2')['selected_repository_ids'] == [1001, 1002, 1003]


def test_mixed_changes_and_purge(sim, api, store):
    seed_secrets(sim, store, [{'name': 'KEEP', 'value': 'k', 'visibility': 'all'},
                              {'name': 'WIDEN', 'value': 'w', 'visibility': 'private'},
                              {'name': 'DROP', 'value': 'd', 'visibility': 'all'},
                              {'name': 'UNLISTED', 'value': 'u', 'visibility': 'all'}])
    # a value for the stores whose visibility change needs one (written there, and only there)
    desired = [{'name': 'keep', 'value': 'k', 'update_value': 'on_create'},
               {'name': 'widen', 'visibility': 'all', 'value': 'w', 'update_value': 'on_create'},
               {'name': 'drop', 'state': 'absent'},
               {'name': 'new', 'value': 'n', 'visibility': 'private'}]
    check = run(api, desired, purge=True, diff=True, check=True)
    assert writes_sent(sim) == []
    real = run(api, desired, purge=True, diff=True)
    for result in (check, real):
        assert result['created'] == ['NEW'] and result['updated'] == ['WIDEN']
        assert result['deleted'] == ['DROP', 'UNLISTED'] and result['unchanged'] == ['KEEP']
        assert result['diff']['before']['UNLISTED'] == {'state': 'present', 'visibility': 'all'}
        assert result['diff']['after']['NEW'] == {'state': 'present', 'visibility': 'private', 'value': 'set (not shown)'}
        assert 'KEEP' not in result['diff']['before']
    assert stored_names(sim, store) == ['KEEP', 'NEW', 'WIDEN']
    assert [s['name'] for s in real['secrets']] == ['KEEP', 'WIDEN', 'NEW']


@pytest.mark.parametrize('store, limit', [('codespaces', 100), ('actions', 1000)])
def test_a_plan_beyond_the_store_limit_fails_before_any_write(sim, make_client, store, limit):
    api = OrgSecretsAPI(make_client(), 'acme', store)
    seed_secrets(sim, store, [{'name': 'OLD_%04d' % i, 'value': 'v', 'visibility': 'all'} for i in range(limit - 1)])
    sim.state.clear_log()
    with pytest.raises(GitHubInputError) as caught:
        run(api, items(2))
    assert 'would leave %d' % (limit + 1) in str(caught.value) and 'at most %d' % limit in str(caught.value)
    assert [r for r in requests_sent(sim) if r[0] != 'GET'] == []
    # deleting one in the same plan keeps it within the limit
    result = run(api, items(2) + [{'name': 'OLD_0000', 'state': 'absent'}])
    assert result['created'] == ['S000', 'S001'] and result['deleted'] == ['OLD_0000']


def test_without_purge_unlisted_secrets_stay(sim, api, store):
    seed_secrets(sim, store, [{'name': 'UNLISTED', 'value': 'u', 'visibility': 'all'}])
    assert run(api, [])['changed'] is False
    assert stored_secret(sim, store, 'UNLISTED') is not None


def test_concurrent_writes_all_land(sim, api, store):
    sim.faults.configure({'latency_ms': 20})
    run(api, items(40), concurrency=8)
    assert len(stored_names(sim, store)) == 40
    assert requests_sent(sim).count(('GET', secrets_path(store, 'public-key'))) == 1


def test_partial_failure_says_what_was_applied_and_a_rerun_completes(sim, api, store):
    sim.faults.add_rule({'action': 'status', 'status': 500, 'method': 'PUT', 'path': 'S003$', 'times': None})
    api.client.max_retries = 0
    with pytest.raises(GitHubError) as caught:
        run(api, items(5))
    message = str(caught.value)
    assert message.startswith('1 of 5 changes failed (S003: PUT %s failed: HTTP 500' % secrets_path(store, 'S003'))
    assert 'applied: created S000, created S001, created S002, created S004' in message
    assert 'Run the task again to complete the rest' in message
    assert 'value-003' not in message
    sim.faults.clear()
    rerun = run(api, items(5))
    assert rerun['created'] == ['S003'] and len(rerun['updated']) == 4


# -- one list across the stores ------------------------------------------------------


def mixed_items(update_value='on_create'):
    """The same name in every store (allowed: they are different secrets), and one more in Dependabot."""
    return ([dict(name='shared', value='%s-value' % store, visibility='all', store=store, update_value=update_value)
             for store in STORES] + [dict(name='registry', value='r', visibility='private', store='dependabot', update_value=update_value)])


def test_a_mixed_list_reads_each_store_once_and_writes_each_item_in_its_store(sim, apis):
    result = run_stores(apis, mixed_items(), 'codespaces')
    assert result['created'] == ['SHARED', 'actions/SHARED', 'dependabot/REGISTRY', 'dependabot/SHARED']
    assert [(s['store'], s['name']) for s in result['secrets']] == [
        ('codespaces', 'SHARED'), ('actions', 'SHARED'), ('dependabot', 'SHARED'), ('dependabot', 'REGISTRY')]
    assert [stored_secret(sim, store, 'SHARED')['value'] for store in STORES] == ['%s-value' % s for s in STORES]
    sent = requests_sent(sim)
    assert [sent.count(('GET', secrets_path(store))) for store in STORES] == [1, 1, 1]
    assert [sent.count(('GET', secrets_path(store, 'public-key'))) for store in STORES] == [1, 1, 1]
    assert len(sent) == 6 + 4


def test_the_stores_are_read_at_the_same_time(sim, apis):
    delay = 0.6
    slow_down(sim, '/secrets$', delay)
    with Stopwatch() as watch:
        plan_org(apis, desired_secrets(mixed_items(), 'acme'))
    # one delay, not three: the three lists were in flight together
    assert delay <= watch.seconds < 2 * delay
    assert sorted(entry['store'] for entry in sim.state.log_entries()) == sorted(STORES)


def test_a_rerun_with_on_create_is_one_get_per_store_and_nothing_else(sim, apis):
    run_stores(apis, mixed_items(), 'codespaces')
    sim.state.clear_log()
    result = run_stores(apis, mixed_items(), 'codespaces')
    assert result['changed'] is False
    assert result['unchanged'] == ['SHARED', 'actions/SHARED', 'dependabot/REGISTRY', 'dependabot/SHARED']
    assert sorted(requests_sent(sim)) == sorted(('GET', secrets_path(store)) for store in STORES)


@pytest.mark.parametrize('default_store, labels', [
    ('codespaces', ['SHARED', 'actions/SHARED', 'dependabot/REGISTRY', 'dependabot/SHARED']),
    ('dependabot', ['REGISTRY', 'SHARED', 'actions/SHARED', 'codespaces/SHARED']),
    (None, ['REGISTRY', 'SHARED', 'SHARED', 'SHARED']),
])
def test_labels_name_the_store_outside_the_default_one(sim, apis, default_store, labels):
    desired = desired_secrets(mixed_items(), 'acme')
    plans = plan_org(apis, desired, diff=True)
    result = summary(plans, dict((key_of(p), p.result()) for p in plans), default_store, diff=True)
    assert result['created'] == labels
    assert sorted(result['diff']['after']) == sorted(set(labels))
    assert [s['store'] for s in result['secrets']] == list(STORES) + ['dependabot']


def test_purge_only_in_the_stores_named(sim, apis):
    for store in STORES:
        seed_secrets(sim, store, [{'name': 'UNLISTED', 'value': 'u', 'visibility': 'all'}])
    items = [item for item in mixed_items() if item['store'] != 'dependabot']
    result = run_stores(apis, items, 'actions', purge_stores=['codespaces'])
    assert result['deleted'] == ['codespaces/UNLISTED']
    assert [stored_names(sim, store) for store in STORES] == [['SHARED'], ['SHARED', 'UNLISTED'], ['UNLISTED']]
    assert not [entry for entry in sim.state.log_entries() if entry['store'] == 'dependabot']


def test_purge_of_a_store_the_list_does_not_name_reads_it_once(sim, apis):
    seed_secrets(sim, 'dependabot', [{'name': 'OLD_%d' % i, 'value': 'u', 'visibility': 'all'} for i in range(3)])
    result = run_stores(apis, mixed_items()[:1], 'codespaces', purge_stores=['dependabot'])
    assert result['created'] == ['SHARED']
    assert result['deleted'] == ['dependabot/OLD_0', 'dependabot/OLD_1', 'dependabot/OLD_2']
    assert requests_sent(sim).count(('GET', secrets_path('dependabot'))) == 1
    assert stored_names(sim, 'dependabot') == []


def keep_one():
    return desired_secrets([{'name': 'keep', 'value': 'v', 'visibility': 'all'}], 'acme')


@pytest.mark.parametrize('purge_stores, refused', [(['codespaces', 'actions'], 'Actions'), (['dependabot'], 'Dependabot')])
def test_check_purge_asks_for_confirmation_per_store(purge_stores, refused):
    with pytest.raises(GitHubInputError) as caught:
        check_purge(keep_one(), purge_stores, False, 'secrets', 'confirm_purge_all')
    assert 'purge would delete every %s secret' % refused in str(caught.value)
    assert caught.value.option == 'confirm_purge_all'


def test_check_purge_confirmed_covers_every_store():
    assert check_purge(keep_one(), list(STORES), True, 'secrets', 'confirm_purge_all') is None


@pytest.mark.parametrize('explicit, stores', [
    (None, ['actions', 'dependabot']),
    (['dependabot', 'Codespaces', 'dependabot'], ['dependabot', 'codespaces']),
])
def test_stores_of_a_list(explicit, stores):
    desired = desired_secrets([{'name': 'a', 'store': 'actions'}, {'name': 'b', 'store': 'dependabot'},
                               {'name': 'c', 'store': 'actions'}], 'acme', 'codespaces')
    assert stores_of(desired, 'codespaces', explicit) == stores


@pytest.mark.parametrize('explicit, option', [([], 'purge_stores'), (['actions', 'vault'], 'purge_stores[1]')])
def test_bad_purge_stores_fail_naming_them(explicit, option):
    with pytest.raises(GitHubInputError) as caught:
        stores_of([], 'codespaces', explicit)
    assert caught.value.option == option
