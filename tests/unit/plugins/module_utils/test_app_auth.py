"""GitHub App authentication: the JWT, the choice of credentials, installation tokens reused and refreshed."""

import base64
import json
import os
import subprocess
import sys
import threading
import time

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

from ansible_collections.secretops.github.plugins.module_utils import _app_auth as app_auth
from ansible_collections.secretops.github.plugins.module_utils._errors import (
    GitHubAuthenticationError,
    GitHubDependencyError,
    GitHubInputError,
    GitHubNotFoundError,
    GitHubPermissionError,
)
from ansible_collections.secretops.github.plugins.module_utils._github_client import ApiResponse
from ansible_collections.secretops.github.plugins.module_utils._secrets_api import OrgSecretsAPI

NOW = 1_700_000_000  # 2023, well before the fake tokens expire
TOKENS = ('GITHUB_TOKEN', 'GH_TOKEN')


@pytest.fixture(scope='module', name='rsa_key')
def rsa_key_fixture():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(scope='module', name='pem')
def pem_fixture(rsa_key):
    return rsa_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                                 serialization.NoEncryption()).decode()


def decode_part(part):
    return json.loads(base64.urlsafe_b64decode(part + '=' * (-len(part) % 4)))


def test_jwt_claims_and_signature(rsa_key, pem):
    token = app_auth.GitHubApp('12345', pem).jwt(NOW)
    header, claims, signature = token.split('.')
    assert decode_part(header) == {'alg': 'RS256', 'typ': 'JWT'}
    assert decode_part(claims) == {'iat': NOW - 60, 'exp': NOW + 540, 'iss': '12345'}
    assert decode_part(claims)['exp'] - decode_part(claims)['iat'] <= 600  # GitHub's ten minutes
    raw = base64.urlsafe_b64decode(signature + '=' * (-len(signature) % 4))
    rsa_key.public_key().verify(raw, ('%s.%s' % (header, claims)).encode(), padding.PKCS1v15(), hashes.SHA256())
    with pytest.raises(InvalidSignature):
        rsa_key.public_key().verify(raw, b'tampered', padding.PKCS1v15(), hashes.SHA256())
    assert pem.split('\n')[1] not in token


@pytest.mark.parametrize('app_id, expected', [(12345, '12345'), (' 12345 ', '12345'), ('Iv1.0123abcd', 'Iv1.0123abcd')])
def test_app_id_forms(pem, app_id, expected):
    assert app_auth.GitHubApp(app_id, pem).app_id == expected


@pytest.mark.parametrize('kwargs, option, text', [
    ({'app_id': 'my-app'}, 'app_id', 'is not a GitHub App ID'),
    ({'app_id': True}, 'app_id', 'is not a GitHub App ID'),
    ({'installation_id': 'abc'}, 'app_installation_id', 'is not an installation ID'),
    ({'installation_id': '１２'}, 'app_installation_id', 'is not an installation ID'),
    ({'private_key': ''}, 'app_private_key', 'app_private_key is empty'),
    ({'private_key': 'not a key'}, 'app_private_key', 'is not a PEM private key'),
    ({'private_key': '-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n'}, 'app_private_key',
     'is not a PEM private key'),
])
def test_bad_app_options_name_the_option(pem, kwargs, option, text):
    arguments = dict(app_id='1', private_key=pem)
    arguments.update(kwargs)
    with pytest.raises(GitHubInputError) as caught:
        app_auth.GitHubApp(**arguments)
    assert caught.value.option == option and text in str(caught.value)


def test_an_encrypted_or_non_rsa_key_is_refused_without_echoing_it(rsa_key):
    encrypted = rsa_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                      serialization.BestAvailableEncryption(b'passphrase')).decode()
    ec_pem = ec.generate_private_key(ec.SECP256R1()).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()).decode()
    for pem, text in ((encrypted, 'encrypted with a passphrase'), (ec_pem, 'is not an RSA key')):
        with pytest.raises(GitHubInputError) as caught:
            app_auth.GitHubApp('1', pem)
        assert text in str(caught.value)
        assert pem.split('\n')[1] not in str(caught.value)


def test_pem_from_the_environment_may_have_literal_newlines(pem):
    flat = pem.replace('\n', '\\n')
    assert app_auth.pem_from_environment(flat) == pem
    assert app_auth.pem_from_environment(pem) == pem


@pytest.mark.parametrize('explicit, environ, expected', [
    ({'token': 't'}, {'GITHUB_APP_ID': '1', 'GITHUB_APP_PEM_FILE': 'PEM'}, 'token'),   # explicit token wins
    ({}, {'GITHUB_TOKEN': 't', 'GITHUB_APP_ID': '1', 'GITHUB_APP_PEM_FILE': 'PEM'}, 'app'),  # complete App env wins
    ({}, {'GITHUB_TOKEN': 't', 'GITHUB_APP_ID': '1'}, 'token'),   # incomplete App env: the token
    ({'app_id': '1', 'app_private_key': 'PEM'}, {'GITHUB_TOKEN': 't'}, 'app'),   # explicit App beats env token
    ({'app_id': '1'}, {'GITHUB_APP_PEM_FILE': 'PEM'}, 'app'),   # explicit id, key from the environment
    ({'token': ''}, {'GH_TOKEN': 'gh'}, 'token'),   # empty counts as not given
])
def test_which_credentials(pem, explicit, environ, expected):
    environ = dict((k, pem if v == 'PEM' else v) for k, v in environ.items())
    explicit = dict((k, pem if v == 'PEM' else v) for k, v in explicit.items())
    token, app = app_auth.choose_credentials(explicit, environ, TOKENS)
    assert (token is not None, app is not None) == (expected == 'token', expected == 'app')


@pytest.mark.parametrize('explicit, option, text', [
    ({'token': 't', 'app_id': '1'}, 'token', 'token and app_id are mutually exclusive'),
    ({'app_private_key': 'PEM', 'app_private_key_path': '/x'}, 'app_private_key', 'mutually exclusive'),
    ({'app_private_key': 'PEM'}, 'app_id', 'needs app_id'),
    ({'app_id': '1'}, 'app_private_key', 'needs the App private key'),
    ({'app_id': '1', 'app_private_key_path': '/nonexistent/app.pem'}, 'app_private_key_path', 'cannot be read'),
])
def test_incomplete_or_conflicting_credentials_fail_naming_the_option(pem, explicit, option, text):
    explicit = dict((k, pem if v == 'PEM' else v) for k, v in explicit.items())
    with pytest.raises(GitHubInputError) as caught:
        app_auth.choose_credentials(explicit, {}, TOKENS)
    assert caught.value.option == option and text in str(caught.value)


def test_private_key_path_is_read(tmp_path, pem):
    path = tmp_path / 'app.pem'
    path.write_text(pem)
    _token, app = app_auth.choose_credentials({'app_id': '7', 'app_private_key_path': str(path)}, {}, TOKENS)
    assert app.app_id == '7'


class FakeClient:
    """Answers the App endpoints; records what was asked, with which bearer."""

    def __init__(self, permissions=None, installation=None, skew=None):
        self.calls = []
        self.minted = 0
        self.permissions = permissions or {'organization_secrets': 'write'}
        self.installation = installation
        self.skew = skew

    def path(self, *segments):
        return '/' + '/'.join(str(s) for s in segments)

    def clock_skew(self):
        return self.skew

    def request(self, method, path, bearer=None):
        self.calls.append((method, path, bearer.count('.') if bearer else None))
        if path.endswith('/installation'):
            if isinstance(self.installation, Exception):
                raise self.installation
            return ApiResponse(200, self.installation or {'id': 77}, {})
        self.minted += 1
        return ApiResponse(201, {'token': 'ghs_token_%d' % self.minted, 'expires_at': '2027-01-15T08:00:00Z',
                                 'permissions': self.permissions}, {})


def tokens(pem, client, installation_id=None, clock=lambda: NOW):
    app = app_auth.GitHubApp('1', pem, installation_id)
    return app_auth.InstallationTokens(client, app, 'acme', ['organization_secrets'], clock=clock)


def test_one_token_per_run_found_through_the_org(pem):
    client = FakeClient()
    provider = tokens(pem, client)
    assert provider.current() == provider.current() == 'ghs_token_1'
    assert client.calls == [('GET', '/orgs/acme/installation', 2), ('POST', '/app/installations/77/access_tokens', 2)]


def test_a_given_installation_is_not_looked_up(pem):
    client = FakeClient()
    tokens(pem, client, installation_id='88').current()
    assert client.calls == [('POST', '/app/installations/88/access_tokens', 2)]


def test_threads_share_one_token(pem):
    client = FakeClient()
    provider = tokens(pem, client, installation_id=1)
    seen = []
    threads = [threading.Thread(target=lambda: seen.append(provider.current())) for _index in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert set(seen) == {'ghs_token_1'} and client.minted == 1


def test_a_rejected_token_is_replaced_once_and_an_expiring_one_in_time(pem):
    now = [NOW]
    client = FakeClient()
    provider = tokens(pem, client, installation_id=1, clock=lambda: now[0])
    first = provider.current()
    assert provider.refresh(first) == 'ghs_token_2'
    assert provider.refresh(first) == 'ghs_token_2'  # another thread already replaced it
    now[0] = app_auth._timestamp('2027-01-15T08:00:00Z', 0) - 30  # within a minute of expiry
    assert provider.current() == 'ghs_token_3'


def test_an_installation_without_the_store_permission_fails_naming_it(pem):
    client = FakeClient(permissions={'organization_codespaces_secrets': 'write'})
    with pytest.raises(GitHubPermissionError) as caught:
        tokens(pem, client, installation_id=1).current()
    assert 'organization_secrets' in str(caught.value) and 'acme' in str(caught.value)
    assert 'ghs_token' not in str(caught.value)


def test_a_failed_mint_is_not_repeated_by_the_threads_waiting_for_it(pem):
    client = FakeClient(permissions={'organization_codespaces_secrets': 'write'})
    provider = tokens(pem, client, installation_id=1)
    errors = []

    def use():
        try:
            provider.current()
        except GitHubPermissionError as error:
            errors.append(error)
    threads = [threading.Thread(target=use) for _index in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(errors) == 8 and client.minted == 1
    with pytest.raises(GitHubPermissionError):
        provider.refresh('ghs_token_1')
    assert client.minted == 1


def test_an_installation_found_without_the_store_permission_mints_no_token(pem):
    client = FakeClient(installation={'id': 77, 'permissions': {'organization_codespaces_secrets': 'write'}})
    with pytest.raises(GitHubPermissionError) as caught:
        tokens(pem, client).current()
    assert 'no organization_secrets permission' in str(caught.value)
    assert client.calls == [('GET', '/orgs/acme/installation', 2)] and client.minted == 0


def test_an_app_not_installed_on_the_org(pem):
    client = FakeClient(installation=GitHubNotFoundError('GET /orgs/acme/installation failed: HTTP 404', status=404))
    with pytest.raises(GitHubNotFoundError) as caught:
        tokens(pem, client).current()
    assert 'is not installed on the organization acme' in str(caught.value)


@pytest.mark.parametrize('message, skew, text', [
    ('Integration not found', None, 'Check app_id'),
    ("'Expiration time' claim ('exp') is too far in the future", None, 'Synchronise the clock'),
    ('A JSON web token could not be decoded', 300.0, "clock is 300 seconds behind GitHub's"),
])
def test_a_refused_jwt_says_what_to_check(pem, message, skew, text):
    refused = GitHubAuthenticationError('GET /orgs/acme/installation failed: HTTP 401', status=401,
                                        github_message=message)
    client = FakeClient(installation=refused, skew=skew)
    with pytest.raises(GitHubAuthenticationError) as caught:
        tokens(pem, client).current()
    assert text in str(caught.value)
    assert 'eyJ' not in str(caught.value)  # no JWT in the message


# -- end to end against the simulator: the client as the modules build it ------------------------

@pytest.fixture(name='sim_app')
def sim_app_fixture(sim, pem):
    """An App with the test key, installed on acme with the Actions and Codespaces permissions."""
    app = sim.state.apps.add_app({'private_key_pem': pem})
    installation = sim.state.install_app(app, {'org': 'acme', 'permissions': {
        'organization_secrets': 'write', 'organization_codespaces_secrets': 'write'}})
    return app, installation


def app_api(make_client, pem, sim_app, store='actions', installation=False, **kwargs):
    app, installed = sim_app
    github_app = app_auth.GitHubApp(app.id, pem, installed.id if installation else None)
    permission = {'actions': 'organization_secrets', 'codespaces': 'organization_codespaces_secrets',
                  'dependabot': 'organization_dependabot_secrets'}[store]
    client = make_client(token=None, app=github_app, org='acme', app_permissions=[permission], **kwargs)
    return OrgSecretsAPI(client, 'acme', store)


def auth_kinds(sim):
    return [(e['method'], e['path'], e['auth_kind']) for e in sim.state.log_entries()]


@pytest.mark.parametrize('store', ['actions', 'codespaces'])
def test_a_client_authenticated_as_an_app_manages_secrets(sim, make_client, pem, sim_app, store):
    api = app_api(make_client, pem, sim_app, store)
    api.put_secret_value('FROM_APP', 'app-written-value', 'all')
    assert api.get_secret('FROM_APP')['name'] == 'FROM_APP'
    assert sim.state.snapshot()['orgs']['acme']['stores'][store]['secrets']['FROM_APP']['value'] == 'app-written-value'
    base = '/orgs/acme/%s/secrets' % store
    assert auth_kinds(sim) == [
        ('GET', '/orgs/acme/installation', 'jwt'),
        ('POST', '/app/installations/%d/access_tokens' % sim_app[1].id, 'jwt'),
        ('GET', base + '/public-key', 'installation'),
        ('PUT', base + '/FROM_APP', 'installation'),
        ('GET', base + '/FROM_APP', 'installation'),
    ]


def test_a_token_about_to_expire_is_replaced_before_it_is_used(sim, make_client, pem, sim_app):
    sim.state.update_config({'installation_token_ttl': 1})
    api = app_api(make_client, pem, sim_app, installation=True)
    assert api.list_secrets() == []
    time.sleep(1.5)
    assert api.list_secrets() == []
    assert [path for _method, path, kind in auth_kinds(sim) if kind == 'jwt'] == [
        '/app/installations/%d/access_tokens' % sim_app[1].id] * 2
    assert [e['status'] for e in sim.state.log_entries() if e['path'] == '/orgs/acme/actions/secrets'] == [200, 200]


def test_a_token_refused_mid_run_is_minted_again_once(sim, make_client, pem, sim_app):
    # GitHub answers 401 for a token that expired earlier than the client expected.
    api = app_api(make_client, pem, sim_app, installation=True)
    assert api.list_secrets() == []
    sim.faults.add_rule({'action': 'status', 'status': 401, 'method': 'GET', 'path': 'actions/secrets$',
                         'body': {'message': 'Bad credentials'}})
    assert api.list_secrets() == []
    assert [path for _method, path, kind in auth_kinds(sim) if kind == 'jwt'] == [
        '/app/installations/%d/access_tokens' % sim_app[1].id] * 2
    assert [e['status'] for e in sim.state.log_entries() if e['path'] == '/orgs/acme/actions/secrets'] == [200, 401, 200]


def test_a_token_refused_again_after_minting_is_not_retried_forever(sim, make_client, pem, sim_app):
    sim.faults.add_rule({'action': 'status', 'status': 401, 'method': 'GET', 'path': 'actions/secrets$', 'times': None,
                         'body': {'message': 'Bad credentials'}})
    api = app_api(make_client, pem, sim_app, installation=True)
    with pytest.raises(GitHubAuthenticationError):
        api.list_secrets()
    statuses = [e['status'] for e in sim.state.log_entries() if e['path'] == '/orgs/acme/actions/secrets']
    assert statuses == [401, 401]


def test_an_installation_without_the_store_permission_fails_before_any_secret_request(sim, make_client, pem, sim_app):
    with pytest.raises(GitHubPermissionError) as caught:
        app_api(make_client, pem, sim_app, 'dependabot').list_secrets()
    assert 'organization_dependabot_secrets' in str(caught.value)
    assert not any('/dependabot/' in path for _method, path, _kind in auth_kinds(sim))


def test_a_wrong_app_id_and_an_app_not_installed(sim, make_client, pem, sim_app):
    other = sim.state.apps.add_app({'private_key_pem': pem})  # same key, not installed on acme
    client = make_client(token=None, app=app_auth.GitHubApp(other.id, pem), org='acme')
    with pytest.raises(GitHubNotFoundError) as caught:
        OrgSecretsAPI(client, 'acme', 'actions').list_secrets()
    assert 'is not installed on the organization acme' in str(caught.value)
    client = make_client(token=None, app=app_auth.GitHubApp('999999', pem), org='acme')
    with pytest.raises(GitHubAuthenticationError) as caught:
        OrgSecretsAPI(client, 'acme', 'actions').list_secrets()
    assert 'Check app_id' in str(caught.value) and 'Integration not found' in str(caught.value)


def test_the_app_works_under_a_ghes_root(sim, make_client, pem, sim_app):
    api = app_api(make_client, pem, sim_app, api_url=sim.url + '/api/v3')
    assert api.list_secrets() == []
    assert all(e['api_prefix'] and e['api_version'] == '2022-11-28' for e in sim.state.log_entries())


def test_missing_cryptography_is_reported_when_the_app_is_set_up(monkeypatch, pem):
    monkeypatch.setitem(sys.modules, 'cryptography.hazmat.primitives', None)
    with pytest.raises(GitHubDependencyError) as caught:
        app_auth.GitHubApp('1', pem)
    assert caught.value.library == 'cryptography'


def test_modules_that_write_no_value_import_neither_pynacl_nor_cryptography():
    # A rerun task pays only for what it uses: both are imported on demand.
    code = ('import sys; from ansible_collections.secretops.github.plugins.modules import org_secret; '
            'print(sorted(m for m in sys.modules if m.split(".")[0] in ("nacl", "cryptography")))')
    out = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True, check=True,
                         env=dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))).stdout
    assert out.strip() == '[]'
