"""codespaces_org_secrets in-process: real argument parsing and output, the simulator behind."""

from ansible_collections.secretops.github.plugins.modules.org_secrets import main
from ansible_collections.secretops.github.tests.unit.plugins.helpers import ADMIN_TOKEN, requests_sent, stored_secret
from ansible_collections.secretops.github.tests.unit.plugins.modules.module_runner import run_module

VALUES = ['bulk-plaintext-%02d' % i for i in range(3)]


def run(sim, capsys, check_mode=False, diff=False, **args):
    full = dict(org='acme', token=ADMIN_TOKEN, api_url=sim.url)
    full.update(args)
    result, out = run_module(main, capsys, full, check_mode=check_mode, diff=diff)
    assert ADMIN_TOKEN not in out
    assert not any(value in out for value in VALUES)
    return result


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
