"""Ad-hoc use, as documented: `ansible localhost -m secretops.github.codespaces_org_secret -a ...`,
with the token from the environment."""

import os
import subprocess
import sys

from conftest import ansible_env

TOKEN = 'adhoc-env-token-Wr55Jq'
VALUE = 'adhoc-value-Nb62Xs'


def ansible(collections_path, sim, module, args, token=TOKEN):
    env = ansible_env(collections_path, GITHUB_API_URL=sim.url)
    if token:
        env['GITHUB_TOKEN'] = token
    proc = subprocess.run([os.path.join(os.path.dirname(sys.executable), 'ansible'), 'localhost',
                           '-m', 'secretops.github.' + module, '-a', args],
                          env=env, capture_output=True, text=True, check=False)
    assert TOKEN not in proc.stdout + proc.stderr
    assert VALUE not in proc.stdout + proc.stderr
    return proc


def test_adhoc_create_rerun_list_delete(sim, collections_path):
    sim.state.add_token(TOKEN, ['admin:org', 'repo'])
    created = ansible(collections_path, sim, 'codespaces_org_secret', 'org=acme name=adhoc value=%s visibility=all' % VALUE)
    assert created.returncode == 0, created.stdout + created.stderr
    assert 'localhost | CHANGED' in created.stdout
    assert sim.state.snapshot()['orgs']['acme']['secrets']['ADHOC']['value'] == VALUE

    again = ansible(collections_path, sim, 'codespaces_org_secret',
                    'org=acme name=adhoc value=%s visibility=all update_value=on_create' % VALUE)
    assert again.returncode == 0 and 'localhost | SUCCESS' in again.stdout

    listed = ansible(collections_path, sim, 'codespaces_org_secret_info', 'org=acme')
    assert listed.returncode == 0 and '"name": "ADHOC"' in listed.stdout

    selected = ansible(collections_path, sim, 'codespaces_org_secret', 'org=acme name=adhoc visibility=selected repositories=api,web')
    assert selected.returncode == 0
    assert sim.state.snapshot()['orgs']['acme']['secrets']['ADHOC']['selected_repository_ids'] == [1001, 1002]

    deleted = ansible(collections_path, sim, 'codespaces_org_secret', 'org=acme name=adhoc state=absent')
    assert deleted.returncode == 0 and 'localhost | CHANGED' in deleted.stdout
    assert 'ADHOC' not in sim.state.snapshot()['orgs']['acme']['secrets']


def test_adhoc_without_a_token_says_how_to_give_one(sim, collections_path):
    proc = ansible(collections_path, sim, 'codespaces_org_secret', 'org=acme name=adhoc value=%s visibility=all' % VALUE, token=None)
    assert proc.returncode != 0
    assert 'No GitHub token: set the token option, or the GITHUB_TOKEN or GH_TOKEN environment variable' in proc.stdout
    assert 'Traceback' not in proc.stdout + proc.stderr
    assert sim.state.log_entries() == []
