"""codespaces_org_secret end to end in-process: real argument parsing, real output, the simulator behind."""

import pytest

from ansible_collections.secretops.github.plugins.module_utils import _github_client as github_client
from ansible_collections.secretops.github.plugins.modules.org_secret import main
from ansible_collections.secretops.github.tests.unit.plugins.helpers import (
    ADMIN_TOKEN,
    READONLY_TOKEN,
    requests_sent,
    stored_secret,
)
from ansible_collections.secretops.github.tests.unit.plugins.modules.module_runner import run_module, warning_texts

VALUE = 'Th1s-is-the-plaintext'
WRITES = ('PUT', 'DELETE')


@pytest.fixture(name='run')
def run_fixture(sim, capsys, monkeypatch):
    for name in ('GITHUB_TOKEN', 'GH_TOKEN', 'GITHUB_API_URL'):
        monkeypatch.delenv(name, raising=False)

    def run(check_mode=False, diff=False, **args):
        full = dict(org='acme', token=ADMIN_TOKEN, api_url=sim.url)
        full.update(args)
        full = dict((k, v) for k, v in full.items() if v is not None)
        result, out = run_module(main, capsys, full, check_mode=check_mode, diff=diff)
        assert VALUE not in out and ADMIN_TOKEN not in out
        return result
    return run


def writes(sim):
    return [r for r in requests_sent(sim) if r[0] in WRITES]


def test_create_check_real_and_idempotent_reruns(sim, run):
    args = dict(name='api_key', value=VALUE, visibility='all', update_value='on_create')
    check = run(check_mode=True, **args)
    assert check['changed'] is True
    assert check['secret'] == {'name': 'API_KEY', 'visibility': 'all'}
    assert writes(sim) == []

    real = run(**args)
    assert real['changed'] is True
    # Not read back after the write: what the task knows, no stale timestamps.
    assert real['secret'] == {'name': 'API_KEY', 'visibility': 'all'}
    assert stored_secret(sim, 'API_KEY')['value'] == VALUE
    assert requests_sent(sim)[-1] == ('PUT', '/orgs/acme/codespaces/secrets/API_KEY')

    sim.state.clear_log()
    assert run(check_mode=True, **args)['changed'] is False
    again = run(**args)
    assert again['changed'] is False
    stored = stored_secret(sim, 'API_KEY')
    assert again['secret'] == {'name': 'API_KEY', 'visibility': 'all', 'created_at': stored['created_at'],
                               'updated_at': stored['updated_at']}
    assert requests_sent(sim) == [('GET', '/orgs/acme/codespaces/secrets/API_KEY')] * 2


def test_diff_never_holds_the_value(run):
    result = run(check_mode=True, diff=True, name='api_key', value=VALUE, visibility='selected', repositories=['api'])
    assert result['diff'] == {
        'before': {'state': 'absent'},
        'after': {'state': 'present', 'visibility': 'selected', 'selected_repositories': ['acme/api'],
                  'value': 'set (not shown)'}}


def test_no_diff_key_without_diff_mode(run):
    assert 'diff' not in run(name='api_key', value=VALUE, visibility='all')


def test_value_update_is_reported_every_time_with_always(sim, run):
    run(name='api_key', value=VALUE, visibility='all')
    assert run(name='api_key', value=VALUE)['changed'] is True
    assert run(name='api_key', value=VALUE)['changed'] is True


def test_repositories_from_an_ad_hoc_comma_string(sim, run):
    result = run(name='api_key', value=VALUE, visibility='selected', repositories='api,acme/web,1003')
    assert [r['full_name'] for r in result['secret']['selected_repositories']] == ['acme/api', 'acme/docs', 'acme/web']
    assert stored_secret(sim, 'API_KEY')['selected_repository_ids'] == [1001, 1002, 1003]


def test_switching_to_selected_without_repositories_warns(sim, run):
    run(name='api_key', value=VALUE, visibility='all')
    result = run(name='api_key', visibility='selected')
    assert any('no repository can use it yet' in w for w in warning_texts(result))


def test_delete(sim, run):
    run(name='api_key', value=VALUE, visibility='all')
    assert run(name='api_key', state='absent', check_mode=True)['changed'] is True
    assert stored_secret(sim, 'API_KEY') is not None
    result = run(name='api_key', state='absent')
    assert result['changed'] is True and result['secret'] == {}
    assert 'warnings' not in result
    assert run(name='api_key', state='absent')['changed'] is False


@pytest.mark.parametrize('args, text', [
    (dict(name='bad-name', value=VALUE, visibility='all'), "name 'bad-name' is not a valid secret name"),
    (dict(name='x', value=VALUE, encrypted_value='QUJD', key_id='1', visibility='all'), 'mutually exclusive'),
    (dict(name='x', value='y' * 49153, visibility='all'), 'at most 49152 bytes'),
    (dict(name='x', value=VALUE, visibility='all', repositories=['api']), 'only be used with visibility=selected'),
    (dict(name='x', value=VALUE, visibility='all', token=''), 'No GitHub token'),
    (dict(name='x', value=VALUE, visibility='all', api_url='not a url'), 'is not an http(s) URL'),
    (dict(name='x', value=VALUE, visibility='all', timeout=0), 'timeout must be'),
])
def test_bad_input_fails_before_any_request_without_traceback(sim, run, args, text):
    result = run(**args)
    assert result['failed'] is True
    assert text in result['msg']
    assert 'exception' not in result
    assert requests_sent(sim) == []


def test_http_errors_carry_status_and_documentation_url(sim, run):
    result = run(name='x', value=VALUE, visibility='all', token=READONLY_TOKEN)
    assert result['failed'] is True
    assert result['status'] == 403
    assert result['documentation_url'].startswith('https://docs.github.com/')
    assert 'admin:org' in result['msg']
    assert 'exception' not in result
    assert READONLY_TOKEN not in str(result)


def test_unknown_repositories_fail_without_writing(sim, run):
    result = run(name='x', value=VALUE, visibility='selected', repositories=['api', 'nope'])
    assert result['failed'] is True
    assert "no repository 'nope'" in result['msg']
    assert writes(sim) == []


def test_token_and_api_url_from_the_environment(sim, run, monkeypatch):
    monkeypatch.setenv('GITHUB_API_URL', sim.url)
    monkeypatch.setenv('GH_TOKEN', ADMIN_TOKEN)
    assert run(name='env_secret', value=VALUE, visibility='all', token=None, api_url=None)['changed'] is True


def test_github_token_wins_over_gh_token(sim, run, monkeypatch):
    monkeypatch.setenv('GITHUB_TOKEN', ADMIN_TOKEN)
    monkeypatch.setenv('GH_TOKEN', 'not-a-valid-token')
    assert run(name='env_secret', value=VALUE, visibility='all', token=None)['changed'] is True


def test_missing_requests_library_is_reported_the_ansible_way(run, monkeypatch):
    monkeypatch.setattr(github_client, 'REQUESTS_IMPORT_ERROR', 'Traceback (most recent call last): ImportError')
    result = run(name='x', value=VALUE, visibility='all')
    assert result['failed'] is True
    assert 'Failed to import the required Python library (requests)' in result['msg']
