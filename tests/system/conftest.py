"""Fixtures for the system tests: the installed collection, the simulator, ansible-runner jobs.

Run them with `make test` (or scripts/test.sh system), which installs the collection first and
sets ANSIBLE_COLLECTIONS_PATH.
"""

import json
import os
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, 'tests', 'simulator'))
# ansible-runner looks up ansible-playbook on PATH: this Python's own tools come first.
os.environ['PATH'] = os.pathsep.join([os.path.dirname(sys.executable), os.environ.get('PATH', '')])
from github_simulator import start  # noqa: E402  pylint: disable=wrong-import-position


@pytest.fixture(name='collections_path', scope='session')
def collections_path_fixture():
    path = os.environ.get('ANSIBLE_COLLECTIONS_PATH')
    if not path or not os.path.isdir(os.path.join(path, 'ansible_collections', 'secretops', 'github')):
        pytest.fail('the collection is not installed: run these tests with `make test` or scripts/test.sh system')
    return path


@pytest.fixture(name='sim')
def sim_fixture():
    with start() as handle:
        yield handle


def ansible_env(collections_path, **extra):
    """The environment of an ansible command: this venv's Python, the installed collection, nothing inherited
    that could change the result (a user's GITHUB_TOKEN or ANSIBLE_* settings)."""
    env = dict((k, v) for k, v in os.environ.items()
               if not k.startswith(('ANSIBLE_', 'GITHUB_', 'GH_')))
    env.update(ANSIBLE_COLLECTIONS_PATH=collections_path, ANSIBLE_PYTHON_INTERPRETER=sys.executable,
               ANSIBLE_LOCALHOST_WARNING='false', ANSIBLE_INVENTORY_UNPARSED_WARNING='false',
               ANSIBLE_NOCOLOR='1')
    env.update(extra)
    return env


def event_texts(artifacts_dir):
    """Every job event ansible-runner wrote, each as JSON text."""
    events_dir = os.path.join(artifacts_dir, 'job_events')
    texts = []
    for name in sorted(os.listdir(events_dir)):
        with open(os.path.join(events_dir, name)) as handle:
            texts.append(json.dumps(json.load(handle)))
    return texts
