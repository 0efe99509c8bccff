"""codespaces_org_secrets in-process: real argument parsing and output, the simulator behind."""

import pytest

from ansible_collections.secretops.github.plugins.modules.org_secrets import main
from ansible_collections.secretops.github.tests.unit.plugins.helpers import (
    ADMIN_TOKEN,
    NON_STRING_VALUES,
    assert_must_quote,
    requests_sent,
    seed_secrets,
    stored_secret,
)
from ansible_collections.secretops.github.tests.unit.plugins.modules.module_runner import run_module

VALUES = ['bulk-plaintext-%02d' % i for i in range(3)]


BARE_ITEM = 'bare-item-secret-Q9'
BASE = '/orgs/acme/codespaces/secrets'


def run(sim, capsys, check_mode=False, diff=False, **args):
    full = dict(org='acme', token=ADMIN_TOKEN, api_url=sim.url)
    full.update(args)
    result, out = run_module(main, capsys, full, check_mode=check_mode, diff=diff)
    # nothing secret anywhere in the output, invocation included
    assert ADMIN_TOKEN not in out and BARE_ITEM not in out
    assert not any(value in out for value in VALUES)
    return result


def stored_names(sim):
    return sorted(sim.state.snapshot()['orgs']['acme']['secrets'])


def secret_items():
    return [{'name': 'bulk_%d' % i, 'value': VALUES[i], 'visibility': 'selected' if i else 'all',
             'repositories': ['api'] if i else None, 'update_value': 'on_create'} for i in range(3)]


def test_check_real_and_idempotent_reruns(sim, capsys):
    check = run(sim, capsys, check_mode=True, diff=True, secrets=secret_items())
    assert check['changed'] is True and check['created'] == ['BULK_0', 'BULK_1', 'BULK_2']
    assert [r for r in requests_sent(sim) if r[0] in ('PUT', 'DELETE')] == []
    assert check['diff']['after']['BULK_1'] == {'state': 'present', 'visibility': 'selected',
                                                'selected_repositories': ['acme/api'], 'value': 'set (not shown)'}

    real = run(sim, capsys, secrets=secret_items())
    assert real['created'] == check['created']
    assert stored_secret(sim, 'BULK_2')['value'] == VALUES[2]
    assert stored_secret(sim, 'BULK_2')['selected_repository_ids'] == [1001]

    sim.state.clear_log()
    assert run(sim, capsys, check_mode=True, secrets=secret_items())['changed'] is False
    again = run(sim, capsys, secrets=secret_items())
    assert again['changed'] is False and again['unchanged'] == ['BULK_0', 'BULK_1', 'BULK_2']
    assert [r for r in requests_sent(sim) if r[0] in ('PUT', 'DELETE')] == []


def test_bad_items_fail_before_any_request(sim, capsys):
    result = run(sim, capsys, secrets=[{'name': 'ok', 'value': VALUES[0], 'visibility': 'all'},
                                       {'name': 'GITHUB_X', 'value': VALUES[1], 'visibility': 'all'}])
    assert result['failed'] is True
    assert "secrets[1].name 'GITHUB_X' starts with GITHUB_" in result['msg']
    assert requests_sent(sim) == []


def test_argument_spec_checks_items(sim, capsys):
    result = run(sim, capsys, secrets=[{'value': VALUES[0]}])
    assert result['failed'] is True
    assert 'missing required arguments: name' in result['msg']


def test_max_concurrency_bounds(sim, capsys):
    result = run(sim, capsys, secrets=[], max_concurrency=0)
    assert result['failed'] is True and 'max_concurrency must be between 1 and 16' in result['msg']


@pytest.mark.parametrize('value', NON_STRING_VALUES)
def test_an_item_value_that_is_not_a_string_fails_before_any_request(sim, capsys, value):
    result = run(sim, capsys, secrets=[{'name': 'ok', 'value': VALUES[0], 'visibility': 'all'},
                                       {'name': 'x', 'value': value, 'visibility': 'all'}])
    assert_must_quote(result, 'secrets[1].value')
    assert requests_sent(sim) == []


@pytest.mark.parametrize('item', [BARE_ITEM, 42, ['x', BARE_ITEM], None])
def test_an_item_that_is_not_a_dictionary_fails_keeping_secrets_masked(sim, capsys, item):
    result = run(sim, capsys, secrets=[{'name': 'ok', 'value': VALUES[0], 'visibility': 'all'}, item])
    assert result['failed'] is True
    assert 'secrets[1] must be a dictionary' in result['msg']
    assert requests_sent(sim) == []


@pytest.mark.parametrize('secrets', [[], [{'name': 'keep', 'state': 'absent'}]], ids=['empty', 'only-absent'])
@pytest.mark.parametrize('check_mode', [False, True])
def test_a_purge_that_keeps_nothing_needs_confirmation(sim, capsys, secrets, check_mode):
    seed_secrets(sim, [{'name': name, 'value': 'v', 'visibility': 'all'} for name in ('KEEP', 'OTHER')])
    refused = run(sim, capsys, check_mode=check_mode, secrets=secrets, purge=True)
    assert refused['failed'] is True and refused['changed'] is False
    assert 'confirm_purge_all' in refused['msg'] and 'purge would delete every Codespaces secret' in refused['msg']
    assert requests_sent(sim) == [] and stored_names(sim) == ['KEEP', 'OTHER']
    confirmed = run(sim, capsys, check_mode=check_mode, secrets=secrets, purge=True, confirm_purge_all=True)
    assert confirmed['changed'] is True and confirmed['deleted'] == ['KEEP', 'OTHER']
    assert stored_names(sim) == ([] if not check_mode else ['KEEP', 'OTHER'])


def test_a_purge_that_keeps_a_secret_needs_no_confirmation(sim, capsys):
    seed_secrets(sim, [{'name': 'OTHER', 'value': 'v', 'visibility': 'all'}])
    result = run(sim, capsys, secrets=[{'name': 'keep', 'value': VALUES[0], 'visibility': 'all'}], purge=True)
    assert result['created'] == ['KEEP'] and result['deleted'] == ['OTHER']


@pytest.mark.parametrize('rule, written', [
    # one of four writes fails: the other three went through
    ({'method': 'PUT', 'path': 'S2$'}, {'created': ['S1', 'S3'], 'updated': ['S0'], 'deleted': []}),
])
def test_a_failure_after_writes_reports_changed_and_what_was_written(sim, capsys, rule, written):
    seed_secrets(sim, [{'name': 'S0', 'value': 'old', 'visibility': 'all'}])
    sim.faults.add_rule(dict(rule, action='status', status=500, times=None))
    result = run(sim, capsys, max_retries=0,
                 secrets=[{'name': 'S%d' % i, 'value': VALUES[i % 3], 'visibility': 'all'} for i in range(4)])
    assert result['failed'] is True and result['changed'] is True
    assert dict((key, result[key]) for key in written) == written
    assert 'HTTP 500' in result['msg']
    assert stored_names(sim) == sorted(set(['S0'] + written['created']))
