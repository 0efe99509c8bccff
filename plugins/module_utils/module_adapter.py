# -*- coding: utf-8 -*-
# Copyright (c) 2026, secretops.github contributors
# BSD 2-Clause License (see LICENSES/BSD-2-Clause.txt or https://opensource.org/licenses/BSD-2-Clause)
# SPDX-License-Identifier: BSD-2-Clause

"""Module side of the client: shared options, client factory, errors -> fail_json.

This is the only place in module_utils that talks to AnsibleModule.
"""

from ansible.module_utils.basic import env_fallback, missing_required_lib

from ansible_collections.secretops.github.plugins.module_utils.codespaces_api import CodespacesOrgSecretsAPI
from ansible_collections.secretops.github.plugins.module_utils.errors import GitHubDependencyError, GitHubError
from ansible_collections.secretops.github.plugins.module_utils.github_client import (
    DEFAULT_API_URL,
    DEFAULT_API_VERSION,
    GitHubClient,
)

PIP_NAMES = {'requests': 'requests', 'PyNaCl': 'pynacl'}


def github_argument_spec(**module_options):
    """The connection options of every module (documented in doc fragment secretops.github.connection)."""
    spec = dict(
        org=dict(type='str', required=True, aliases=['organization']),
        token=dict(type='str', no_log=True, fallback=(env_fallback, ['GITHUB_TOKEN', 'GH_TOKEN'])),
        api_url=dict(type='str', default=DEFAULT_API_URL, fallback=(env_fallback, ['GITHUB_API_URL'])),
        api_version=dict(type='str', default=DEFAULT_API_VERSION),
        validate_certs=dict(type='bool', default=True),
        ca_path=dict(type='path'),
        timeout=dict(type='float', default=30),
        max_retries=dict(type='int', default=3),
        max_retry_wait=dict(type='float', default=60),
    )
    spec.update(module_options)
    return spec


def codespaces_api(module):
    """Client and API for the module's org; raises GitHubError for bad connection options."""
    params = module.params
    client = GitHubClient(
        api_url=params['api_url'], token=params['token'], api_version=params['api_version'],
        validate_certs=params['validate_certs'], ca_path=params['ca_path'], timeout=params['timeout'],
        max_retries=params['max_retries'], max_retry_wait=params['max_retry_wait'])
    return CodespacesOrgSecretsAPI(client, params['org'])


def fail_from_error(module, error, **result):
    if isinstance(error, GitHubDependencyError):
        module.fail_json(msg=missing_required_lib(PIP_NAMES.get(error.library, error.library)),
                         exception=error.import_error, **result)
    details = error.to_result()
    details.update(result)
    module.fail_json(msg=str(error), **details)


def run_module(module, work):
    """Return ``work(module)``'s result dict; any GitHubError becomes a clean failure."""
    try:
        return work(module)
    except GitHubError as error:
        fail_from_error(module, error)
