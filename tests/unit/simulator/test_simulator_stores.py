"""The three secret stores: shared routes and independence, each store's own rules, plans without a store, GHES."""

import pytest

from ansible_collections.secretops.github.tests.unit.simulator.conftest import STORES, secrets_path

DOCS = {
    'codespaces': 'https://docs.github.com/rest/codespaces/organization-secrets#',
    'actions': 'https://docs.github.com/rest/actions/secrets#',
    'dependabot': 'https://docs.github.com/rest/dependabot/secrets#',
}
# The nine routes of a store: method, path after /orgs/{org}/{store}/secrets, body, doc anchor.
ROUTES = (
    ('GET', '', None, 'list-organization-secrets'),
    ('GET', '/public-key', None, 'get-an-organization-public-key'),
    ('GET', '/S', None, 'get-an-organization-secret'),
    ('PUT', '/S', {'visibility': 'all'}, 'create-or-update-an-organization-secret'),
    ('DELETE', '/S', None, 'delete-an-organization-secret'),
    ('GET', '/S/repositories', None, 'list-selected-repositories-for-an-organization-secret'),
    ('PUT', '/S/repositories', {'selected_repository_ids': [1001]}, 'set-selected-repositories-for-an-organization-secret'),
    ('PUT', '/S/repositories/1001', None, 'add-selected-repository-to-an-organization-secret'),
    ('DELETE', '/S/repositories/1001', None, 'remove-selected-repository-from-an-organization-secret'),
)
ROUTE_IDS = ['%s %s' % (method, suffix or '/') for method, suffix, _body, _anchor in ROUTES]
# Repository ids as each store's create/update PUT takes them.
PUT_IDS = {'codespaces': [1002, 1001], 'actions': [1002, 1001], 'dependabot': ['1002', '1001']}


def seed(gh, store, *specs, org='acme'):
    resp = gh.post('/_simulator/orgs/%s/secrets' % org, json={'store': store, 'secrets': list(specs)})
    assert resp.status_code == 201, resp.text
    return resp.json()


# ----- shared by every store --------------------------------------------------------------------

def test_crud_in_every_store(gh, store):
    path = secrets_path(store)
    resp = gh.put(path + '/db_password', json=gh.secret_body('hunter2', 'selected', store=store, selected_repository_ids=PUT_IDS[store]))
    assert resp.status_code == 201 and resp.json() == {}
    assert gh.stored('DB_PASSWORD', store=store)['value'] == 'hunter2'
    assert gh.stored('DB_PASSWORD', store=store)['selected_repository_ids'] == [1001, 1002]
    got = gh.get(path + '/Db_Password').json()
    assert got['name'] == 'DB_PASSWORD'
    assert got['selected_repositories_url'] == gh.sim.url + path + '/DB_PASSWORD/repositories'
    listing = gh.get(path).json()
    assert listing['total_count'] == 1 and [s['name'] for s in listing['secrets']] == ['DB_PASSWORD']
    resp = gh.put(path + '/DB_PASSWORD', json=gh.secret_body('new', 'all', store=store))
    assert resp.status_code == 204
    assert gh.stored('DB_PASSWORD', store=store)['value'] == 'new'
    assert gh.delete(path + '/db_password').status_code == 204
    assert gh.get(path + '/DB_PASSWORD').status_code == 404
    assert gh.delete(path + '/DB_PASSWORD').status_code == 404


def test_same_name_in_two_stores_is_two_secrets(gh):
    for store in STORES:
        gh.create('SHARED', 'value in ' + store, store=store)
    assert [gh.stored('SHARED', store=s)['value'] for s in STORES] == ['value in ' + s for s in STORES]
    assert gh.delete(secrets_path('actions') + '/SHARED').status_code == 204
    assert gh.stored('SHARED', store='actions') is None
    assert gh.get(secrets_path('actions') + '/SHARED').status_code == 404
    assert gh.get(secrets_path('dependabot') + '/SHARED').status_code == 200
    assert gh.stored('SHARED')['value'] == 'value in codespaces'


def test_each_store_has_its_own_key_pair(gh, store):
    keys = {s: gh.public_key(store=s) for s in STORES}
    assert len({k['key_id'] for k in keys.values()}) == 3 and len({k['key'] for k in keys.values()}) == 3
    assert set(keys[store]) == {'key_id', 'key'}
    state = gh.get('/_simulator/state').json()['orgs']['acme']
    assert state['stores'][store]['public_key'] == keys[store]
    # A value sealed for another store's key, sent with that store's key_id, is refused.
    other = next(s for s in STORES if s != store)
    body = gh.secret_body('v', store=other)
    resp = gh.put(secrets_path(store) + '/CROSSED', json=body)
    assert resp.status_code == 422 and resp.json()['errors'][0]['field'] == 'key_id'
    resp = gh.put(secrets_path(store) + '/CROSSED', json=dict(body, key_id=keys[store]['key_id']))
    assert resp.status_code == 422 and 'decrypted' in resp.json()['message']
    assert gh.stored('CROSSED', store=store) is None


def test_list_pagination_in_every_store(gh, store):
    seed(gh, store, *({'name': 'S_%02d' % i, 'value': 'v', 'visibility': 'all'} for i in range(35)))
    path = secrets_path(store)
    first = gh.get(path)
    assert len(first.json()['secrets']) == 30 and first.json()['total_count'] == 35
    assert first.headers['Link'] == '<%s%s?per_page=30&page=2>; rel="next", <%s%s?per_page=30&page=2>; rel="last"' % (
        gh.sim.url, path, gh.sim.url, path)
    second = gh.session.get(first.links['next']['url'])
    assert [s['name'] for s in second.json()['secrets']] == ['S_%02d' % i for i in range(30, 35)]


def test_repositories_routes_in_every_store(gh, store):
    seed(gh, store, {'name': 'SEL', 'value': 'v', 'visibility': 'selected', 'selected_repository_ids': [1004]},
         {'name': 'ALL', 'value': 'v', 'visibility': 'all'})
    path = secrets_path(store) + '/SEL/repositories'
    assert [r['id'] for r in gh.get(path).json()['repositories']] == [1004]
    assert gh.put(path, json={'selected_repository_ids': [1006, 1001]}).status_code == 204
    assert gh.put(path + '/1003').status_code == 204
    assert gh.delete(path + '/1001').status_code == 204
    assert gh.stored('SEL', store=store)['selected_repository_ids'] == [1003, 1006]
    # The set PUT takes integers and the path an integer in every store, Dependabot included.
    for method, route, body in [('PUT', path, {'selected_repository_ids': ['1002']}), ('PUT', path + '/abc', None),
                                ('PUT', path + '/1e3', None)]:
        resp = gh.request(method, route, json=body)
        assert resp.status_code == 422, (method, route, body)
        assert resp.json()['documentation_url'].startswith(DOCS[store])
    assert gh.stored('SEL', store=store)['selected_repository_ids'] == [1003, 1006]
    # The body is checked before the secret is looked up.
    assert gh.put(secrets_path(store) + '/NOPE/repositories', json={'selected_repository_ids': ['1002']}).status_code == 422
    assert gh.put(secrets_path(store) + '/NOPE/repositories', json={'selected_repository_ids': [1002]}).status_code == 404
    # Not selected: 409 on all four repositories routes.
    other = secrets_path(store) + '/ALL/repositories'
    for method, route, body in [('GET', other, None), ('PUT', other, {'selected_repository_ids': [1001]}),
                                ('PUT', other + '/1001', None), ('DELETE', other + '/1001', None)]:
        resp = gh.request(method, route, json=body)
        assert resp.status_code == 409, (method, route)
        assert "visibility 'all'" in resp.json()['message']


def test_creating_without_a_value_is_422_in_every_store(gh, store):
    resp = gh.put(secrets_path(store) + '/NOVALUE', json={'visibility': 'all'})
    assert resp.status_code == 422
    assert resp.json()['errors'][0]['field'] == 'encrypted_value'
    assert gh.stored('NOVALUE', store=store) is None


def test_visibility_is_required_in_every_store(gh, store):
    body = gh.secret_body('v', store=store)
    del body['visibility']
    resp = gh.put(secrets_path(store) + '/NOVIS', json=body)
    assert resp.status_code == 422
    assert resp.json()['message'] == 'Invalid request.\n\n"visibility" wasn\'t supplied.'
    assert resp.json()['documentation_url'] == DOCS[store] + 'create-or-update-an-organization-secret'


@pytest.mark.parametrize('route', ROUTES, ids=ROUTE_IDS)
def test_readonly_token_gets_403_on_every_store_route(gh, client_for, store, route):
    method, suffix, body, anchor = route
    seed(gh, store, {'name': 'S', 'value': 'v', 'visibility': 'selected', 'selected_repository_ids': [1001]})
    resp = client_for('sim-readonly-token').request(method, secrets_path(store) + suffix, json=body)
    assert resp.status_code == 403
    assert resp.json() == {'message': 'Resource not accessible by personal access token', 'documentation_url': DOCS[store] + anchor}
    assert resp.headers['X-Accepted-OAuth-Scopes'] == 'admin:org'
    assert gh.stored('S', store=store)['selected_repository_ids'] == [1001]


# ----- what differs between stores ---------------------------------------------------------------

def test_actions_put_always_needs_the_value(gh):
    path = secrets_path('actions')
    gh.create('ACT', 'original', store='actions')
    resp = gh.put(path + '/ACT', json={'visibility': 'private'})
    assert resp.status_code == 422
    assert resp.json()['message'] == 'Invalid request.\n\n"encrypted_value", "key_id" weren\'t supplied.'
    assert resp.json()['errors'][0] == {'resource': 'Secret', 'field': 'encrypted_value', 'code': 'missing_field',
                                        'message': resp.json()['message']}
    assert gh.put(path + '/ACT', json={'visibility': 'private', 'key_id': gh.public_key(store='actions')['key_id']}).status_code == 422
    assert gh.stored('ACT', store='actions')['visibility'] == 'all'
    assert gh.put(path + '/NEW', json={}).json()['message'] == (
        'Invalid request.\n\n"encrypted_value", "key_id", "visibility" weren\'t supplied.')


@pytest.mark.parametrize('store', ['codespaces', 'dependabot'])
def test_metadata_only_update_keeps_the_value(gh, store):
    gh.create('KEEP', 'original', store=store)
    resp = gh.put(secrets_path(store) + '/KEEP', json={'visibility': 'selected', 'selected_repository_ids': PUT_IDS[store]})
    assert resp.status_code == 204
    stored = gh.stored('KEEP', store=store)
    assert stored['value'] == 'original' and stored['selected_repository_ids'] == [1001, 1002]


@pytest.mark.parametrize('store, ids', [
    ('codespaces', ['1001']), ('actions', ['1001']), ('codespaces', [True]), ('actions', [1001.0]),
    ('dependabot', [1001]), ('dependabot', ['1001', 1002]), ('dependabot', ['abc']), ('dependabot', ['']),
    ('dependabot', ['01001']), ('dependabot', [' 1001']), ('dependabot', ['1001\n']), ('dependabot', ['\u0661\u0660']),
    ('dependabot', ['1001', '1001']), ('dependabot', ['9999']), ('dependabot', '1001'),
])
def test_put_repository_id_types_per_store(gh, store, ids):
    resp = gh.put(secrets_path(store) + '/IDS', json=gh.secret_body('v', 'selected', store=store, selected_repository_ids=ids))
    assert resp.status_code == 422, resp.text
    assert resp.json()['errors'][0]['field'] == 'selected_repository_ids'
    assert gh.stored('IDS', store=store) is None


@pytest.mark.parametrize('store, ids, message', [
    ('dependabot', [1001, '1002', 2], 'Invalid request.\n\nInvalid property /selected_repository_ids/0: `1001` is not of type `string`.\n'
                                      'Invalid property /selected_repository_ids/2: `2` is not of type `string`.'),
    ('actions', ['12345'], 'Invalid request.\n\nFor \'items\', "12345" is not an integer.'),
    ('codespaces', ['12345'], 'Invalid request.\n\nFor \'items\', "12345" is not an integer.'),
])
def test_put_repository_id_type_messages(gh, store, ids, message):
    resp = gh.put(secrets_path(store) + '/IDS', json=gh.secret_body('v', 'selected', store=store, selected_repository_ids=ids))
    assert resp.status_code == 422
    assert resp.json()['message'] == message


def test_dependabot_put_takes_digit_strings(gh):
    gh.create('DEP', store='dependabot', visibility='selected', selected_repository_ids=['1003', '1001'])
    assert gh.stored('DEP', store='dependabot')['selected_repository_ids'] == [1001, 1003]


@pytest.mark.parametrize('store, limit', [('codespaces', 100), ('actions', 1000)])
def test_secret_count_limit_per_org(gh, store, limit):
    seed(gh, store, *({'name': 'S%04d' % i, 'value': 'v', 'visibility': 'all'} for i in range(limit)))
    path = secrets_path(store)
    resp = gh.put(path + '/ONE_MORE', json=gh.secret_body('v', store=store))
    assert resp.status_code == 422
    label = {'codespaces': 'Codespaces', 'actions': 'Actions'}[store]
    assert resp.json()['message'] == 'Organization acme already has %d %s secrets, the most an organization can have.' % (limit, label)
    assert gh.stored('ONE_MORE', store=store) is None
    # Updating one is fine; after a delete there is room again; other stores and orgs are not counted.
    assert gh.put(path + '/S0000', json=gh.secret_body('w', store=store)).status_code == 204
    assert gh.delete(path + '/S0000').status_code == 204
    assert gh.put(path + '/ONE_MORE', json=gh.secret_body('v', store=store)).status_code == 201
    assert gh.put(secrets_path(store, 'globex') + '/X', json=gh.secret_body('v', org='globex', store=store)).status_code == 201


def test_dependabot_has_no_documented_count_limit(gh):
    seed(gh, 'dependabot', *({'name': 'S%04d' % i, 'value': 'v', 'visibility': 'all'} for i in range(1000)))
    assert gh.put(secrets_path('dependabot') + '/ONE_MORE', json=gh.secret_body('v', store='dependabot')).status_code == 201


# ----- plans without a store, GHES ---------------------------------------------------------------

@pytest.mark.parametrize('route', ROUTES, ids=ROUTE_IDS)
def test_a_store_the_plan_lacks_answers_like_a_missing_org(gh, store, route):
    method, suffix, body, anchor = route
    others = [s for s in STORES if s != store]
    created = gh.post('/_simulator/orgs', json={'login': 'smallco', 'repositories': ['one'], 'stores': others}).json()
    assert created['available_stores'] == others
    lacking = gh.request(method, secrets_path(store, 'smallco') + suffix, json=body)
    missing_org = gh.request(method, secrets_path(store, 'nosuchorg') + suffix, json=body)
    assert lacking.status_code == missing_org.status_code == 404
    assert lacking.json() == missing_org.json() == {'message': 'Not Found', 'documentation_url': DOCS[store] + anchor}
    assert gh.get(secrets_path(others[0], 'smallco') + '/public-key').status_code == 200


def test_ghes_has_no_codespaces_store(gh, ghes):
    gh.create('CS', visibility='selected')
    for method, suffix, body, _anchor in ROUTES:
        path = secrets_path('codespaces') + suffix.replace('/S', '/CS')
        resp = ghes.request(method, path, json=body)
        assert resp.status_code == 404, (method, path)
        assert resp.json() == {'message': 'Not Found', 'documentation_url': 'https://docs.github.com/rest'}
        assert 'X-Accepted-OAuth-Scopes' not in resp.headers
    assert gh.stored('CS')['visibility'] == 'selected'
    for store in ('actions', 'dependabot'):
        assert ghes.get(secrets_path(store) + '/public-key').status_code == 200
        assert ghes.create('ON_GHES', store=store).status_code == 201
    entries = [e for e in gh.requests_log() if e['api_prefix']]
    assert {e['store'] for e in entries} == set(STORES)
    assert all(e['status'] == 404 for e in entries if e['store'] == 'codespaces')


def test_ghes_accepts_only_api_version_2022_11_28(gh, ghes):
    assert ghes.get(secrets_path('actions')).status_code == 200
    resp = ghes.get(secrets_path('actions'), headers={'X-GitHub-Api-Version': None})
    assert resp.status_code == 200 and resp.headers['X-GitHub-Api-Version-Selected'] == '2022-11-28'
    for path in (secrets_path('actions'), '/orgs/acme', '/nope'):
        resp = ghes.get(path, headers={'X-GitHub-Api-Version': '2026-03-10'})
        assert resp.status_code == 400
        assert resp.json() == {
            'message': "Unsupported 'X-GitHub-Api-Version' header value '2026-03-10'. The supported versions are 2022-11-28.",
            'documentation_url': 'https://docs.github.com/rest/about-the-rest-api/api-versions',
        }
    # GitHub.com (no prefix) keeps both.
    for version in ('2022-11-28', '2026-03-10'):
        assert gh.get(secrets_path('codespaces'), headers={'X-GitHub-Api-Version': version}).status_code == 200


def test_log_names_the_store(gh):
    for store in STORES:
        gh.get(secrets_path(store) + '/NOPE/repositories/1')
    gh.get('/orgs/acme')
    gh.get('/orgs/acme/secrets')
    assert [e['store'] for e in gh.requests_log()] == list(STORES) + [None, None]
