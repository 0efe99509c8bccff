"""Secrets: create/update/get/list/delete, validation, encryption, selection semantics, repositories routes."""

import base64
import time

import pytest
from nacl.public import PrivateKey

SECRETS = '/orgs/acme/codespaces/secrets'
DOC = 'https://docs.github.com/rest/codespaces/organization-secrets#'


def test_create_get_list_update_delete(gh):
    resp = gh.put(SECRETS + '/db_password', json=gh.secret_body('hunter2 \u00e9\u2603', 'private'))
    assert resp.status_code == 201
    assert resp.json() == {}
    assert resp.headers['Content-Type'] == 'application/json; charset=utf-8'
    stored = gh.stored('DB_PASSWORD')
    assert stored['value'] == 'hunter2 \u00e9\u2603' and stored['visibility'] == 'private'

    got = gh.get(SECRETS + '/Db_Password').json()
    assert set(got) == {'name', 'created_at', 'updated_at', 'visibility'}
    assert got['name'] == 'DB_PASSWORD' and got['visibility'] == 'private'
    assert time.strptime(got['created_at'], '%Y-%m-%dT%H:%M:%SZ')
    assert got['created_at'] == got['updated_at']

    gh.create('API_KEY', visibility='selected', selected_repository_ids=[1003, 1001])
    listing = gh.get(SECRETS).json()
    assert listing['total_count'] == 2
    assert [s['name'] for s in listing['secrets']] == ['API_KEY', 'DB_PASSWORD']
    assert listing['secrets'][0]['selected_repositories_url'] == gh.sim.url + SECRETS + '/API_KEY/repositories'
    assert 'selected_repositories_url' not in listing['secrets'][1]

    resp = gh.put(SECRETS + '/DB_PASSWORD', json=gh.secret_body('new value', 'all'))
    assert resp.status_code == 204 and resp.content == b''
    assert gh.stored('DB_PASSWORD')['value'] == 'new value'
    after = gh.get(SECRETS + '/DB_PASSWORD').json()
    assert after['created_at'] == got['created_at'] and after['updated_at'] > got['updated_at']

    assert gh.delete(SECRETS + '/db_PASSWORD').status_code == 204
    assert gh.delete(SECRETS + '/DB_PASSWORD').status_code == 404
    missing = gh.get(SECRETS + '/DB_PASSWORD')
    assert missing.status_code == 404
    assert missing.json() == {'message': 'Not Found', 'documentation_url': DOC + 'get-an-organization-secret'}
    assert gh.stored('DB_PASSWORD') is None


def test_updated_at_changes_on_every_put(gh):
    gh.create('TICK')
    stamps = [gh.stored('TICK')['updated_at']]
    for _i in range(3):
        assert gh.put(SECRETS + '/TICK', json={'visibility': 'all'}).status_code == 204
        stamps.append(gh.stored('TICK')['updated_at'])
    assert stamps == sorted(set(stamps))


@pytest.mark.parametrize('name', ['1ABC', 'A-B', 'A%20B', 'A.B', 'GITHUB_TOKEN', 'github_x', 'GitHub_', '%C3%A9T'])
def test_invalid_names_are_422(gh, name):
    resp = gh.put(SECRETS + '/' + name, json=gh.secret_body('v'))
    assert resp.status_code == 422, name
    assert resp.json()['documentation_url'] == DOC + 'create-or-update-an-organization-secret'
    assert gh.sim.state.snapshot()['orgs']['acme']['secrets'] == {}


@pytest.mark.parametrize('name', ['_', '_1', 'a', 'GITHUBX', 'MY_GITHUB_TOKEN'])
def test_valid_names_are_stored_upper_case(gh, name):
    assert gh.create(name).status_code == 201
    assert gh.stored(name.upper())['name'] == name.upper()


@pytest.mark.parametrize('body', [
    {},
    {'visibility': 'public'},
    {'visibility': 'ALL'},
    {'visibility': None},
    {'visibility': ['all']},
])
def test_visibility_required_and_checked(gh, body):
    full = gh.secret_body('v')
    del full['visibility']
    full.update(body)
    assert gh.put(SECRETS + '/VIS', json=full).status_code == 422


def test_encrypted_value_and_key_id_go_together(gh):
    body = gh.secret_body('v')
    assert gh.put(SECRETS + '/PAIR', json={'encrypted_value': body['encrypted_value'], 'visibility': 'all'}).status_code == 422
    assert gh.put(SECRETS + '/PAIR', json={'key_id': body['key_id'], 'visibility': 'all'}).status_code == 422
    assert gh.put(SECRETS + '/PAIR', json=dict(body, key_id=int(body['key_id']))).status_code == 422
    assert gh.stored('PAIR') is None


def test_wrong_key_id_is_422_about_the_key(gh):
    body = gh.secret_body('v', key_id='012345678912345678')
    resp = gh.put(SECRETS + '/K', json=body)
    assert resp.status_code == 422
    assert 'key_id' in resp.json()['message']
    assert resp.json()['errors'][0]['field'] == 'key_id'


@pytest.mark.parametrize('ciphertext', [
    'not base64!',
    'YWJj',  # valid base64 but not a sealed box
    'YWJjZA',  # missing padding
    'YWJjZA==\n',
    '',
])
def test_bad_ciphertext_is_422(gh, ciphertext):
    body = gh.secret_body('v')
    body['encrypted_value'] = ciphertext
    assert gh.put(SECRETS + '/C', json=body).status_code == 422


def test_url_safe_base64_is_rejected(gh):
    key = gh.public_key()
    for _i in range(50):
        ciphertext = gh.seal(key['key'], 'v')
        if '+' in ciphertext or '/' in ciphertext:
            break
    body = {'encrypted_value': ciphertext.replace('+', '-').replace('/', '_'), 'key_id': key['key_id'], 'visibility': 'all'}
    assert gh.put(SECRETS + '/URLSAFE', json=body).status_code == 422


def test_ciphertext_for_another_key_is_422(gh):
    other = base64.b64encode(bytes(PrivateKey.generate().public_key)).decode()
    body = {'encrypted_value': gh.seal(other, 'v'), 'key_id': gh.public_key()['key_id'], 'visibility': 'all'}
    resp = gh.put(SECRETS + '/OTHER', json=body)
    assert resp.status_code == 422
    assert 'decrypted' in resp.json()['message']


def test_plaintext_must_be_utf8_and_at_most_48k(gh):
    key = gh.public_key()
    body = {'encrypted_value': gh.seal(key['key'], b'\xff\xfe'), 'key_id': key['key_id'], 'visibility': 'all'}
    assert gh.put(SECRETS + '/BYTES', json=body).status_code == 422
    assert gh.put(SECRETS + '/BIG', json=gh.secret_body('x' * 49152)).status_code == 201
    assert len(gh.stored('BIG')['value']) == 49152
    resp = gh.put(SECRETS + '/BIG', json=gh.secret_body('x' * 49153))
    assert resp.status_code == 422
    assert '49152' in resp.json()['message']
    # Multi-byte characters count as bytes.
    assert gh.put(SECRETS + '/WIDE', json=gh.secret_body('\u00e9' * 24577)).status_code == 422
    assert len(gh.stored('BIG')['value']) == 49152


def test_creating_needs_a_value(gh):
    resp = gh.put(SECRETS + '/NOVALUE', json={'visibility': 'all'})
    assert resp.status_code == 422
    assert gh.stored('NOVALUE') is None


def test_metadata_only_update_keeps_the_value(gh):
    gh.create('KEEP', 'original', visibility='all')
    resp = gh.put(SECRETS + '/KEEP', json={'visibility': 'selected', 'selected_repository_ids': [1002]})
    assert resp.status_code == 204
    stored = gh.stored('KEEP')
    assert stored['value'] == 'original'
    assert stored['visibility'] == 'selected' and stored['selected_repository_ids'] == [1002]


def test_selected_without_ids_empties_the_selection(gh):
    gh.create('SEL', visibility='selected', selected_repository_ids=[1001, 1002])
    assert gh.stored('SEL')['selected_repository_ids'] == [1001, 1002]
    assert gh.put(SECRETS + '/SEL', json={'visibility': 'selected'}).status_code == 204
    assert gh.stored('SEL')['selected_repository_ids'] == []
    gh.create('SEL2', visibility='selected')
    assert gh.stored('SEL2')['selected_repository_ids'] == []


def test_leaving_selected_clears_the_selection(gh):
    gh.create('SEL', visibility='selected', selected_repository_ids=[1001])
    assert gh.put(SECRETS + '/SEL', json={'visibility': 'private'}).status_code == 204
    assert gh.stored('SEL')['selected_repository_ids'] == []
    assert gh.put(SECRETS + '/SEL', json={'visibility': 'selected'}).status_code == 204
    assert gh.stored('SEL')['selected_repository_ids'] == []


@pytest.mark.parametrize('visibility', ['all', 'private'])
def test_ids_need_visibility_selected(gh, visibility):
    resp = gh.put(SECRETS + '/IDS', json=gh.secret_body('v', visibility, selected_repository_ids=[1001]))
    assert resp.status_code == 422
    resp = gh.put(SECRETS + '/IDS', json=gh.secret_body('v', visibility, selected_repository_ids=[]))
    assert resp.status_code == 422


@pytest.mark.parametrize('ids, named', [
    (['1001'], '"1001"'),
    ([True], 'true'),
    ([1001.0], '1001.0'),
    ([1001, 9999], '9999'),
    ([2001], '2001'),  # a globex repository
    ([1001, 1001], '1001'),
    ('1001', '"1001"'),
])
def test_bad_repository_ids_are_422_naming_them(gh, ids, named):
    resp = gh.put(SECRETS + '/IDS', json=gh.secret_body('v', 'selected', selected_repository_ids=ids))
    assert resp.status_code == 422
    assert named in resp.json()['message']
    assert gh.stored('IDS') is None


def test_unknown_body_keys_are_422(gh):
    assert gh.put(SECRETS + '/EXTRA', json=dict(gh.secret_body('v'), value='plain')).status_code == 422
    assert gh.put(SECRETS + '/EXTRA', json=gh.secret_body('v', selected_repositories=[1001])).status_code == 422


def test_selected_repositories_routes(gh):
    gh.create('REPOS', visibility='selected', selected_repository_ids=[1004, 1002])
    path = SECRETS + '/repos/repositories'
    listing = gh.get(path).json()
    assert listing['total_count'] == 2
    assert [r['id'] for r in listing['repositories']] == [1002, 1004]
    assert listing['repositories'][0]['full_name'] == 'acme/web'

    assert gh.put(path, json={'selected_repository_ids': [1006, 1001]}).status_code == 204
    assert gh.stored('REPOS')['selected_repository_ids'] == [1001, 1006]
    assert gh.put(path + '/1003').status_code == 204
    assert gh.put(path + '/1003').status_code == 204
    assert gh.delete(path + '/1001').status_code == 204
    assert gh.delete(path + '/1001').status_code == 204
    assert gh.stored('REPOS')['selected_repository_ids'] == [1003, 1006]
    assert gh.put(path, json={'selected_repository_ids': []}).status_code == 204
    assert gh.stored('REPOS')['selected_repository_ids'] == []
    assert gh.get(path).json() == {'total_count': 0, 'repositories': []}
    assert gh.stored('REPOS')['value'] == 's3cr3t'


def test_repositories_routes_errors(gh):
    gh.create('SEL', visibility='selected', selected_repository_ids=[1001])
    gh.create('ALL', visibility='all')
    sel = SECRETS + '/SEL/repositories'
    for method, path, body in [('GET', SECRETS + '/NOPE/repositories', None),
                               ('PUT', SECRETS + '/NOPE/repositories', {'selected_repository_ids': [1001]}),
                               ('PUT', SECRETS + '/NOPE/repositories/1001', None),
                               ('DELETE', SECRETS + '/NOPE/repositories/1001', None)]:
        assert gh.request(method, path, json=body).status_code == 404, (method, path)
    for method, path, body in [('GET', SECRETS + '/ALL/repositories', None),
                               ('PUT', SECRETS + '/ALL/repositories', {'selected_repository_ids': [1001]}),
                               ('PUT', SECRETS + '/ALL/repositories/1001', None),
                               ('DELETE', SECRETS + '/ALL/repositories/1001', None)]:
        resp = gh.request(method, path, json=body)
        assert resp.status_code == 409, (method, path)
        assert 'selected' in resp.json()['message']
    for method, path, body in [('PUT', sel, {}),
                               ('PUT', sel, {'selected_repository_ids': ['1002']}),
                               ('PUT', sel, {'selected_repository_ids': [1002, 2001]}),
                               ('PUT', sel, {'selected_repository_ids': [1002], 'visibility': 'selected'}),
                               ('PUT', sel + '/abc', None),
                               ('PUT', sel + '/-1', None),
                               ('PUT', sel + '/2001', None),
                               ('DELETE', sel + '/9999', None)]:
        assert gh.request(method, path, json=body).status_code == 422, (method, path, body)
    assert gh.stored('SEL')['selected_repository_ids'] == [1001]
    assert gh.get(SECRETS + '/SEL/repositories/1001').status_code == 404


def test_eventual_consistency(gh):
    assert gh.post('/_simulator/config', json={'eventual_consistency_reads': 2}).json()['eventual_consistency_reads'] == 2
    gh.create('LATE')
    assert gh.get(SECRETS + '/LATE').status_code == 404
    assert gh.get(SECRETS).json() == {'total_count': 0, 'secrets': []}
    assert gh.get(SECRETS + '/LATE').status_code == 200
    assert gh.get(SECRETS).json()['total_count'] == 1
    # Writes see the secret at once: this is an update.
    gh.create('LATER')
    assert gh.put(SECRETS + '/LATER', json={'visibility': 'private'}).status_code == 204


def test_rotate_key(gh):
    old = gh.public_key()
    stale = gh.secret_body('v')
    new = gh.post('/_simulator/orgs/acme/rotate-key').json()
    assert new['key_id'] != old['key_id'] and new['key'] != old['key']
    assert gh.public_key() == new
    resp = gh.put(SECRETS + '/ROT', json=stale)
    assert resp.status_code == 422 and 'key_id' in resp.json()['message']
    assert gh.create('ROT').status_code == 201
    assert gh.public_key('globex') != new


def test_public_key_shape(gh):
    key = gh.public_key()
    assert set(key) == {'key_id', 'key'}
    assert key['key_id'].isdigit() and len(key['key_id']) == 18
    assert len(base64.b64decode(key['key'], validate=True)) == 32


@pytest.mark.parametrize('setting, content', [('object', b'{}'), ('empty', b''), ('null', b'null')])
def test_created_body_variants(gh, setting, content):
    gh.post('/_simulator/config', json={'created_body': setting})
    resp = gh.put(SECRETS + '/NEW', json=gh.secret_body('v'))
    assert resp.status_code == 201
    assert resp.content == content
    assert resp.headers['Content-Length'] == str(len(content))
    assert gh.put(SECRETS + '/NEW', json=gh.secret_body('v')).status_code == 204
