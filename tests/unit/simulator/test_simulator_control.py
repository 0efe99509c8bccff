"""Control endpoints, the request log (and its redaction), seeds, the file log and concurrency."""

import base64
import json
import threading

import pytest
import requests
from nacl.public import PrivateKey

from ansible_collections.secretops.github.tests.simulator.github_simulator import seal, start

SECRETS = '/orgs/acme/codespaces/secrets'


def test_health_and_state(gh):
    assert gh.get('/_simulator/health').json() == {'ok': True}
    gh.create('SHOWN', 'plain text', visibility='selected', selected_repository_ids=[1005, 1001])
    state = gh.get('/_simulator/state').json()
    assert sorted(state['orgs']) == ['acme', 'globex']
    acme = state['orgs']['acme']
    assert acme['login'] == 'acme'
    assert acme['public_key'] == gh.public_key()
    assert acme['repositories'][0] == {'id': 1001, 'name': 'api', 'full_name': 'acme/api', 'private': True}
    assert [r['id'] for r in acme['repositories']] == [1001, 1002, 1003, 1004, 1005, 1006]
    assert [r['private'] for r in acme['repositories']] == [True, True, False, True, True, True]
    assert [(r['id'], r['name']) for r in state['orgs']['globex']['repositories']] == [(2001, 'portal'), (2002, 'billing'), (2003, 'api')]
    shown = acme['secrets']['SHOWN']
    assert shown['value'] == 'plain text'
    assert shown['selected_repository_ids'] == [1001, 1005]
    assert set(shown) == {'name', 'created_at', 'updated_at', 'visibility', 'selected_repository_ids', 'value'}


def test_request_log_entries_and_redaction(ghes):
    actions = '/orgs/acme/actions/secrets'
    body = ghes.secret_body('top secret value', 'selected', store='actions', selected_repository_ids=[1001])
    ghes.put(actions + '/LOGGED?x=1', json=body)
    log = ghes.requests_log()
    assert [e['path'] for e in log] == [actions + '/public-key', actions + '/LOGGED']
    entry = log[-1]
    assert entry['seq'] == log[0]['seq'] + 1
    assert isinstance(entry['time'], float)
    assert entry['method'] == 'PUT' and entry['api_prefix'] is True and entry['query'] == {'x': '1'}
    assert entry['store'] == 'actions'
    assert set(entry) == {'seq', 'time', 'method', 'path', 'api_prefix', 'store', 'query', 'status', 'body', 'api_version',
                          'user_agent', 'accept', 'authorization_scheme', 'auth_kind', 'fault'}
    assert entry['status'] == 201 and entry['fault'] is None
    assert entry['body'] == {'encrypted_value': '<redacted>', 'key_id': body['key_id'], 'visibility': 'selected',
                             'selected_repository_ids': [1001]}
    assert entry['api_version'] == '2022-11-28'
    assert entry['user_agent'] == 'simulator-tests/1.0'
    assert entry['accept'] == 'application/vnd.github+json'
    assert entry['authorization_scheme'] == 'Bearer' and entry['auth_kind'] == 'token'
    text = json.dumps(log)
    assert body['encrypted_value'] not in text
    assert 'sim-admin-token' not in text and 'top secret value' not in text
    # Control requests are not logged; DELETE clears.
    assert len(ghes.requests_log()) == 2
    assert ghes.delete('/_simulator/requests').status_code == 204
    assert ghes.requests_log() == []


def test_log_of_unparseable_body_and_missing_headers(gh, client_for):
    gh.put(SECRETS + '/X', data='not json')
    anonymous = client_for(None)
    anonymous.session.headers.pop('X-GitHub-Api-Version')
    anonymous.get('/orgs/acme')
    first, second = gh.requests_log()
    assert first['body'] is None and first['status'] == 400
    assert second['authorization_scheme'] is None and second['api_version'] is None and second['status'] == 401
    assert second['auth_kind'] == 'none'


def test_reset(gh):
    old_key = gh.public_key()
    gh.create('GONE')
    gh.post('/_simulator/faults/rules', json={'path': 'nothing', 'action': 'reset'})
    gh.post('/_simulator/config', json={'created_body': 'null'})
    gh.post('/_simulator/orgs', json={'login': 'initech'})
    assert gh.post('/_simulator/reset').status_code == 200
    assert gh.stored('GONE') is None
    assert gh.public_key() != old_key
    assert gh.get('/_simulator/faults').json()['rules'] == []
    assert gh.get('/_simulator/config').json() == {'created_body': 'object', 'eventual_consistency_reads': 0, 'installation_token_ttl': 3600}
    assert sorted(gh.get('/_simulator/state').json()['orgs']) == ['acme', 'globex']
    assert [e['path'] for e in gh.requests_log()] == [SECRETS + '/public-key']


def test_create_org_and_repositories(gh):
    resp = gh.post('/_simulator/orgs', json={'login': 'Initech', 'repositories': ['tps', 'Reports']})
    assert resp.status_code == 201
    org = resp.json()
    assert org['login'] == 'Initech' and set(org['public_key']) == {'key_id', 'key'}
    ids = [r['id'] for r in org['repositories']]
    assert ids[0] > 2003 and ids[1] == ids[0] + 1
    assert gh.get('/repos/initech/REPORTS').json()['full_name'] == 'Initech/Reports'
    assert gh.post('/_simulator/orgs', json={'login': 'INITECH'}).status_code == 409
    assert gh.post('/_simulator/orgs', json={'login': 'bad login'}).status_code == 422
    assert gh.post('/_simulator/orgs', json={'login': 'x', 'repositories': ['a', 'A']}).status_code == 422
    assert gh.get('/orgs/x').status_code == 404

    added = gh.post('/_simulator/orgs/initech/repos', json={'count': 2, 'prefix': 'svc'}).json()['repositories']
    assert [r['name'] for r in added] == ['svc-001', 'svc-002']
    added = gh.post('/_simulator/orgs/initech/repos', json={'count': 1, 'prefix': 'svc'}).json()['repositories']
    assert [r['full_name'] for r in added] == ['Initech/svc-003']
    added = gh.post('/_simulator/orgs/initech/repos', json={'names': ['site'], 'private': False}).json()['repositories']
    assert added[0]['private'] is False
    assert gh.post('/_simulator/orgs/initech/repos', json={'names': ['TPS']}).status_code == 422
    assert gh.post('/_simulator/orgs/nope/repos', json={'names': ['a']}).status_code == 404
    assert gh.post('/_simulator/orgs/initech/repos', json={'name': 'typo'}).status_code == 422


def test_seed_secrets_directly(gh):
    resp = gh.post('/_simulator/orgs/globex/secrets', json={'secrets': [
        {'name': 'a_b', 'value': 'one', 'visibility': 'selected', 'selected_repository_ids': [2002]},
        {'name': 'C', 'value': 'two', 'visibility': 'all'},
    ]})
    assert resp.status_code == 201
    assert [s['name'] for s in resp.json()['secrets']] == ['A_B', 'C']
    assert gh.get('/orgs/globex/codespaces/secrets/A_B/repositories').json()['repositories'][0]['name'] == 'billing'
    for bad in ({'name': 'GITHUB_X', 'value': 'v', 'visibility': 'all'}, {'name': 'X', 'value': 'v', 'visibility': 'all',
                                                                          'selected_repository_ids': [2001]},
                {'name': 'X', 'value': 'v', 'visibility': 'selected', 'selected_repository_ids': [1001]}, {'name': 'X', 'visibility': 'all'}):
        assert gh.post('/_simulator/orgs/globex/secrets', json={'secrets': [bad]}).status_code == 422, bad
    assert gh.post('/_simulator/orgs/globex/secrets', data='nope').status_code == 400


def test_tokens_and_config_validation(gh, client_for):
    resp = gh.post('/_simulator/tokens', json={'token': 'ci-token', 'scopes': ['admin:org']})
    assert resp.status_code == 201 and 'ci-token' not in resp.text
    assert client_for('ci-token').get(SECRETS).headers['X-OAuth-Scopes'] == 'admin:org'
    assert gh.post('/_simulator/tokens', json={'token': 'has space', 'scopes': []}).status_code == 422
    assert gh.post('/_simulator/config', json={'created_body': 'nothing'}).status_code == 422
    assert gh.post('/_simulator/config', json={'eventual_consistency_reads': -1}).status_code == 422
    assert gh.post('/_simulator/config', json={'unknown': 1}).status_code == 422
    assert gh.get('/_simulator/nope').status_code == 404
    assert gh.get('/_simulator/reset').status_code == 404


def test_custom_seed_with_fixed_key(tmp_path):
    private = PrivateKey.generate()
    seed = {
        'orgs': [{'login': 'solo', 'private_key': base64.b64encode(bytes(private)).decode(), 'key_id': '42',
                  'repositories': [{'id': 7, 'name': 'one', 'visibility': 'internal'}],
                  'secrets': [{'name': 'PRESET', 'value': 'p', 'visibility': 'selected', 'selected_repository_ids': [7]}]}],
        'tokens': [{'token': 'solo-token', 'scopes': ['admin:org', 'repo']}],
    }
    path = tmp_path / 'seed.json'
    path.write_text(json.dumps(seed))
    with start(seed=str(path)) as sim:
        headers = {'Authorization': 'token solo-token'}
        key = requests.get(sim.url + '/orgs/solo/codespaces/secrets/public-key', headers=headers, timeout=5).json()
        assert key == {'key_id': '42', 'key': base64.b64encode(bytes(private.public_key)).decode()}
        assert requests.get(sim.url + '/repos/solo/one', headers=headers, timeout=5).json()['visibility'] == 'internal'
        assert requests.get(sim.url + '/orgs/acme', headers=headers, timeout=5).status_code == 404
        assert requests.get(sim.url + '/orgs/solo', headers={'Authorization': 'token sim-admin-token'}, timeout=5).status_code == 401
        requests.post(sim.url + '/_simulator/reset', timeout=5)
        assert sim.state.snapshot()['orgs']['solo']['public_key']['key_id'] == '42'
        assert sim.state.snapshot()['orgs']['solo']['secrets']['PRESET']['value'] == 'p'


def test_bad_seed_is_refused():
    for seed in ({'orgs': [{'login': 'a', 'repositories': [{'id': 1, 'name': 'x'}, {'id': 1, 'name': 'y'}]}]},
                 {'orgs': [{'login': 'a', 'colour': 'blue'}]}, {'tokens': [{'token': 't', 'scopes': 'repo'}]}):
        try:
            start(seed=seed).stop()
        except ValueError:
            continue
        raise AssertionError('seed accepted: %r' % (seed,))


def test_twenty_concurrent_clients(sim):
    key = requests.get(sim.url + '/orgs/acme/codespaces/secrets/public-key', headers={'Authorization': 'Bearer sim-admin-token'},
                       timeout=5).json()
    errors = []

    def worker(number):
        with requests.Session() as session:
            session.headers['Authorization'] = 'Bearer sim-admin-token'
            for i in range(5):
                body = {'encrypted_value': seal(key['key'], 'value-%d-%d' % (number, i)),
                        'key_id': key['key_id'], 'visibility': 'all'}
                resp = session.put('%s%s/T%02d_%d' % (sim.url, SECRETS, number, i), json=body, timeout=10)
                if resp.status_code != 201:
                    errors.append(resp.status_code)
                session.get(sim.url + SECRETS, timeout=10)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    secrets = sim.state.snapshot()['orgs']['acme']['secrets']
    assert len(secrets) == 100
    assert secrets['T07_3']['value'] == 'value-7-3'
    seqs = [e['seq'] for e in sim.state.log_entries()]
    assert sorted(seqs) == list(range(1, 202))


def test_file_log_has_no_secrets_or_tokens(tmp_path):
    log_file = tmp_path / 'sim.log'
    with start(log_file=str(log_file)) as sim:
        headers = {'Authorization': 'Bearer sim-admin-token'}
        key = requests.get(sim.url + SECRETS + '/public-key', headers=headers, timeout=5).json()
        ciphertext = seal(key['key'], 'file-log-secret')
        resp = requests.put(sim.url + SECRETS + '/F?page=1', headers=headers, timeout=5,
                            json={'encrypted_value': ciphertext, 'key_id': key['key_id'], 'visibility': 'all'})
        assert resp.status_code == 201
    text = log_file.read_text()
    assert 'PUT /orgs/acme/codespaces/secrets/F 201' in text
    for forbidden in ('sim-admin-token', ciphertext, 'file-log-secret', 'page=1'):
        assert forbidden not in text


def test_state_has_every_store_and_keeps_the_codespaces_keys(gh):
    gh.create('CS', 'in codespaces')
    gh.create('ACT', 'in actions', store='actions')
    acme = gh.get('/_simulator/state').json()['orgs']['acme']
    assert acme['available_stores'] == ['codespaces', 'actions', 'dependabot']
    assert sorted(acme['stores']) == ['actions', 'codespaces', 'dependabot']
    for store, data in acme['stores'].items():
        assert set(data) == {'public_key', 'secrets'}
        assert data['public_key'] == gh.public_key(store=store)
    assert acme['stores']['actions']['secrets']['ACT']['value'] == 'in actions'
    assert acme['stores']['dependabot']['secrets'] == {}
    # The keys from before there were stores: the Codespaces store.
    assert acme['public_key'] == acme['stores']['codespaces']['public_key']
    assert acme['secrets'] == acme['stores']['codespaces']['secrets'] and list(acme['secrets']) == ['CS']
    assert set(acme) == {'login', 'id', 'public_key', 'repositories', 'secrets', 'available_stores', 'stores'}


def test_rotate_key_per_store(gh):
    before = {store: gh.public_key(store=store) for store in ('codespaces', 'actions', 'dependabot')}
    new = gh.post('/_simulator/orgs/acme/rotate-key', json={'store': 'dependabot'}).json()
    assert gh.public_key(store='dependabot') == new != before['dependabot']
    assert gh.public_key(store='actions') == before['actions'] and gh.public_key() == before['codespaces']
    assert gh.post('/_simulator/orgs/acme/rotate-key').json() == gh.public_key() != before['codespaces']
    assert gh.post('/_simulator/orgs/acme/rotate-key', json={'store': 'secrets'}).status_code == 422
    assert gh.post('/_simulator/orgs/acme/rotate-key', json={'stores': 'actions'}).status_code == 422


def test_seed_secrets_per_store(gh):
    resp = gh.post('/_simulator/orgs/acme/secrets', json={'store': 'actions', 'secrets': [
        {'name': 'a', 'value': 'body store', 'visibility': 'all'},
        {'name': 'a', 'value': 'item store', 'visibility': 'selected', 'selected_repository_ids': [1001], 'store': 'dependabot'},
    ]})
    assert resp.status_code == 201
    assert [(s['store'], s['name']) for s in resp.json()['secrets']] == [('actions', 'A'), ('dependabot', 'A')]
    assert gh.stored('A', store='actions')['value'] == 'body store'
    assert gh.stored('A', store='dependabot')['selected_repository_ids'] == [1001]
    assert gh.stored('A') is None
    gh.post('/_simulator/orgs', json={'login': 'onlyactions', 'stores': ['actions']})
    for body in ({'store': 'nope', 'secrets': []}, {'store': 'codespaces', 'secrets': []},
                 {'secrets': [{'name': 'X', 'value': 'v', 'visibility': 'all', 'store': 'dependabot'}]}):
        assert gh.post('/_simulator/orgs/onlyactions/secrets', json=body).status_code == 422, body
    assert gh.post('/_simulator/orgs/onlyactions/secrets', json={'store': 'actions', 'secrets': []}).status_code == 201


def test_create_org_with_stores(gh):
    org = gh.post('/_simulator/orgs', json={'login': 'ghesco', 'stores': ['dependabot', 'actions']}).json()
    assert org['available_stores'] == ['actions', 'dependabot']
    assert sorted(org['public_keys']) == ['actions', 'codespaces', 'dependabot']
    assert org['public_keys']['actions'] == gh.public_key('ghesco', 'actions')
    assert gh.get('/_simulator/state').json()['orgs']['ghesco']['available_stores'] == ['actions', 'dependabot']
    assert gh.post('/_simulator/orgs', json={'login': 'none', 'stores': []}).json()['available_stores'] == []
    for stores in (['actions', 'actions'], ['Actions'], 'actions', [None]):
        assert gh.post('/_simulator/orgs', json={'login': 'bad', 'stores': stores}).status_code == 422, stores


def test_seed_with_stores_and_per_store_keys(tmp_path):
    keys = {store: PrivateKey.generate() for store in ('codespaces', 'actions')}
    b64 = {store: base64.b64encode(bytes(key)).decode() for store, key in keys.items()}
    seed = {
        'orgs': [{'login': 'solo', 'stores': ['actions', 'codespaces'], 'private_key': b64['codespaces'], 'key_id': '41',
                  'keys': {'actions': {'private_key': b64['actions'], 'key_id': '42'}},
                  'repositories': [{'id': 7, 'name': 'one'}],
                  'secrets': [{'name': 'PRESET', 'value': 'p', 'visibility': 'all', 'store': 'actions'}]}],
        'tokens': [{'token': 'solo-token', 'scopes': ['admin:org', 'repo']}],
    }
    path = tmp_path / 'seed.json'
    path.write_text(json.dumps(seed))
    with start(seed=str(path)) as sim:
        for _round in range(2):
            solo = sim.state.snapshot()['orgs']['solo']
            assert solo['available_stores'] == ['codespaces', 'actions']
            assert solo['stores']['codespaces']['public_key'] == {'key_id': '41', 'key': base64.b64encode(bytes(keys['codespaces'].public_key)).decode()}
            assert solo['stores']['actions']['public_key'] == {'key_id': '42', 'key': base64.b64encode(bytes(keys['actions'].public_key)).decode()}
            assert solo['stores']['actions']['secrets']['PRESET']['value'] == 'p'
            headers = {'Authorization': 'token solo-token'}
            assert requests.get(sim.url + '/orgs/solo/dependabot/secrets', headers=headers, timeout=5).status_code == 404
            requests.post(sim.url + '/_simulator/reset', timeout=5)
    for bad in ({'keys': {'codespaces': {'key_id': '1'}}, 'key_id': '2'}, {'keys': {'github': {}}},
                {'keys': {'actions': {'private_key': 'nope'}}}, {'keys': {'actions': {'key_id': 'abc'}}},
                {'stores': ['codespaces', 'pages']},
                {'stores': ['actions'], 'secrets': [{'name': 'X', 'value': 'v', 'visibility': 'all'}]}):
        with pytest.raises(ValueError):
            start(seed={'orgs': [dict(bad, login='a')]}).stop()
