"""org_secret end to end in-process, in every store: real argument parsing, real output, the simulator behind."""

import pytest

from ansible_collections.secretops.github.plugins.module_utils import _github_client as github_client
from ansible_collections.secretops.github.plugins.modules.org_secret import main
from ansible_collections.secretops.github.tests.unit.plugins.helpers import (
    ADMIN_TOKEN,
    FACTS,
    METADATA_PUT_STORES,
    NON_STRING_VALUES,
    ONE_STORE,
    READONLY_TOKEN,
    VALUE_PUT_STORES,
    assert_must_quote,
    put_bodies,
    requests_sent,
    secrets_path,
    seed_secrets,
    slow_down,
    stored_secret,
    store_state,
    writes_sent,
)
from ansible_collections.secretops.github.tests.unit.plugins.modules.module_runner import (
    module_runner,
    run_module,
    warning_texts,
)

VALUE = 'Th1s-is-the-plaintext'
OLD_VALUE = 'the-old-plaintext'


@pytest.fixture(name='run')
def run_fixture(sim, capsys, clean_env, store):
    return module_runner(main, sim, capsys, secrets=(VALUE, OLD_VALUE), store=store)


def seed(sim, store, visibility='all', **spec):
    seed_secrets(sim, store, [dict(spec, name='API_KEY', value=OLD_VALUE, visibility=visibility)])


def test_create_check_real_and_idempotent_reruns(sim, run, store):
    args = dict(name='api_key', value=VALUE, visibility='all', update_value='on_create')
    check = run(check_mode=True, **args)
    assert check['changed'] is True
    assert check['secret'] == {'name': 'API_KEY', 'visibility': 'all'}
    assert writes_sent(sim) == []

    real = run(**args)
    assert real['changed'] is True
    # Not read back after the write: what the task knows, no stale timestamps.
    assert real['secret'] == {'name': 'API_KEY', 'visibility': 'all'}
    assert stored_secret(sim, store, 'API_KEY')['value'] == VALUE
    assert requests_sent(sim)[-1] == ('PUT', secrets_path(store, 'API_KEY'))

    sim.state.clear_log()
    assert run(check_mode=True, **args)['changed'] is False
    again = run(**args)
    assert again['changed'] is False
    stored = stored_secret(sim, store, 'API_KEY')
    assert again['secret'] == {'name': 'API_KEY', 'visibility': 'all', 'created_at': stored['created_at'],
                               'updated_at': stored['updated_at']}
    # The key is read with the secret whenever a value is given, in the same round trip.
    assert sorted(requests_sent(sim)) == sorted([('GET', secrets_path(store, 'API_KEY')),
                                                 ('GET', secrets_path(store, 'public-key'))] * 2)


def test_names_are_case_insensitive_and_reported_upper_case(sim, run, store):
    assert run(name='Api_Key', value=VALUE, visibility='all')['secret']['name'] == 'API_KEY'
    again = run(name='api_KEY', value=VALUE, update_value='on_create')
    assert again['changed'] is False and again['secret']['name'] == 'API_KEY'
    assert list(store_state(sim, store)['secrets']) == ['API_KEY']
    assert run(name='api_key', state='absent')['changed'] is True


def test_only_the_task_store_is_touched(sim, run, store):
    run(name='api_key', value=VALUE, visibility='all')
    assert set(entry['store'] for entry in sim.state.log_entries()) == {store}
    stores = sim.state.snapshot()['orgs']['acme']['stores']
    assert dict((name, list(s['secrets'])) for name, s in stores.items() if s['secrets']) == {store: ['API_KEY']}


def test_diff_never_holds_the_value(run):
    result = run(check_mode=True, diff=True, name='api_key', value=VALUE, visibility='selected', repositories=['api'])
    assert result['diff'] == {
        'before': {'state': 'absent'},
        'after': {'state': 'present', 'visibility': 'selected', 'selected_repositories': ['acme/api'],
                  'value': 'set (not shown)'}}


def test_no_diff_key_without_diff_mode(run):
    assert 'diff' not in run(name='api_key', value=VALUE, visibility='all')


def test_value_update_is_reported_every_time_with_always(sim, run, store):
    run(name='api_key', value=VALUE, visibility='all')
    assert run(name='api_key', value=VALUE)['changed'] is True
    assert run(name='api_key', value=OLD_VALUE)['changed'] is True
    assert stored_secret(sim, store, 'API_KEY')['value'] == OLD_VALUE


def test_repositories_from_an_ad_hoc_comma_string(sim, run, store):
    result = run(name='api_key', value=VALUE, visibility='selected', repositories='api,acme/web,1003')
    assert [r['full_name'] for r in result['secret']['selected_repositories']] == ['acme/api', 'acme/docs', 'acme/web']
    assert stored_secret(sim, store, 'API_KEY')['selected_repository_ids'] == [1001, 1002, 1003]


def test_the_create_put_sends_repository_ids_as_the_store_takes_them(sim, run, store):
    run(name='api_key', value=VALUE, visibility='selected', repositories=['web', 'api'])
    [(path, body)] = put_bodies(sim)
    assert path == secrets_path(store, 'API_KEY')
    assert body['selected_repository_ids'] == FACTS[store].put_ids([1001, 1002])
    assert body['encrypted_value'] == '<redacted>'


def test_switching_to_selected_without_repositories_warns(sim, run, store):
    seed(sim, store)
    # A value for the stores whose visibility change needs one; update_value keeps it out elsewhere.
    result = run(name='api_key', visibility='selected', value=VALUE, update_value='on_create')
    assert any('no repository can use it yet' in w for w in warning_texts(result))
    assert stored_secret(sim, store, 'API_KEY')['visibility'] == 'selected'


@pytest.mark.parametrize('store', METADATA_PUT_STORES)
@pytest.mark.parametrize('value', [None, VALUE])
def test_a_visibility_change_without_value_to_write_keeps_the_value(sim, run, store, value):
    seed(sim, store)
    result = run(diff=True, name='api_key', visibility='private', value=value, update_value='on_create')
    assert result['changed'] is True
    assert result['diff']['after'] == {'state': 'present', 'visibility': 'private'}
    assert put_bodies(sim) == [(secrets_path(store, 'API_KEY'), {'visibility': 'private'})]
    assert stored_secret(sim, store, 'API_KEY')['value'] == OLD_VALUE


@pytest.mark.parametrize('store', VALUE_PUT_STORES)
@pytest.mark.parametrize('check_mode', [False, True])
def test_a_visibility_change_without_value_fails_before_any_write_naming_value(sim, run, store, check_mode):
    seed(sim, store)
    result = run(check_mode=check_mode, name='api_key', visibility='private')
    assert result['failed'] is True and result['changed'] is False
    assert 'needs value' in result['msg'] and 'nothing was changed' in result['msg']
    assert writes_sent(sim) == []
    assert stored_secret(sim, store, 'API_KEY')['visibility'] == 'all'


@pytest.mark.parametrize('store', VALUE_PUT_STORES)
def test_a_visibility_change_re_sends_the_given_value_even_with_on_create(sim, run, store):
    seed(sim, store)
    result = run(diff=True, name='api_key', visibility='private', value=VALUE, update_value='on_create')
    assert result['changed'] is True
    assert result['diff']['after'] == {'state': 'present', 'visibility': 'private', 'value': 'rewritten (not shown)'}
    [(path, body)] = put_bodies(sim)
    assert path == secrets_path(store, 'API_KEY') and body['encrypted_value'] == '<redacted>'
    assert stored_secret(sim, store, 'API_KEY')['value'] == VALUE


def test_a_selection_only_change_sends_no_value(sim, run, store):
    seed(sim, store, visibility='selected', selected_repository_ids=[1001])
    result = run(diff=True, name='api_key', repositories=['web', 'api'], value=VALUE, update_value='on_create')
    assert result['changed'] is True and 'value' not in result['diff']['after']
    assert put_bodies(sim) == [FACTS[store].selection_change(store, 'API_KEY', [1001, 1002])]
    assert stored_secret(sim, store, 'API_KEY')['selected_repository_ids'] == [1001, 1002]
    assert stored_secret(sim, store, 'API_KEY')['value'] == OLD_VALUE


def test_delete(sim, run, store):
    run(name='api_key', value=VALUE, visibility='all')
    assert run(name='api_key', state='absent', check_mode=True)['changed'] is True
    assert stored_secret(sim, store, 'API_KEY') is not None
    result = run(name='api_key', state='absent')
    assert result['changed'] is True and result['secret'] == {}
    assert 'warnings' not in result
    assert writes_sent(sim)[-1] == ('DELETE', secrets_path(store, 'API_KEY'))
    assert run(name='api_key', state='absent')['changed'] is False


@ONE_STORE
@pytest.mark.parametrize('args, text', [
    (dict(name='bad-name', value=VALUE, visibility='all'), "name 'bad-name' is not a valid secret name"),
    (dict(name='x', value=VALUE, encrypted_value='QUJD', key_id='1', visibility='all'), 'mutually exclusive'),
    (dict(name='x', value='y' * 49153, visibility='all'), 'at most 49152 bytes'),
    (dict(name='x', value=VALUE, visibility='all', repositories=['api']), 'only be used with visibility=selected'),
    (dict(name='x', value=VALUE, visibility='all', token=''), 'No GitHub token'),
    (dict(name='x', value=VALUE, visibility='all', api_url='not a url'), 'is not an http(s) URL'),
    (dict(name='x', value=VALUE, visibility='all', timeout=0), 'timeout must be'),
    (dict(name='x', value=VALUE, visibility='all', store='vault'), 'value of store must be one of'),
])
def test_bad_input_fails_before_any_request_without_traceback(sim, run, args, text):
    result = run(**args)
    assert result['failed'] is True
    assert text in result['msg']
    assert 'exception' not in result
    assert requests_sent(sim) == []


def test_http_errors_carry_status_documentation_url_and_the_store_permission(sim, run, store):
    result = run(name='x', value=VALUE, visibility='all', token=READONLY_TOKEN)
    assert result['failed'] is True
    assert result['status'] == 403
    assert result['documentation_url'].startswith('https://docs.github.com/')
    facts = FACTS[store]
    assert 'admin:org' in result['msg'] and 'The token lacks permission for %s secrets' % facts.title in result['msg']
    assert '"%s"' % facts.fine_grained_permission in result['msg'] and facts.app_permission in result['msg']
    assert 'exception' not in result
    assert READONLY_TOKEN not in str(result)


def test_unknown_repositories_fail_without_writing(sim, run):
    result = run(name='x', value=VALUE, visibility='selected', repositories=['api', 'nope'])
    assert result['failed'] is True
    assert "no repository 'nope'" in result['msg']
    assert writes_sent(sim) == []


@ONE_STORE
def test_token_and_api_url_from_the_environment(sim, run, monkeypatch):
    monkeypatch.setenv('GITHUB_API_URL', sim.url)
    monkeypatch.setenv('GH_TOKEN', ADMIN_TOKEN)
    assert run(name='env_secret', value=VALUE, visibility='all', token=None, api_url=None)['changed'] is True


@ONE_STORE
@pytest.mark.parametrize('github_token, gh_token', [
    (ADMIN_TOKEN, 'not-a-valid-token'),   # GITHUB_TOKEN wins
    ('', ADMIN_TOKEN),                     # an empty variable counts as unset
])
def test_token_environment_variables(sim, run, monkeypatch, github_token, gh_token):
    monkeypatch.setenv('GITHUB_TOKEN', github_token)
    monkeypatch.setenv('GH_TOKEN', gh_token)
    assert run(name='env_secret', value=VALUE, visibility='all', token=None)['changed'] is True


@ONE_STORE
def test_an_empty_github_api_url_counts_as_unset(sim, run, monkeypatch):
    monkeypatch.setenv('GITHUB_API_URL', '')
    # timeout=0 fails after argument parsing and before any request (nothing goes to api.github.com)
    result = run(name='x', value=VALUE, visibility='all', api_url=None, timeout=0)
    assert result['failed'] is True and 'timeout must be' in result['msg']
    assert result['invocation']['module_args']['api_url'] == 'https://api.github.com'


@ONE_STORE
def test_missing_requests_library_is_reported_the_ansible_way(run, monkeypatch):
    monkeypatch.setattr(github_client, 'REQUESTS_IMPORT_ERROR', 'Traceback (most recent call last): ImportError')
    result = run(name='x', value=VALUE, visibility='all')
    assert result['failed'] is True
    assert 'Failed to import the required Python library (requests)' in result['msg']


@ONE_STORE
@pytest.mark.parametrize('option', ['value', 'encrypted_value'])
@pytest.mark.parametrize('value', NON_STRING_VALUES)
def test_a_value_that_is_not_a_string_fails_before_any_request(sim, run, option, value):
    args = dict(name='x', visibility='all', key_id='1' if option == 'encrypted_value' else None)
    args[option] = value
    assert_must_quote(run(**args), option)
    assert requests_sent(sim) == []


@pytest.mark.parametrize('check_mode', [False, True])
def test_absent_in_a_missing_org_fails_naming_it_and_the_store(sim, run, store, check_mode):
    result = run(org='nosuch-org', name='api_key', state='absent', check_mode=check_mode)
    assert result['failed'] is True and result['changed'] is False
    assert 'Organization nosuch-org does not exist' in result['msg']
    assert FACTS[store].title in result['msg']
    assert writes_sent(sim) == []


def test_absent_on_a_missing_secret_is_unchanged_after_checking_the_org(sim, run, store):
    result = run(name='api_key', state='absent')
    assert result['changed'] is False and result['secret'] == {} and 'failed' not in result
    assert requests_sent(sim) == [('GET', secrets_path(store, 'API_KEY')), ('GET', secrets_path(store, 'public-key'))]


@pytest.mark.parametrize('slow, fast', [('API_KEY', 'public-key'), ('public-key', 'API_KEY')])
def test_a_given_value_reads_the_secret_and_the_key_together(sim, run, store, slow, fast):
    # One of the two GETs is slowed down: the other, asked for at the same time, is answered first.
    slow_down(sim, 'secrets/%s$' % slow, 0.4)
    together = [('GET', secrets_path(store, fast)), ('GET', secrets_path(store, slow))]
    for update_value in ('on_create', 'always'):
        sim.state.reset()  # the seed again, and an empty log
        assert run(name='api_key', value=VALUE, visibility='all', update_value=update_value)['changed'] is True
        assert requests_sent(sim) == together + [('PUT', secrets_path(store, 'API_KEY'))]
    sim.state.clear_log()
    assert run(name='api_key', value=VALUE, update_value='on_create')['changed'] is False
    assert requests_sent(sim) == together
    # No value to encrypt: an existing secret is the only read.
    sim.state.clear_log()
    assert run(name='api_key', visibility='all')['changed'] is False
    assert requests_sent(sim) == [('GET', secrets_path(store, 'API_KEY'))]


def test_the_write_is_the_last_request_so_nothing_after_it_can_fail(sim, run, store):
    # Reads of the secret after the PUT would fail (the first GET, before it, passes): none is sent.
    sim.faults.add_rule({'action': 'status', 'status': 500, 'method': 'GET', 'path': 'secrets/API_KEY$',
                         'skip': 1, 'times': None})
    result = run(name='api_key', value=VALUE, visibility='all', max_retries=0)
    assert 'failed' not in result and result['changed'] is True
    assert result['secret'] == {'name': 'API_KEY', 'visibility': 'all'}
    assert stored_secret(sim, store, 'API_KEY')['value'] == VALUE
    assert requests_sent(sim)[-1] == ('PUT', secrets_path(store, 'API_KEY'))


def test_credentials_in_api_url_are_refused_and_never_echoed(sim, capsys):
    args = dict(org='acme', token=ADMIN_TOKEN, name='x', value=VALUE, visibility='all',
                api_url='https://alice:s3cr3t-PW@github.example')
    result, out = run_module(main, capsys, args)
    assert result['failed'] is True and 'must not contain a user name or password' in result['msg']
    assert requests_sent(sim) == []
    assert 's3cr3t-PW' not in out


@ONE_STORE
def test_a_misspelled_secret_option_is_refused_masked_with_a_suggestion(sim, run):
    # run() asserts that VALUE appears nowhere in the output, the invocation included.
    result = run(name='x', valeu=VALUE, visibility='all')
    assert result['failed'] is True
    assert result['msg'] == 'Unsupported parameter valeu (its value is not shown): did you mean value for valeu?'
    assert requests_sent(sim) == []


@ONE_STORE
def test_a_long_list_of_bad_repositories_gives_a_bounded_message(sim, run):
    result = run(name='x', value=VALUE, visibility='selected', repositories=['bad name %d' % i for i in range(500)])
    assert result['failed'] is True and result['msg'].endswith('and 490 more')
    assert len(result['msg']) < 2000 and requests_sent(sim) == []
