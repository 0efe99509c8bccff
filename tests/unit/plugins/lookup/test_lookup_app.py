"""The org_secret_info lookup authenticated as a GitHub App, from keywords and from the environment."""

import pytest
from ansible.plugins.loader import lookup_loader
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

VALUE = 'lookup-app-plaintext'


@pytest.fixture(name='installed')
def installed_fixture(sim, clean_env):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                            serialization.NoEncryption()).decode()
    registered = sim.state.apps.add_app({'private_key_pem': pem})
    sim.state.install_app(registered, {'org': 'acme', 'permissions': {'organization_secrets': 'read'}})
    return str(registered.id), pem


def auth_kinds(sim):
    return set(entry['auth_kind'] for entry in sim.state.log_entries())


def test_the_lookup_as_an_app_from_keywords_and_from_the_environment(sim, installed, monkeypatch):
    app_id, pem = installed
    org_secret_info_lookup = lookup_loader.get('secretops.github.org_secret_info')
    sim.state.seed_secrets(sim.state.get_org('acme'), [{'name': 'SEEN', 'value': VALUE, 'visibility': 'all',
                                                        'store': 'actions'}])
    found = org_secret_info_lookup.run([], variables={}, org='acme', store='actions', api_url=sim.url,
                                       app_id=app_id, app_private_key=pem)
    assert [s['name'] for s in found] == ['SEEN']
    monkeypatch.setenv('GITHUB_APP_ID', app_id)
    monkeypatch.setenv('GITHUB_APP_PEM_FILE', pem)
    found = org_secret_info_lookup.run(['seen'], variables={}, org='acme', store='actions', api_url=sim.url)
    assert [s['name'] for s in found] == ['SEEN']
    assert auth_kinds(sim) == {'jwt', 'installation'}
