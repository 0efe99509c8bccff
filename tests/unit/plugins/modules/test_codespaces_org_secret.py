"""codespaces_org_secret end to end in-process: real argument parsing, real output, the simulator behind."""

import pytest

from ansible_collections.secretops.github.plugins.module_utils import _github_client as github_client
from ansible_collections.secretops.github.plugins.modules.org_secret import main
from ansible_collections.secretops.github.tests.unit.plugins.helpers import (
    ADMIN_TOKEN,
    NON_STRING_VALUES,
    READONLY_TOKEN,
    assert_must_quote,
    requests_sent,
    stored_secret,
)
from ansible_collections.secretops.github.tests.unit.plugins.modules.module_runner import run_module, warning_texts

VALUE = 'Th1s-is-the-plaintext'
WRITES = ('PUT', 'DELETE')
BASE = '/orgs/acme/codespaces/secrets'


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


@pytest.mark.parametrize('github_token, gh_token', [
    (ADMIN_TOKEN, 'not-a-valid-token'),   # GITHUB_TOKEN wins
    ('', ADMIN_TOKEN),                     # an empty variable counts as unset
])
def test_token_environment_variables(sim, run, monkeypatch, github_token, gh_token):
    monkeypatch.setenv('GITHUB_TOKEN', github_token)
    monkeypatch.setenv('GH_TOKEN', gh_token)
    assert run(name='env_secret', value=VALUE, visibility='all', token=None)['changed'] is True


def test_an_empty_github_api_url_counts_as_unset(sim, run, monkeypatch):
    monkeypatch.setenv('GITHUB_API_URL', '')
    # timeout=0 fails after argument parsing and before any request (nothing goes to api.github.com)
    result = run(name='x', value=VALUE, visibility='all', api_url=None, timeout=0)
    assert result['failed'] is True and 'timeout must be' in result['msg']
    assert result['invocation']['module_args']['api_url'] == 'https://api.github.com'


def test_missing_requests_library_is_reported_the_ansible_way(run, monkeypatch):
    monkeypatch.setattr(github_client, 'REQUESTS_IMPORT_ERROR', 'Traceback (most recent call last): ImportError')
    result = run(name='x', value=VALUE, visibility='all')
    assert result['failed'] is True
    assert 'Failed to import the required Python library (requests)' in result['msg']


@pytest.mark.parametrize('option', ['value', 'encrypted_value'])
@pytest.mark.parametrize('value', NON_STRING_VALUES)
def test_a_value_that_is_not_a_string_fails_before_any_request(sim, run, option, value):
    args = dict(name='x', visibility='all', key_id='1' if option == 'encrypted_value' else None)
    args[option] = value
    assert_must_quote(run(**args), option)
    assert requests_sent(sim) == []


@pytest.mark.parametrize('check_mode', [False, True])
def test_absent_in_a_missing_org_fails_naming_it(sim, run, check_mode):
    result = run(org='nosuch-org', name='api_key', state='absent', check_mode=check_mode)
    assert result['failed'] is True and result['changed'] is False
    assert 'Organization nosuch-org does not exist' in result['msg']
    assert writes(sim) == []


def test_absent_on_a_missing_secret_is_unchanged_after_checking_the_org(sim, run):
    result = run(name='api_key', state='absent')
    assert result['changed'] is False and result['secret'] == {} and 'failed' not in result
    assert requests_sent(sim) == [('GET', BASE + '/API_KEY'), ('GET', BASE + '/public-key')]


def test_a_value_to_write_reads_the_secret_and_the_key_together(sim, run):
    # The secret's GET is slowed down: the key, asked for at the same time, is answered first.
    sim.faults.add_rule({'action': 'delay', 'delay': 0.5, 'method': 'GET', 'path': 'secrets/API_KEY$'})
    assert run(name='api_key', value=VALUE, visibility='all')['changed'] is True
    assert requests_sent(sim) == [('GET', BASE + '/public-key'), ('GET', BASE + '/API_KEY'),
                                  ('PUT', BASE + '/API_KEY')]
    sim.state.clear_log()
    assert run(name='api_key', value=VALUE, update_value='on_create')['changed'] is False
    assert requests_sent(sim) == [('GET', BASE + '/API_KEY')]


def test_the_write_is_the_last_request_so_nothing_after_it_can_fail(sim, run):
    # Reads of the secret after the PUT would fail (the first GET, before it, passes): none is sent.
    sim.faults.add_rule({'action': 'status', 'status': 500, 'method': 'GET', 'path': 'secrets/API_KEY$',
                         'skip': 1, 'times': None})
    result = run(name='api_key', value=VALUE, visibility='all', max_retries=0)
    assert 'failed' not in result and result['changed'] is True
    assert result['secret'] == {'name': 'API_KEY', 'visibility': 'all'}
    assert stored_secret(sim, 'API_KEY')['value'] == VALUE
    assert requests_sent(sim)[-1] == ('PUT', BASE + '/API_KEY')


def test_credentials_in_api_url_are_refused_and_never_echoed(sim, capsys):
    args = dict(org='acme', token=ADMIN_TOKEN, name='x', value=VALUE, visibility='all',
                api_url='https://alice:s3cr3t-PW@github.example')
    result, out = run_module(main, capsys, args)
    assert result['failed'] is True and 'must not contain a user name or password' in result['msg']
    assert requests_sent(sim) == []
    assert 's3cr3t-PW' not in out
