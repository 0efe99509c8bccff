"""GitHub Apps: JWT checks, the App routes, installation tokens and their permissions on every store."""

import base64
import calendar
import json
import re
import time

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from ansible_collections.secretops.github.tests.simulator.github_simulator import make_jwt, start
from ansible_collections.secretops.github.tests.simulator.github_simulator.apps import encode_jwt

from ansible_collections.secretops.github.tests.unit.simulator.conftest import Client, secrets_path

PERMISSION_KEYS = {
    'codespaces': 'organization_codespaces_secrets',
    'actions': 'organization_secrets',
    'dependabot': 'organization_dependabot_secrets',
}
ALL_WRITE = {key: 'write' for key in PERMISSION_KEYS.values()}
UNDECODABLE = 'A JSON web token could not be decoded'
NO_APP = 'Integration not found'
BAD_IAT = "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued"
BAD_EXP = "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires"
EXP_TOO_FAR = "'Expiration time' claim ('exp') is too far in the future"
JWT_NOT_HERE = 'A JSON web token cannot be used for this request'
NOT_BY_INTEGRATION = 'Resource not accessible by integration'
TOKEN_RE = re.compile(r'ghs_[A-Za-z0-9]{36}')


def new_pem():
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode('ascii')


_KEYS = []


def shared_key(index):
    """One of three 2048-bit keys made once per worker: generating a key per App is slow on a busy machine."""
    while len(_KEYS) < 3:
        _KEYS.append(new_pem())
    return _KEYS[index % len(_KEYS)]


class Apps:
    """Control-route helpers: make Apps and installations, sign JWTs, mint tokens, and clients for them."""

    def __init__(self, sim, gh, client_for):
        self.sim = sim
        self.gh = gh
        self.client_for = client_for
        self.made = 0

    def create(self, **spec):
        """An App; its key is one of the shared test keys (a different one for each of the first three Apps of a test)."""
        spec.setdefault('private_key_pem', shared_key(self.made))
        self.made += 1
        resp = self.gh.post('/_simulator/apps', json=spec)
        assert resp.status_code == 201, resp.text
        return resp.json()

    def install(self, app, org='acme', permissions=None, **extra):
        body = dict({'org': org, 'permissions': ALL_WRITE if permissions is None else permissions}, **extra)
        resp = self.gh.post('/_simulator/apps/%d/installations' % app['id'], json=body)
        assert resp.status_code == 201, resp.text
        return resp.json()

    def jwt_client(self, app, **claims):
        return self.client_for(make_jwt(app['private_key_pem'], claims.pop('iss', app['id']), **claims))

    def mint(self, app, installation, body=None):
        resp = self.jwt_client(app).post('/app/installations/%d/access_tokens' % installation['id'], json=body)
        assert resp.status_code == 201, resp.text
        return resp.json()

    def token_client(self, permissions=None, org='acme'):
        """A client with an installation token of a new App installed on org with these permissions."""
        app = self.create()
        token = self.mint(app, self.install(app, org, permissions))['token']
        return self.client_for(token)


@pytest.fixture
def apps(sim, gh, client_for):
    return Apps(sim, gh, client_for)


@pytest.fixture
def app(apps):
    """An App installed on acme with write access to all three stores."""
    created = apps.create()
    created['installation'] = apps.install(created)
    return created


def assert_error(resp, status, message):
    assert resp.status_code == status, resp.text
    assert resp.json()['message'] == message, resp.text


# ----- Apps and JWTs -----------------------------------------------------------------------------

def test_create_app_returns_a_real_key_pair(apps, gh):
    created = gh.post('/_simulator/apps').json()  # no body at all: everything generated
    assert created['id'] >= 100001 and created['slug'] == 'sim-app-%d' % created['id']
    assert re.fullmatch(r'Iv1\.[0-9a-f]{16}', created['client_id'])
    key = serialization.load_pem_private_key(created['private_key_pem'].encode('ascii'), None)
    assert isinstance(key, rsa.RSAPrivateKey) and key.key_size == 2048
    assert created['private_key_pem'].startswith('-----BEGIN RSA PRIVATE KEY-----')
    pem = new_pem()
    given = apps.create(id=4242, slug='secrets-bot', client_id='Iv1.0123456789abcdef', private_key_pem=pem)
    assert (given['id'], given['slug'], given['client_id'], given['private_key_pem']) == (4242, 'secrets-bot', 'Iv1.0123456789abcdef', pem)
    for bad in ({'id': 4242}, {'slug': 'secrets-bot'}, {'client_id': 'Iv1.0123456789abcdef'}, {'private_key_pem': 'nope'},
                {'id': 'x'}, {'slug': 'Not A Slug'}, {'client_id': '123'}, {'installations': []}, {'name': 'x'}):
        assert gh.post('/_simulator/apps', json=bad).status_code == 422, bad


def test_make_jwt_claims():
    pem = new_pem()
    before = int(time.time())
    header, claims, signature = make_jwt(pem, 7).split('.')
    assert json.loads(base64.urlsafe_b64decode(header + '==')) == {'alg': 'RS256', 'typ': 'JWT'}
    claims = json.loads(base64.urlsafe_b64decode(claims + '=='))
    assert claims['iss'] == 7 and before - 60 <= claims['iat'] <= int(time.time()) - 60
    assert claims['exp'] == claims['iat'] + 600
    assert len(base64.urlsafe_b64decode(signature + '==')) == 256
    claims = json.loads(base64.urlsafe_b64decode(make_jwt(pem, 'Iv1.x', iat=5, exp='later').split('.')[1] + '=='))
    assert claims == {'iat': 5, 'exp': 'later', 'iss': 'Iv1.x'}


@pytest.mark.parametrize('iss', ['id', 'id_string', 'client_id'])
def test_get_app_with_each_form_of_iss(apps, app, iss):
    value = {'id': app['id'], 'id_string': str(app['id']), 'client_id': app['client_id']}[iss]
    resp = apps.jwt_client(app, iss=value).get('/app')
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert (body['id'], body['slug'], body['client_id']) == (app['id'], app['slug'], app['client_id'])
    assert body['permissions'] == dict(ALL_WRITE, metadata='read') and body['installations_count'] == 1
    assert 'PRIVATE KEY' not in resp.text


def test_unknown_iss_is_integration_not_found(apps, app):
    for iss in (999999, '999999', 'Iv1.ffffffffffffffff', None):
        assert_error(apps.jwt_client(app, iss=iss).get('/app'), 401, NO_APP)


def test_signature_of_another_key_is_rejected(apps, app, client_for):
    other = new_pem()
    assert_error(client_for(make_jwt(other, app['id'])).get('/app'), 401, UNDECODABLE)
    # Another App's key with this App's id: the signature decides, not the iss.
    second = apps.create()
    assert_error(client_for(make_jwt(second['private_key_pem'], app['id'])).get('/app'), 401, UNDECODABLE)


@pytest.mark.parametrize('alg', ['none', 'HS256'])
def test_only_rs256_is_accepted(app, client_for, alg):
    assert_error(client_for(make_jwt(app['private_key_pem'], app['id'], alg=alg)).get('/app'), 401, UNDECODABLE)


@pytest.mark.parametrize('alg', ['RS512', 'PS256', 'none'])
def test_header_alg_must_say_rs256_even_with_a_valid_signature(app, client_for, alg):
    now = int(time.time())
    jwt = encode_jwt({'iss': app['id'], 'iat': now - 60, 'exp': now + 300}, app['private_key_pem'], header={'alg': alg})
    assert_error(client_for(jwt).get('/app'), 401, UNDECODABLE)


@pytest.mark.parametrize('jwt', ['a.b.c', 'e30.e30.', 'W10.e30.AA', '!!.e30.AA'])
def test_undecodable_jwts(client_for, jwt):
    assert_error(client_for(jwt).get('/app'), 401, UNDECODABLE)


def test_rs256_header_but_tampered_claims(app, client_for):
    header, _claims, signature = make_jwt(app['private_key_pem'], app['id']).split('.')
    claims = base64.urlsafe_b64encode(json.dumps({'iss': app['id'], 'iat': 1, 'exp': 2}).encode()).rstrip(b'=').decode()
    assert_error(client_for('.'.join((header, claims, signature))).get('/app'), 401, UNDECODABLE)


def test_expired_jwt(apps, app):
    now = int(time.time())
    assert_error(apps.jwt_client(app, iat=now - 700, exp=now - 100).get('/app'), 401, BAD_EXP)
    assert_error(apps.jwt_client(app, iat=now - 60, exp=now - 1).get('/app'), 401, BAD_EXP)


@pytest.mark.parametrize('exp', ['soon', None, True])
def test_exp_must_be_a_number(app, client_for, exp):
    claims = {'iss': app['id'], 'iat': int(time.time()) - 60}
    if exp is not None:
        claims['exp'] = exp
    assert_error(client_for(encode_jwt(claims, app['private_key_pem'])).get('/app'), 401, BAD_EXP)


def test_exp_at_most_ten_minutes_after_iat_and_now(apps, app):
    now = int(time.time())
    assert_error(apps.jwt_client(app, iat=now - 60, exp=now + 600).get('/app'), 401, EXP_TOO_FAR)  # 660 s after iat
    assert_error(apps.jwt_client(app, iat=now + 30, exp=now + 620).get('/app'), 401, EXP_TOO_FAR)  # 590 s after iat, > now + 600
    assert_error(apps.jwt_client(app, iat=now, exp=now + 3600).get('/app'), 401, EXP_TOO_FAR)
    # community.general's default (iat now, exp now + 600) sits exactly on the limit and passes.
    assert apps.jwt_client(app, iat=now, exp=now + 600).get('/app').status_code == 200


def test_iat_rules(apps, app, client_for):
    now = int(time.time())
    assert_error(apps.jwt_client(app, iat=now + 120, exp=now + 300).get('/app'), 401, BAD_IAT)
    assert apps.jwt_client(app, iat=now + 30, exp=now + 300).get('/app').status_code == 200  # within 60 s of skew
    for iat in (float(now - 60), str(now - 60), True):
        assert_error(apps.jwt_client(app, iat=iat, exp=now + 300).get('/app'), 401, BAD_IAT)
    no_iat = encode_jwt({'iss': app['id'], 'exp': now + 300}, app['private_key_pem'])
    assert_error(client_for(no_iat).get('/app'), 401, BAD_IAT)


def test_jwt_needs_the_bearer_scheme(app, gh):
    jwt = make_jwt(app['private_key_pem'], app['id'])
    assert gh.get('/app', headers={'Authorization': 'Bearer ' + jwt}).status_code == 200
    assert_error(gh.get('/app', headers={'Authorization': 'token ' + jwt}), 401, 'Bad credentials')


@pytest.mark.parametrize('path', ['/orgs/acme/codespaces/secrets', '/orgs/acme/actions/secrets', '/orgs/acme/dependabot/secrets',
                                  '/orgs/acme/actions/secrets/public-key', '/orgs/acme/repos', '/repos/acme/api', '/orgs/acme'])
def test_jwt_is_refused_off_the_app_routes(apps, app, path):
    assert_error(apps.jwt_client(app).get(path), 401, JWT_NOT_HERE)


def test_jwt_cannot_write_secrets(apps, app, gh):
    body = gh.secret_body('v', store='actions')
    assert_error(apps.jwt_client(app).put(secrets_path('actions') + '/X', json=body), 401, JWT_NOT_HERE)
    assert gh.stored('X', store='actions') is None


def test_tokens_are_refused_on_the_app_routes(apps, app, gh):
    token = apps.client_for(apps.mint(app, app['installation'])['token'])
    for client in (gh, token):
        assert_error(client.get('/app'), 401, UNDECODABLE)
        assert_error(client.get('/orgs/acme/installation'), 401, UNDECODABLE)
        assert_error(client.post('/app/installations/%d/access_tokens' % app['installation']['id']), 401, UNDECODABLE)


# ----- installations and tokens ------------------------------------------------------------------

def test_org_installation(apps, app):
    client = apps.jwt_client(app)
    resp = client.get('/orgs/ACME/installation')
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body['id'] == app['installation']['id'] and body['app_id'] == app['id']
    assert (body['app_slug'], body['client_id']) == (app['slug'], app['client_id'])
    assert body['account']['login'] == 'acme' and body['target_type'] == 'Organization' and body['target_id'] == 90001
    assert body['permissions'] == dict(ALL_WRITE, metadata='read') and body['repository_selection'] == 'all'
    assert body['access_tokens_url'].endswith('/app/installations/%d/access_tokens' % body['id'])
    assert body['suspended_at'] is None
    assert_error(client.get('/orgs/globex/installation'), 404, 'Not Found')
    assert_error(client.get('/orgs/nope/installation'), 404, 'Not Found')
    # Another App's installation on globex is not this App's.
    other = apps.create()
    apps.install(other, 'globex')
    assert_error(client.get('/orgs/globex/installation'), 404, 'Not Found')
    assert apps.jwt_client(other).get('/orgs/globex/installation').status_code == 200


def test_mint_an_installation_token(apps, app):
    before = time.time()
    resp = apps.jwt_client(app).post('/app/installations/%d/access_tokens' % app['installation']['id'])
    assert resp.status_code == 201, resp.text
    body = resp.json()
    assert set(body) == {'token', 'expires_at', 'permissions', 'repository_selection'}
    assert TOKEN_RE.fullmatch(body['token'])
    assert re.fullmatch(r'\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ', body['expires_at'])
    expires = calendar.timegm(time.strptime(body['expires_at'], '%Y-%m-%dT%H:%M:%SZ'))
    assert before + 3600 <= expires <= time.time() + 3601
    assert body['permissions'] == dict(ALL_WRITE, metadata='read') and body['repository_selection'] == 'all'
    assert apps.mint(app, app['installation'])['token'] != body['token']


def test_mint_needs_an_installation_of_this_app(apps, app):
    other = apps.create()
    theirs = apps.install(other, 'globex')
    client = apps.jwt_client(app)
    for installation_id in (theirs['id'], 12345, 'abc'):
        assert_error(client.post('/app/installations/%s/access_tokens' % installation_id), 404, 'Not Found')
    assert client.post('/app/installations/%d/access_tokens' % app['installation']['id']).status_code == 201


def test_mint_with_fewer_permissions(apps, app, client_for):
    token = apps.mint(app, app['installation'], {'permissions': {'organization_secrets': 'read'}})
    assert token['permissions'] == {'organization_secrets': 'read', 'metadata': 'read'}
    client = client_for(token['token'])
    assert client.get(secrets_path('actions')).status_code == 200
    assert_error(client.get(secrets_path('dependabot')), 403, NOT_BY_INTEGRATION)
    jwt = apps.jwt_client(app)
    path = '/app/installations/%d/access_tokens' % app['installation']['id']
    assert_error(jwt.post(path, json={'permissions': {'administration': 'read'}}), 422,
                 'The permissions requested are not granted to this installation.')
    assert jwt.post(path, json={'permissions': {'organization_secrets': 'admin'}}).status_code == 422
    assert jwt.post(path, json={'repositories': ['api']}).status_code == 422
    assert jwt.post(path, json={'unknown': 1}).status_code == 422
    assert jwt.post(path, data='not json').status_code == 400


def test_suspended_installation_cannot_mint(apps):
    app = apps.create()
    installation = apps.install(app, suspended=True)
    assert installation['suspended'] is True
    client = apps.jwt_client(app)
    assert client.get('/orgs/acme/installation').json()['suspended_at'] is not None
    assert_error(client.post('/app/installations/%d/access_tokens' % installation['id']), 403, 'This installation has been suspended')


@pytest.mark.parametrize('scheme', ['Bearer', 'token'])
def test_installation_token_schemes(apps, app, gh, scheme):
    token = apps.mint(app, app['installation'])['token']
    resp = gh.get(secrets_path('actions'), headers={'Authorization': '%s %s' % (scheme, token)})
    assert resp.status_code == 200, resp.text
    assert 'X-OAuth-Scopes' not in resp.headers


def test_installation_token_expires_after_the_configured_ttl(apps, app, gh):
    assert gh.post('/_simulator/config', json={'installation_token_ttl': 1}).json()['installation_token_ttl'] == 1
    token = apps.mint(app, app['installation'])
    expires = calendar.timegm(time.strptime(token['expires_at'], '%Y-%m-%dT%H:%M:%SZ'))
    assert expires <= time.time() + 2
    client = apps.client_for(token['token'])
    assert client.get(secrets_path('actions')).status_code == 200
    time.sleep(max(0.0, expires - time.time()) + 0.1)
    assert_error(client.get(secrets_path('actions')), 401, 'Bad credentials')
    assert client.get(secrets_path('actions')).json()['documentation_url'] == 'https://docs.github.com/rest'
    # A new token works again; the state says which tokens expired.
    assert apps.client_for(apps.mint(app, app['installation'])['token']).get(secrets_path('actions')).status_code == 200
    assert sorted(t['expired'] for t in gh.get('/_simulator/state').json()['installation_tokens']) == [False, True]
    for bad in (0, -1, 1.5, '60', True):
        assert gh.post('/_simulator/config', json={'installation_token_ttl': bad}).status_code == 422, bad


# ----- permissions on every store ----------------------------------------------------------------

def store_routes(store, name='EXISTING'):
    """The nine secret routes of a store, deleting the secret last."""
    base = secrets_path(store)
    secret = '%s/%s' % (base, name)
    return [
        ('GET', base), ('GET', base + '/public-key'), ('GET', secret), ('PUT', secret), ('GET', secret + '/repositories'),
        ('PUT', secret + '/repositories'), ('PUT', secret + '/repositories/1001'), ('DELETE', secret + '/repositories/1001'),
        ('DELETE', secret),
    ]


def seed_secret(gh, store):
    secret = {'name': 'EXISTING', 'value': 'old', 'visibility': 'selected', 'selected_repository_ids': [1002]}
    assert gh.post('/_simulator/orgs/acme/secrets', json={'store': store, 'secrets': [secret]}).status_code == 201


def put_body(gh, store, method, path):
    if method != 'PUT':
        return None
    if path.endswith('/repositories'):
        return {'selected_repository_ids': [1001]}
    return gh.secret_body('new', 'selected', store=store, selected_repository_ids=['1001'] if store == 'dependabot' else [1001])


@pytest.mark.parametrize('granted', [None, 'other'])
def test_missing_store_permission_is_403_on_every_route(apps, gh, store, granted):
    seed_secret(gh, store)
    others = {key: 'write' for s, key in PERMISSION_KEYS.items() if s != store} if granted else {}
    client = apps.token_client(others)
    for method, path in store_routes(store):
        resp = client.request(method, path, json=put_body(gh, store, method, path))
        assert_error(resp, 403, NOT_BY_INTEGRATION)
        level = 'read' if method == 'GET' else 'write'
        assert resp.headers['X-Accepted-GitHub-Permissions'] == '%s=%s' % (PERMISSION_KEYS[store], level), (method, path)
        assert resp.json()['documentation_url'].startswith('https://docs.github.com/rest/%s/' % store)
    stored = gh.stored('EXISTING', store=store)
    assert stored['value'] == 'old' and stored['selected_repository_ids'] == [1002]


def test_read_permission_reads_but_does_not_write(apps, gh, store):
    seed_secret(gh, store)
    client = apps.token_client({PERMISSION_KEYS[store]: 'read'})
    for method, path in store_routes(store):
        resp = client.request(method, path, json=put_body(gh, store, method, path))
        if method == 'GET':
            assert resp.status_code == 200, (method, path, resp.text)
            assert resp.headers['X-Accepted-GitHub-Permissions'] == PERMISSION_KEYS[store] + '=read'
        else:
            assert_error(resp, 403, NOT_BY_INTEGRATION)
            assert resp.headers['X-Accepted-GitHub-Permissions'] == PERMISSION_KEYS[store] + '=write'
    stored = gh.stored('EXISTING', store=store)
    assert stored['value'] == 'old' and stored['selected_repository_ids'] == [1002]


def test_write_permission_does_everything(apps, gh, store):
    client = apps.token_client({PERMISSION_KEYS[store]: 'write'})
    ids = ['1001'] if store == 'dependabot' else [1001]
    assert client.create('MADE', 'by app', 'selected', store=store, selected_repository_ids=ids).status_code == 201
    assert gh.stored('MADE', store=store)['value'] == 'by app'
    for method, path in store_routes(store, 'MADE'):
        resp = client.request(method, path, json=put_body(client, store, method, path))
        assert resp.status_code in (200, 201, 204), (method, path, resp.text)
        assert resp.headers['X-Accepted-GitHub-Permissions'] == '%s=%s' % (PERMISSION_KEYS[store], 'read' if method == 'GET' else 'write')
    assert gh.stored('MADE', store=store) is None  # the DELETE of the secret ran


def test_token_is_only_valid_on_its_installations_org(apps, gh):
    client = apps.token_client()
    for path in (secrets_path('actions', 'globex'), secrets_path('dependabot', 'globex') + '/public-key', '/orgs/globex/repos',
                 '/repos/globex/portal', '/orgs/globex'):
        resp = client.get(path)
        assert_error(resp, 404, 'Not Found')
        assert 'X-Accepted-GitHub-Permissions' not in resp.headers
    body = gh.secret_body('v', org='globex', store='actions')
    assert_error(client.put(secrets_path('actions', 'globex') + '/X', json=body), 404, 'Not Found')
    assert gh.stored('X', org='globex', store='actions') is None
    assert client.get('/orgs/ACME').status_code == 200 and client.get(secrets_path('actions', 'Acme')).status_code == 200


def test_repositories_need_metadata_read(apps):
    client = apps.token_client({})
    resp = client.get('/orgs/acme/repos', params={'per_page': 100})
    assert resp.status_code == 200 and resp.headers['X-Accepted-GitHub-Permissions'] == 'metadata=read'
    assert [r['name'] for r in resp.json()] == ['api', 'web', 'docs', 'infra', 'mobile', 'data']  # private ones too
    assert client.get('/repos/acme/api').status_code == 200
    without = apps.token_client({'metadata': None, 'organization_secrets': 'write'})
    for path in ('/orgs/acme/repos', '/repos/acme/api'):
        resp = without.get(path)
        assert_error(resp, 403, NOT_BY_INTEGRATION)
        assert resp.headers['X-Accepted-GitHub-Permissions'] == 'metadata=read'
    assert without.get(secrets_path('actions')).status_code == 200


def test_ghes_prefix(apps, app, sim):
    jwt = Client(sim, make_jwt(app['private_key_pem'], app['id']), prefix='/api/v3', api_version='2022-11-28')
    try:
        installation = jwt.get('/orgs/acme/installation').json()
        assert installation['access_tokens_url'].startswith(sim.url + '/api/v3/app/installations/')
        assert jwt.get('/app').status_code == 200
        token = jwt.post('/app/installations/%d/access_tokens' % installation['id']).json()['token']
    finally:
        jwt.close()
    ghes = Client(sim, token, prefix='/api/v3', api_version='2022-11-28')
    try:
        assert ghes.get(secrets_path('actions')).status_code == 200
        assert ghes.get(secrets_path('dependabot')).status_code == 200
        assert_error(ghes.get(secrets_path('codespaces')), 404, 'Not Found')  # no Codespaces store on GHES
        assert ghes.requests_log()[-1]['auth_kind'] == 'installation'
    finally:
        ghes.close()


def test_personal_tokens_are_unchanged(gh, client_for):
    resp = gh.get(secrets_path('actions'))
    assert resp.status_code == 200 and resp.headers['X-Accepted-OAuth-Scopes'] == 'admin:org'
    assert 'X-Accepted-GitHub-Permissions' not in resp.headers
    readonly = client_for('sim-readonly-token')
    assert_error(readonly.get(secrets_path('dependabot')), 403, 'Resource not accessible by personal access token')
    assert readonly.get('/orgs/globex/repos').status_code == 200


# ----- request log, state, reset, seed -----------------------------------------------------------

def test_log_records_the_kind_of_credential_never_the_credential(apps, app, gh, client_for):
    jwt = make_jwt(app['private_key_pem'], app['id'])
    token = apps.mint(app, app['installation'])['token']
    gh.delete('/_simulator/requests')
    client_for(jwt).get('/app')
    client_for(jwt).get('/orgs/acme/installation')
    client_for(token).get(secrets_path('actions'))
    gh.get(secrets_path('actions'))
    client_for(None).get(secrets_path('actions'))
    client_for('ghs_' + 'x' * 36).get(secrets_path('actions'))
    client_for('a.b.c').get(secrets_path('actions'))
    log = gh.requests_log()
    assert [(e['auth_kind'], e['status']) for e in log] == [
        ('jwt', 200), ('jwt', 200), ('installation', 200), ('token', 200), ('none', 401), ('installation', 401), ('jwt', 401)]
    assert [e['store'] for e in log[:3]] == [None, None, 'actions']
    assert [e['authorization_scheme'] for e in log[:4]] == ['Bearer'] * 4
    text = json.dumps(log)
    assert jwt not in text and token not in text and jwt.split('.')[2] not in text


def test_state_lists_apps_and_tokens_without_secrets(apps, app, gh):
    token = apps.mint(app, app['installation'])['token']
    state = gh.get('/_simulator/state').json()
    assert state['apps'] == [{
        'id': app['id'], 'slug': app['slug'], 'client_id': app['client_id'],
        'installations': [{'id': app['installation']['id'], 'app_id': app['id'], 'org': 'acme', 'suspended': False,
                           'permissions': dict(ALL_WRITE, metadata='read'), 'repository_selection': 'all'}],
    }]
    [entry] = state['installation_tokens']
    assert entry['installation_id'] == app['installation']['id'] and entry['expired'] is False
    assert set(entry) == {'installation_id', 'app_id', 'org', 'permissions', 'expires_at', 'expired', 'token_sha256'}
    text = json.dumps(state)
    assert token not in text and 'PRIVATE KEY' not in text
    assert gh.post('/_simulator/reset').status_code == 200
    state = gh.get('/_simulator/state').json()
    assert state['apps'] == [] and state['installation_tokens'] == []
    assert_error(gh.get(secrets_path('actions'), headers={'Authorization': 'Bearer ' + token}), 401, 'Bad credentials')


def test_installation_control_route_validation(apps, app, gh):
    path = '/_simulator/apps/%d/installations' % app['id']
    assert gh.post(path, json={'org': 'acme', 'permissions': {}}).status_code == 409  # already installed there
    assert gh.post(path, json={'org': 'nope', 'permissions': {}}).status_code == 422
    assert gh.post(path, json={'org': 'globex', 'permissions': {'organization_secrets': 'admin'}}).status_code == 422
    assert gh.post(path, json={'org': 'globex', 'permissions': {}, 'id': app['installation']['id']}).status_code == 422
    assert gh.post(path, json={'org': 'globex', 'permissions': {}, 'suspended': 'yes'}).status_code == 422
    assert gh.post(path, json={'org': 'globex', 'oops': 1}).status_code == 422
    assert gh.post('/_simulator/apps/999/installations', json={'org': 'globex'}).status_code == 404
    made = gh.post(path, json={'org': 'globex', 'id': 77}).json()
    assert made['id'] == 77 and made['permissions'] == {'metadata': 'read'}


def test_seed_declares_apps():
    pem = new_pem()
    seed = {'orgs': [{'login': 'acme', 'repositories': ['api']}], 'apps': [
        {'id': 12, 'slug': 'seeded', 'private_key_pem': pem,
         'installations': [{'org': 'acme', 'id': 34, 'permissions': {'organization_dependabot_secrets': 'read'}}]}]}
    with start(seed=seed) as sim:
        for _round in range(2):  # the seed's Apps come back after a reset
            jwt = Client(sim, make_jwt(pem, '12'))
            token = jwt.post('/app/installations/34/access_tokens').json()['token']
            client = Client(sim, token)
            assert client.get(secrets_path('dependabot')).status_code == 200
            assert client.get(secrets_path('actions')).status_code == 403
            jwt.close()
            client.close()
            sim.state.reset()
    with pytest.raises(ValueError):
        start(seed={'apps': [{'id': 1, 'installations': [{'org': 'nope'}]}]})
