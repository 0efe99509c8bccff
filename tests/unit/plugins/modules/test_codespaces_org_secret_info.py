"""codespaces_org_secret_info in-process against the simulator."""

import pytest

from ansible_collections.secretops.github.plugins.modules.org_secret_info import main
from ansible_collections.secretops.github.tests.unit.plugins.helpers import ADMIN_TOKEN, requests_sent, seed_secrets
from ansible_collections.secretops.github.tests.unit.plugins.modules.module_runner import run_module

VALUE = 'info-module-plaintext'


def run(sim, capsys, check_mode=False, **args):
    full = dict(org='acme', token=ADMIN_TOKEN, api_url=sim.url)
    full.update(args)
    result, out = run_module(main, capsys, full, check_mode=check_mode)
    assert VALUE not in out and ADMIN_TOKEN not in out
    return result


def test_lists_every_secret_without_values(sim, capsys):
    seed_secrets(sim, [{'name': 'A', 'value': VALUE, 'visibility': 'all'},
                       {'name': 'B', 'value': VALUE, 'visibility': 'selected', 'selected_repository_ids': [1001]}])
    result = run(sim, capsys)
    assert result['changed'] is False
    assert [s['name'] for s in result['secrets']] == ['A', 'B']
    assert 'selected_repositories' not in result['secrets'][1]
    assert 'public_key' not in result


def test_one_missing_secret_is_an_empty_list(sim, capsys):
    result = run(sim, capsys, name='nope')
    assert result['secrets'] == [] and result['changed'] is False and 'failed' not in result


def test_include_repositories_and_public_key(sim, capsys):
    seed_secrets(sim, [{'name': 'B', 'value': VALUE, 'visibility': 'selected', 'selected_repository_ids': [1002, 1001]}])
    result = run(sim, capsys, name='b', include_repositories=True, include_public_key=True)
    assert [r['full_name'] for r in result['secrets'][0]['selected_repositories']] == ['acme/api', 'acme/web']
    key = sim.state.snapshot()['orgs']['acme']['public_key']
    assert result['public_key'] == {'key_id': key['key_id'], 'key': key['key']}


def test_check_mode_reads_the_same(sim, capsys):
    seed_secrets(sim, [{'name': 'A', 'value': VALUE, 'visibility': 'all'}])
    assert run(sim, capsys, check_mode=True)['secrets'] == run(sim, capsys)['secrets']
    assert all(method == 'GET' for method, _path in requests_sent(sim))


@pytest.mark.parametrize('args', [{}, {'name': 'x'}], ids=['all', 'one'])
def test_a_missing_org_fails_cleanly(sim, capsys, args):
    result = run(sim, capsys, org='no-such-org', **args)
    assert result['failed'] is True and result['status'] == 404 and result['changed'] is False
    assert 'Organization no-such-org does not exist, or its plan does not include Codespaces' in result['msg']
    assert 'Check the org option' in result['msg']
