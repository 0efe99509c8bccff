"""Where the lookup takes its options from, in real ansible processes: ansible.cfg, the environment,
variables, and keywords over all of them."""

import os
import subprocess
import sys

import pytest

from conftest import ansible_env

TOKEN = 'lookup-sources-token-Vb73'


def debug_lookup(collections_path, expression, tmp_path, cfg=None, extra_vars=None, **env):
    environment = ansible_env(collections_path, **env)
    if cfg is not None:
        path = tmp_path / 'ansible.cfg'
        path.write_text(cfg)
        environment['ANSIBLE_CONFIG'] = str(path)
    command = [os.path.join(os.path.dirname(sys.executable), 'ansible'), 'localhost', '-m', 'ansible.builtin.debug',
               '-a', 'msg={{ %s }}' % expression]
    for item in extra_vars or ():
        command += ['-e', item]
    proc = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    assert TOKEN not in proc.stdout + proc.stderr
    return proc


def seeded(sim):
    sim.state.add_token(TOKEN, ['admin:org', 'repo'])
    sim.state.seed_secrets(sim.state.get_org('acme'), [{'name': 'FROM_ANYWHERE', 'value': 'v', 'visibility': 'all'}])


def test_options_from_ansible_cfg(sim, collections_path, tmp_path):
    seeded(sim)
    cfg = '[secretops_github]\norg = acme\ntoken = %s\napi_url = %s\n' % (TOKEN, sim.url)
    proc = debug_lookup(collections_path, "query('secretops.github.codespaces_org_secret_info') | map(attribute='name')",
                        tmp_path, cfg=cfg)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert 'FROM_ANYWHERE' in proc.stdout


@pytest.mark.parametrize('token_env', [
    {'GH_TOKEN': TOKEN},
    {'GITHUB_TOKEN': TOKEN, 'GH_TOKEN': 'not-a-valid-token'},   # GITHUB_TOKEN wins, as for the modules
    {'GITHUB_TOKEN': '', 'GH_TOKEN': TOKEN},                     # an empty variable counts as unset
])
def test_options_from_the_environment_and_variables(sim, collections_path, tmp_path, token_env):
    seeded(sim)
    proc = debug_lookup(collections_path, "query('secretops.github.codespaces_org_secret_info') | map(attribute='name')",
                        tmp_path, extra_vars=['secretops_github_org=acme'], GITHUB_API_URL=sim.url, **token_env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert 'FROM_ANYWHERE' in proc.stdout


def test_keywords_win_over_ansible_cfg(sim, collections_path, tmp_path):
    seeded(sim)
    cfg = '[secretops_github]\norg = no-such-org\ntoken = %s\napi_url = %s\n' % (TOKEN, sim.url)
    proc = debug_lookup(collections_path, "query('secretops.github.codespaces_org_secret_info', org='acme') | map(attribute='name')",
                        tmp_path, cfg=cfg)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert 'FROM_ANYWHERE' in proc.stdout
