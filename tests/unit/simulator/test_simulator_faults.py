"""Fault injection: status, reset, delay, rate limits, before/after, skip/times, error rate and latency."""

import time

import pytest
import requests

SECRETS = '/orgs/acme/codespaces/secrets'
RATE_DOC = 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api'


def add_rule(gh, **rule):
    resp = gh.post('/_simulator/faults/rules', json=rule)
    assert resp.status_code == 201, resp.text
    return resp.json()


def test_status_before_leaves_state_alone(gh):
    body = gh.secret_body('v')
    add_rule(gh, method='put', path=r'/secrets/X$', action='status', status=502)
    resp = gh.put(SECRETS + '/X', json=body)
    assert resp.status_code == 502
    assert resp.json() == {'message': 'Bad Gateway', 'documentation_url': 'https://docs.github.com/rest'}
    assert 'x-ratelimit-remaining' in resp.headers
    assert gh.stored('X') is None
    assert gh.put(SECRETS + '/X', json=body).status_code == 201
    log = gh.requests_log()
    assert [(e['status'], e['fault']) for e in log[-2:]] == [(502, 'status'), (201, None)]


def test_status_with_custom_body_and_headers(gh):
    add_rule(gh, path='public-key', action='status', status=500, body={'message': 'boom'}, headers={'X-Custom': 'yes'})
    resp = gh.get(SECRETS + '/public-key')
    assert resp.status_code == 500 and resp.json() == {'message': 'boom'} and resp.headers['X-Custom'] == 'yes'


def test_status_after_is_a_lost_response(gh):
    body = gh.secret_body('after')
    add_rule(gh, method='PUT', action='status', status=504, when='after')
    assert gh.put(SECRETS + '/LOST', json=body).status_code == 504
    assert gh.stored('LOST')['value'] == 'after'
    assert gh.put(SECRETS + '/LOST', json=body).status_code == 204


def test_reset_before(gh):
    body = gh.secret_body('v')
    add_rule(gh, method='PUT', action='reset')
    with pytest.raises(requests.exceptions.ConnectionError):
        gh.put(SECRETS + '/RESET', json=body)
    assert gh.stored('RESET') is None
    entry = gh.requests_log()[-1]
    assert entry['status'] is None and entry['fault'] == 'reset' and entry['method'] == 'PUT'
    # The same session recovers on a new connection.
    assert gh.put(SECRETS + '/RESET', json=body).status_code == 201


def test_reset_after(gh):
    body = gh.secret_body('applied')
    add_rule(gh, method='DELETE', action='reset', when='after')
    gh.create('DOOMED')
    with pytest.raises(requests.exceptions.ConnectionError):
        gh.delete(SECRETS + '/DOOMED')
    assert gh.stored('DOOMED') is None
    assert gh.delete(SECRETS + '/DOOMED').status_code == 404
    assert gh.put(SECRETS + '/OTHER', json=body).status_code == 201


def test_delay_triggers_client_timeouts(gh):
    add_rule(gh, method='GET', path='/secrets$', action='delay', delay=0.5)
    with pytest.raises(requests.exceptions.ReadTimeout):
        gh.get(SECRETS, timeout=0.15)
    started = time.monotonic()
    assert gh.get(SECRETS).status_code == 200
    assert time.monotonic() - started < 0.4


def test_delay_after_applies_the_change(gh):
    body = gh.secret_body('slow')
    add_rule(gh, method='PUT', action='delay', delay=0.5, when='after')
    with pytest.raises(requests.exceptions.ReadTimeout):
        gh.put(SECRETS + '/SLOW', json=body, timeout=0.15)
    assert gh.stored('SLOW')['value'] == 'slow'


@pytest.mark.parametrize('status', [403, 429])
def test_primary_rate_limit(gh, status):
    add_rule(gh, action='rate_limit', status=status, reset_in=5)
    resp = gh.get(SECRETS)
    assert resp.status_code == status
    assert resp.json() == {'message': 'API rate limit exceeded for user ID 1.', 'documentation_url': RATE_DOC}
    assert resp.headers['x-ratelimit-remaining'] == '0'
    assert time.time() + 3 < int(resp.headers['x-ratelimit-reset']) <= time.time() + 6
    assert gh.get(SECRETS).status_code == 200
    assert gh.requests_log()[-2]['fault'] == 'rate_limit'


@pytest.mark.parametrize('status', [403, 429])
def test_secondary_rate_limit(gh, status):
    add_rule(gh, action='secondary_rate_limit', status=status, retry_after=2)
    resp = gh.get(SECRETS)
    assert resp.status_code == status
    assert resp.headers['Retry-After'] == '2'
    assert resp.json()['message'] == 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.'
    assert resp.headers['x-ratelimit-remaining'] != '0'


def test_skip_times_and_counts(gh):
    add_rule(gh, method='GET', path='/orgs/acme$', action='status', status=503, skip=1, times=2)
    statuses = [gh.get('/orgs/acme').status_code for _i in range(4)]
    assert statuses == [200, 503, 503, 200]
    assert gh.get('/orgs/globex').status_code == 200
    rule = gh.get('/_simulator/faults').json()['rules'][0]
    assert (rule['matched'], rule['applied'], rule['remaining']) == (4, 2, 0)


def test_times_null_is_every_time_and_first_rule_wins(gh):
    add_rule(gh, path='/orgs/', action='status', status=500, times=None)
    add_rule(gh, path='/orgs/', action='status', status=502)
    assert [gh.get('/orgs/acme').status_code for _i in range(3)] == [500, 500, 500]
    rules = gh.get('/_simulator/faults').json()['rules']
    assert rules[0]['remaining'] is None and rules[1]['matched'] == 3 and rules[1]['applied'] == 0
    assert gh.delete('/_simulator/faults').status_code == 204
    assert gh.get('/orgs/acme').status_code == 200


def test_error_rate_and_seed(gh):
    config = {'error_rate': 0.5, 'error_statuses': [500, 503], 'random_seed': 7}
    runs = []
    for _run in range(2):
        assert gh.put('/_simulator/faults', json=config).status_code == 200
        runs.append([gh.get('/orgs/acme').status_code for _i in range(20)])
    assert runs[0] == runs[1]
    assert set(runs[0]) == {200, 500, 503}
    assert gh.get('/_simulator/health').status_code == 200
    gh.put('/_simulator/faults', json={'error_rate': 1, 'error_statuses': [503]})
    assert gh.get('/orgs/acme').status_code == 503
    assert gh.requests_log()[-1]['fault'] == 'error_rate'


def test_latency(gh):
    gh.put('/_simulator/faults', json={'latency_ms': 200})
    started = time.monotonic()
    gh.get('/orgs/acme')
    assert time.monotonic() - started >= 0.2
    started = time.monotonic()
    gh.get('/_simulator/health')
    assert time.monotonic() - started < 0.15


def test_faults_never_touch_control_routes(gh):
    add_rule(gh, action='reset', times=None)
    assert gh.get('/_simulator/health').json() == {'ok': True}
    assert gh.delete('/_simulator/faults').status_code == 204


@pytest.mark.parametrize('rule', [
    {'action': 'explode'},
    {'action': 'status', 'status': 999},
    {'action': 'rate_limit', 'status': 500},
    {'action': 'status', 'path': '('},
    {'action': 'status', 'when': 'during'},
    {'action': 'status', 'times': 0},
    {'action': 'status', 'colour': 'red'},
])
def test_invalid_rules_are_422(gh, rule):
    assert gh.post('/_simulator/faults/rules', json=rule).status_code == 422
    assert gh.put('/_simulator/faults', json={'rules': [rule]}).status_code == 422
    assert gh.get('/_simulator/faults').json()['rules'] == []


def test_invalid_fault_config_is_422(gh):
    for config in ({'error_rate': 2}, {'latency_ms': -1}, {'error_statuses': []}, {'random_seed': 'x'}, {'rules': {}}):
        assert gh.put('/_simulator/faults', json=config).status_code == 422, config


def test_rotate_key_changes_the_key_just_before_the_request(gh):
    old = gh.public_key()
    add_rule(gh, action='rotate_key', method='PUT')
    body = {'encrypted_value': gh.seal(old['key'], 'v'), 'key_id': old['key_id'], 'visibility': 'all'}
    resp = gh.put(SECRETS + '/ROTATED', json=body)
    assert resp.status_code == 422
    assert 'is not the ID of the current public key' in resp.json()['message']
    assert gh.public_key()['key_id'] != old['key_id']
    assert gh.put(SECRETS + '/ROTATED', json=gh.secret_body('v')).status_code == 201


def test_rotate_key_rule_rotates_the_store_of_the_request(gh):
    before = {store: gh.public_key(store=store) for store in ('codespaces', 'actions', 'dependabot')}
    add_rule(gh, action='rotate_key', method='GET', path='/actions/')
    assert gh.get('/orgs/acme/actions/secrets').status_code == 200
    after = gh.get('/_simulator/state').json()['orgs']['acme']['stores']
    assert after['actions']['public_key'] != before['actions']
    assert after['codespaces']['public_key'] == before['codespaces']
    assert after['dependabot']['public_key'] == before['dependabot']


def test_received_ciphertexts_are_kept_for_secrecy_tests(gh):
    body = gh.secret_body('kept')
    gh.put(SECRETS + '/KEPT', json=body)
    assert gh.get('/_simulator/ciphertexts').json() == {'ciphertexts': [body['encrypted_value']]}
    gh.post('/_simulator/reset')
    assert gh.get('/_simulator/ciphertexts').json() == {'ciphertexts': []}
