"""A job the way AWX / Automation Platform runs it: ansible-runner, the token injected as an
environment variable by a credential, the playbook never naming it."""

import json
import sys

import ansible_runner
import yaml

from conftest import ansible_env, event_texts

TOKEN = 'awx-injected-token-Qx81Lm'
VALUE = 'awx-survey-value-Tz40Pk'

PLAYBOOK = [{
    'name': 'Organization secrets from an AWX job template, in two stores',
    'hosts': 'localhost',
    'gather_facts': False,
    'roles': [{
        'role': 'secretops.github.org_secrets',
        'vars': {
            'org_secrets_org': 'acme',
            'org_secrets_store': 'actions',
            'org_secrets_list': [
                {'name': 'AWX_SECRET', 'value': '{{ awx_secret_value }}', 'visibility': 'selected', 'repositories': ['api']},
                {'name': 'AWX_SECRET', 'store': 'codespaces', 'value': '{{ awx_secret_value }}', 'visibility': 'all'},
            ],
        },
    }],
}]


def awx_job(tmp_path, sim, collections_path, verbosity=0, credential=None):
    """Lay out a private data dir like AWX does and run it; return the runner. ``credential`` is what
    the credential type injects (default: the token credential)."""
    sim.state.add_token(TOKEN, ['admin:org', 'repo'])
    data = tmp_path / 'job'
    for sub in ('project', 'env', 'inventory'):
        (data / sub).mkdir(parents=True)
    (data / 'project' / 'site.yml').write_text(yaml.safe_dump(PLAYBOOK))
    (data / 'inventory' / 'hosts').write_text('localhost ansible_connection=local ansible_python_interpreter=%s\n' % sys.executable)
    # What the GitHub credential type's injector sets (docs/docsite/rst/guide_awx.rst).
    env = ansible_env(collections_path)
    env.update(credential or {'GITHUB_TOKEN': TOKEN, 'GITHUB_API_URL': sim.url})
    (data / 'env' / 'envvars').write_text(yaml.safe_dump(env))
    (data / 'env' / 'extravars').write_text(yaml.safe_dump({'awx_secret_value': VALUE}))
    return ansible_runner.run(private_data_dir=str(data), playbook='site.yml', verbosity=verbosity, quiet=True)


def test_awx_style_job_sets_the_secret_and_no_event_holds_the_token(tmp_path, sim, collections_path):
    runner = awx_job(tmp_path, sim, collections_path)
    assert runner.status == 'successful', runner.stdout.read()

    stores = sim.state.snapshot()['orgs']['acme']['stores']
    stored = stores['actions']['secrets']['AWX_SECRET']
    assert stored['value'] == VALUE
    assert stored['selected_repository_ids'] == [1001]
    assert stores['codespaces']['secrets']['AWX_SECRET']['value'] == VALUE
    assert {entry['authorization_scheme'] for entry in sim.state.log_entries()} == {'Bearer'}

    events = event_texts(runner.config.artifact_dir)
    assert any('"task_action": "secretops.github.org_secrets"' in text for text in events)
    for text in events + [runner.stdout.read()]:
        assert TOKEN not in text
        assert VALUE not in text


def test_rerun_of_the_job_changes_nothing(tmp_path, sim, collections_path):
    assert awx_job(tmp_path / 'first', sim, collections_path).status == 'successful'
    sim.state.clear_log()
    runner = awx_job(tmp_path / 'second', sim, collections_path)
    assert runner.status == 'successful'
    stats = [json.loads(text)['event_data'] for text in event_texts(runner.config.artifact_dir)
             if '"event": "playbook_on_stats"' in text][0]
    # the secrets are written with update_value=always by default: one task, one change, and nothing else
    assert stats['changed'] == {'localhost': 1}


def test_awx_job_authenticated_as_a_github_app(tmp_path, sim, collections_path):
    """The App credential type of the AWX guide: App ID and private key injected as environment
    variables; the secret is set and no job event holds the key, a JWT or the installation token."""
    app = sim.state.apps.add_app({})
    installation = sim.state.install_app(app, {'org': 'acme', 'permissions': {
        'organization_secrets': 'write', 'organization_codespaces_secrets': 'write'}})
    pem = app.private_key_pem
    runner = awx_job(tmp_path, sim, collections_path, verbosity=4, credential={
        'GITHUB_APP_ID': str(app.id), 'GITHUB_APP_INSTALLATION_ID': str(installation.id),
        'GITHUB_APP_PEM_FILE': pem, 'GITHUB_API_URL': sim.url})
    assert runner.status == 'successful', runner.stdout.read()[-4000:]

    stores = sim.state.snapshot()['orgs']['acme']['stores']
    assert stores['actions']['secrets']['AWX_SECRET']['value'] == VALUE
    assert stores['codespaces']['secrets']['AWX_SECRET']['value'] == VALUE
    kinds = [(entry['path'], entry['auth_kind']) for entry in sim.state.log_entries()]
    assert kinds[0] == ('/app/installations/%d/access_tokens' % installation.id, 'jwt')
    assert {kind for _path, kind in kinds[1:]} == {'installation'}

    pem_lines = [line for line in pem.splitlines() if line and not line.startswith('-----')]
    for text in event_texts(runner.config.artifact_dir) + [runner.stdout.read()]:
        assert VALUE not in text and 'ghs_' not in text
        assert 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9' not in text  # a JWT's header
        assert not any(line in text for line in pem_lines)
