"""scripts/test-matrix.sh on a machine without the legs' Pythons: skipped with a note locally, a failure under CI."""

import os
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT

# make test runs every gate on 2.19.14, the matrix the other versions.
LEGS = [('2.17.14', '3.11'), ('2.18.19', '3.11'), ('2.20.10', '3.12'), ('2.21.5', '3.13')]


@pytest.fixture(name='no_pythons')
def no_pythons_fixture(tmp_path):
    """A repository holding only this tree's scripts, and an environment where no leg's Python exists:
    an empty HOME and PYENV_ROOT, and no pyenv on PATH (only this venv's bin and the system's)."""
    repo = tmp_path / 'repo'
    shutil.copytree(os.path.join(ROOT, 'scripts'), str(repo / 'scripts'))
    shutil.copy(os.path.join(ROOT, 'requirements-dev.txt'), str(repo))  # make test's core: not a matrix leg
    subprocess.run(['git', 'init', '-q', str(repo)], check=True)
    for name in ('home', 'pyenv'):
        (tmp_path / name).mkdir()
    env = dict(HOME=str(tmp_path / 'home'), PYENV_ROOT=str(tmp_path / 'pyenv'),
               PATH=os.pathsep.join([os.path.dirname(sys.executable), '/usr/bin', '/bin']), LANG='C.UTF-8')
    return repo, env


def run_matrix(repo, env):
    proc = subprocess.run(['bash', str(repo / 'scripts' / 'test-matrix.sh')], cwd=str(repo), env=env,
                          capture_output=True, text=True, timeout=60, check=False)
    # With every Python missing nothing is installed or run: no leg's venv exists afterwards.
    assert not list((repo / '.build' / 'matrix').glob('ansible-core-*')), proc.stdout
    return proc


def test_a_missing_python_fails_under_ci(no_pythons):
    repo, env = no_pythons
    proc = run_matrix(repo, dict(env, CI='true'))
    assert proc.returncode != 0, proc.stdout + proc.stderr
    for core, python in LEGS:
        assert 'FAIL  ansible-core %s: Python %s is not installed' % (core, python) in proc.stdout
    assert proc.stdout.rstrip().endswith('0 passed, 4 failed')


@pytest.mark.parametrize('ci', [None, '', 'false'])
def test_a_missing_python_is_skipped_with_a_note_outside_ci(no_pythons, ci):
    repo, env = no_pythons
    if ci is not None:
        env['CI'] = ci
    proc = run_matrix(repo, env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for core, python in LEGS:
        assert 'SKIP  ansible-core %s: Python %s is not installed here' % (core, python) in proc.stdout
    assert 'FAIL' not in proc.stdout
    assert proc.stdout.rstrip().endswith('0 passed, 0 failed')
