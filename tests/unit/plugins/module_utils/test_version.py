"""The version in the User-Agent is the collection's version."""

import os

import yaml

from ansible_collections.secretops.github.plugins.module_utils import _version as version

ROOT = os.path.join(os.path.dirname(__file__), '..', '..', '..', '..')


def test_version_matches_galaxy_yml():
    with open(os.path.join(ROOT, 'galaxy.yml')) as handle:
        galaxy = yaml.safe_load(handle)
    assert version.COLLECTION_VERSION == galaxy['version']
    assert version.COLLECTION_NAME == '%s.%s' % (galaxy['namespace'], galaxy['name'])
