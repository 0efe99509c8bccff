"""Many secrets at once: validation, request economy, concurrent writes, purge, partial failures."""

import pytest

from ansible_collections.secretops.github.plugins.module_utils._errors import GitHubError, GitHubInputError
from ansible_collections.secretops.github.plugins.module_utils._org_reconcile import (
    apply_org,
    desired_secrets,
    key_of,
    plan_org,
    summary,
)
from ansible_collections.secretops.github.tests.unit.plugins.helpers import requests_sent, seed_secrets, stored_secret

BASE = '/orgs/acme/codespaces/secrets'


def items(count, **extra):
    return [dict(name='S%03d' % i, value='value-%03d' % i, visibility='all', **extra) for i in range(count)]


def run(api, secret_items, purge=False, diff=False, check=False, concurrency=4):
    apis = {api.store.name: api}
    plans = plan_org(apis, desired_secrets(secret_items, 'acme', api.store.name),
                     purge_stores=[api.store.name] if purge else (), diff=diff)
    results = dict((key_of(p), p.result()) for p in plans) if check else apply_org(apis, plans, concurrency)
    return summary(plans, results, api.store.name, diff=diff)


@pytest.mark.parametrize('secret_items, option, text', [
    ([{'name': 'a', 'value': 'v'}, {'name': 'A', 'value': 'w'}], 'secrets[1].name', 'name A repeats secrets[0]'),
    (['NAME'], 'secrets', 'secrets[0] must be a dictionary'),
    ([{'name': 'ok', 'value': 'v'}, {'name': 'bad-name'}], 'secrets[1].name', "secrets[1].name 'bad-name'"),
    ([{'name': 'x', 'value': 'v', 'visibility': 'all', 'repositories': ['api']}], 'secrets[0].repositories',
     'secrets[0].repositories can only be used with visibility=selected'),
    ('NOT_A_LIST', 'secrets', 'must be a list'),
])
def test_every_item_is_checked_before_any_request(sim, secret_items, option, text):
    with pytest.raises(GitHubInputError) as caught:
        desired_secrets(secret_items, 'acme')
    assert caught.value.option == option
    assert text in str(caught.value)


def test_first_run_creates_all_with_one_key_fetch_and_one_list(sim, api):
    result = run(api, items(100, update_value='on_create'))
    assert result['created'] == ['S%03d' % i for i in range(100)]
    assert result['changed'] is True
    sent = requests_sent(sim)
    assert sent.count(('GET', BASE)) == 1             # the plan's read; nothing is read after the writes
    assert sent.count(('GET', BASE + '/public-key')) == 1
    assert len([r for r in sent if r[0] == 'PUT']) == 100
    assert len(sent) == 102
    assert stored_secret(sim, 'S042')['value'] == 'value-042'
    assert result['secrets'][42] == {'name': 'S042', 'visibility': 'all', 'store': 'codespaces'}


def test_a_rerun_without_changes_is_one_request(sim, api):
    run(api, items(100, update_value='on_create'))
    sim.state.clear_log()
    result = run(api, items(100, update_value='on_create'))
    assert result['changed'] is False and len(result['unchanged']) == 100
    assert requests_sent(sim) == [('GET', BASE)]


def test_selected_secrets_without_repositories_are_not_read_when_nothing_changes(sim, api):
    seed_secrets(sim, [{'name': 'SEL', 'value': 'v', 'visibility': 'selected', 'selected_repository_ids': [1001]}])
    result = run(api, [{'name': 'sel', 'value': 'v', 'update_value': 'on_create'}])
    assert result['changed'] is False
    assert requests_sent(sim) == [('GET', BASE)]
    assert 'selected_repositories' not in result['secrets'][0]


def test_value_rewrite_of_a_selected_secret_re_sends_its_selection(sim, api):
    seed_secrets(sim, [{'name': 'SEL', 'value': 'old', 'visibility': 'selected', 'selected_repository_ids': [1001, 1002]}])
    result = run(api, [{'name': 'SEL', 'value': 'new'}])
    assert result['updated'] == ['SEL']
    assert stored_secret(sim, 'SEL')['selected_repository_ids'] == [1001, 1002]
    assert stored_secret(sim, 'SEL')['value'] == 'new'


def test_repository_names_of_many_secrets_resolve_with_one_org_listing(sim, api):
    secret_items = [dict(name='R%d' % i, value='v', visibility='selected', repositories=['api', 'web', 'docs'][:i % 3 + 1])
                    for i in range(12)]
    run(api, secret_items)
    sent = requests_sent(sim)
    # at most five single lookups before the resolver lists the organization instead
    assert len([r for r in sent if r[1].startswith('/repos/')]) <= 5
    assert sent.count(('GET', '/orgs/acme/repos')) <= 1
    assert stored_secret(sim, 'R2')['selected_repository_ids'] == [1001, 1002, 1003]


def test_mixed_changes_and_purge(sim, api):
    seed_secrets(sim, [{'name': 'KEEP', 'value': 'k', 'visibility': 'all'},
                       {'name': 'WIDEN', 'value': 'w', 'visibility': 'private'},
                       {'name': 'DROP', 'value': 'd', 'visibility': 'all'},
                       {'name': 'UNLISTED', 'value': 'u', 'visibility': 'all'}])
    desired = [{'name': 'keep', 'value': 'k', 'update_value': 'on_create'},
               {'name': 'widen', 'visibility': 'all'},
               {'name': 'drop', 'state': 'absent'},
               {'name': 'new', 'value': 'n', 'visibility': 'private'}]
    check = run(api, desired, purge=True, diff=True, check=True)
    assert [r for r in requests_sent(sim) if r[0] in ('PUT', 'DELETE')] == []
    real = run(api, desired, purge=True, diff=True)
    for result in (check, real):
        assert result['created'] == ['NEW'] and result['updated'] == ['WIDEN']
        assert result['deleted'] == ['DROP', 'UNLISTED'] and result['unchanged'] == ['KEEP']
        assert result['diff']['before']['UNLISTED'] == {'state': 'present', 'visibility': 'all'}
        assert result['diff']['after']['NEW'] == {'state': 'present', 'visibility': 'private', 'value': 'set (not shown)'}
        assert 'KEEP' not in result['diff']['before']
    snapshot = sim.state.snapshot()['orgs']['acme']['secrets']
    assert sorted(snapshot) == ['KEEP', 'NEW', 'WIDEN']
    assert [s['name'] for s in real['secrets']] == ['KEEP', 'WIDEN', 'NEW']


def test_without_purge_unlisted_secrets_stay(sim, api):
    seed_secrets(sim, [{'name': 'UNLISTED', 'value': 'u', 'visibility': 'all'}])
    assert run(api, [])['changed'] is False
    assert stored_secret(sim, 'UNLISTED') is not None


def test_concurrent_writes_all_land(sim, api):
    sim.faults.configure({'latency_ms': 20})
    run(api, items(40), concurrency=8)
    assert len(sim.state.snapshot()['orgs']['acme']['secrets']) == 40
    assert sum(1 for r in requests_sent(sim) if r == ('GET', BASE + '/public-key')) == 1


def test_partial_failure_says_what_was_applied_and_a_rerun_completes(sim, api):
    sim.faults.add_rule({'action': 'status', 'status': 500, 'method': 'PUT', 'path': 'S003$', 'times': None})
    api.client.max_retries = 0
    with pytest.raises(GitHubError) as caught:
        run(api, items(5))
    message = str(caught.value)
    assert message.startswith('1 of 5 changes failed (S003: PUT /orgs/acme/codespaces/secrets/S003 failed: HTTP 500')
    assert 'applied: created S000, created S001, created S002, created S004' in message
    assert 'Run the task again to complete the rest' in message
    assert 'value-003' not in message
    sim.faults.clear()
    rerun = run(api, items(5))
    assert rerun['created'] == ['S003'] and len(rerun['updated']) == 4
