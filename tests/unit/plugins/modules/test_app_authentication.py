"""Every module and the lookup authenticated as a GitHub App, in-process against the simulator: options
and environment variables, what wins, and that no key, JWT or installation token reaches the output."""

import pytest

from ansible_collections.secretops.github.plugins.modules import org_secret, org_secret_info, org_secret_repos, org_secrets
from ansible_collections.secretops.github.tests.unit.plugins.helpers import ADMIN_TOKEN, stored_secret
from ansible_collections.secretops.github.tests.unit.plugins.modules.module_runner import run_module

VALUE = 'app-authenticated-plaintext'
JWT_HEADER = 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9'
PERMISSIONS = {'organization_secrets': 'write', 'organization_codespaces_secrets': 'write'}


@pytest.fixture(name='app', scope='module')
def app_fixture():
    """One App key for the module (RSA generation is slow); each test installs it anew."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                             serialization.NoEncryption()).decode()


@pytest.fixture(name='installed')
def installed_fixture(sim, app, clean_env):
    registered = sim.state.apps.add_app({'private_key_pem': app})
    sim.state.install_app(registered, {'org': 'acme', 'permissions': PERMISSIONS})
    return str(registered.id), app


def run(main, sim, capsys, pem, **args):
    full = dict(org='acme', api_url=sim.url)
    full.update(args)
    result, out = run_module(main, capsys, full)
    secret_lines = [line for line in pem.splitlines() if line and not line.startswith('-----')]
    assert not [text for text in [VALUE, 'ghs_', JWT_HEADER] + secret_lines if text in out]
    return result


def auth_kinds(sim):
    return set(entry['auth_kind'] for entry in sim.state.log_entries())


@pytest.mark.parametrize('store', ['actions', 'codespaces'])
def test_every_module_as_an_app(sim, capsys, installed, store):
    app_id, pem = installed
    app = dict(app_id=app_id, app_private_key=pem, store=store)
    created = run(org_secret.main, sim, capsys, pem, name='from_app', value=VALUE, visibility='selected',
                  repositories=['api'], **app)
    assert created['changed'] is True and stored_secret(sim, store, 'FROM_APP')['value'] == VALUE
    added = run(org_secret_repos.main, sim, capsys, pem, name='from_app', repositories=['web'], **app)
    assert [r['name'] for r in added['added']] == ['web']
    listed = run(org_secret_info.main, sim, capsys, pem, include_repositories=True, **app)
    assert [s['name'] for s in listed['secrets']] == ['FROM_APP']
    bulk = run(org_secrets.main, sim, capsys, pem, secrets=[{'name': 'bulk', 'value': VALUE, 'visibility': 'all'}], **app)
    assert bulk['created'] == ['BULK']
    assert auth_kinds(sim) == {'jwt', 'installation'}


def test_the_app_from_the_environment_as_an_awx_credential_injects_it(sim, capsys, installed, monkeypatch):
    app_id, pem = installed
    monkeypatch.setenv('GITHUB_APP_ID', app_id)
    monkeypatch.setenv('GITHUB_APP_PEM_FILE', pem.replace('\n', '\\n'))  # one line, as some injectors write it
    monkeypatch.setenv('GITHUB_TOKEN', 'a-token-that-loses-to-complete-app-credentials')
    result = run(org_secret.main, sim, capsys, pem, store='actions', name='env_app', value=VALUE, visibility='all')
    assert result['changed'] is True and stored_secret(sim, 'actions', 'ENV_APP')['value'] == VALUE
    assert auth_kinds(sim) == {'jwt', 'installation'}


def test_an_explicit_token_beats_app_variables_in_the_environment(sim, capsys, installed, monkeypatch):
    app_id, pem = installed
    monkeypatch.setenv('GITHUB_APP_ID', app_id)
    monkeypatch.setenv('GITHUB_APP_PEM_FILE', pem)
    result = run(org_secret_info.main, sim, capsys, pem, token=ADMIN_TOKEN)
    assert result['secrets'] == [] and auth_kinds(sim) == {'token'}


@pytest.mark.parametrize('args, option, text', [
    ({'token': ADMIN_TOKEN}, 'token', 'token and app_id are mutually exclusive'),
    ({'app_private_key': 'not a key'}, 'app_private_key', 'is not a PEM private key'),
    ({'app_id': 'my-app'}, 'app_id', 'is not a GitHub App ID'),
    ({'store': 'dependabot'}, None, 'no organization_dependabot_secrets permission'),
])
def test_app_errors_are_clean_and_write_nothing(sim, capsys, installed, args, option, text):
    app_id, pem = installed
    full = dict(app_id=app_id, app_private_key=pem, store='actions', name='x', value=VALUE, visibility='all')
    full.update(args)
    result = run(org_secret.main, sim, capsys, pem, **full)
    assert result['failed'] is True and text in result['msg']
    assert 'Traceback' not in result['msg']
    assert not [e for e in sim.state.log_entries() if e['method'] in ('PUT', 'DELETE')]
    if option is not None:
        assert not sim.state.log_entries()
