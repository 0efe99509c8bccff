#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, secretops.github contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r'''
module: org_secret_info
short_description: List GitHub organization secrets (Codespaces, Actions or Dependabot) and who can use them
version_added: 1.1.0
description:
  - Returns the secrets of one of an organization's secret stores (O(store)), or one of them, without their values
    (GitHub never returns a value).
  - Until version 1.1.0 this module was called C(secretops.github.codespaces_org_secret_info); that name still works
    and behaves as before (O(store) defaults to V(codespaces)).
  - An organization that does not exist, or whose plan lacks the store, fails the task; it is never reported as
    having no secrets.
  - Can add each selected secret's repositories, and the organization's public key for encrypting values elsewhere.
  - Follows pagination to the end, 100 items per request.
author:
  - secretops.github contributors (@secretops)
requirements:
  - requests
options:
  name:
    description:
      - Return only this secret (not case-sensitive).
      - If it does not exist, RV(secrets) is an empty list; the task does not fail.
      - If not set, all secrets of the organization are returned.
    type: str
    aliases: [secret_name]
  include_repositories:
    description:
      - Add RV(secrets[].selected_repositories) to every secret whose visibility is C(selected).
      - This costs one request per 100 repositories of each selected secret.
    type: bool
    default: false
  include_public_key:
    description:
      - Add RV(public_key), the store's public key that encrypts secret values, and its ID. Each store has its own.
    type: bool
    default: false
extends_documentation_fragment:
  - secretops.github.connection
  - secretops.github.store
  - secretops.github.attributes.info_module
seealso:
  - plugin: secretops.github.org_secret_info
    plugin_type: lookup
    description: The same information in a template or a C(loop), on the controller.
  - module: secretops.github.org_secret
  - module: secretops.github.org_secret_repos
'''

EXAMPLES = r'''
- name: List every Codespaces secret of the organization
  secretops.github.org_secret_info:
    org: acme
  register: org_secrets

- name: List the Actions secrets
  secretops.github.org_secret_info:
    org: acme
    store: actions
  register: actions_secrets

- name: The Dependabot public key, to encrypt a value elsewhere
  secretops.github.org_secret_info:
    org: acme
    store: dependabot
    include_public_key: true
  register: dependabot_store

- name: Audit which repositories can read each secret
  secretops.github.org_secret_info:
    org: acme
    include_repositories: true
  register: audit

- name: Show the repositories per secret
  ansible.builtin.debug:
    msg: >-
      {{ item.name }}: {{ 'every repository' if item.visibility == 'all' else
                          'private and internal repositories' if item.visibility == 'private' else
                          item.selected_repositories | map(attribute='full_name') | join(', ') or 'no repository' }}
  loop: "{{ audit.secrets }}"
  loop_control:
    label: "{{ item.name }}"

- name: Fail the play when a required secret is missing
  secretops.github.org_secret_info:
    org: acme
    name: NPM_TOKEN
  register: npm_token
  failed_when: npm_token.secrets | length == 0

- name: Secrets not updated for 90 days
  ansible.builtin.debug:
    msg: "{{ org_secrets.secrets | selectattr('updated_at', 'lt', cutoff) | map(attribute='name') | list }}"
  vars:
    cutoff: "{{ '%Y-%m-%dT%H:%M:%SZ' | strftime(now(utc=true).timestamp() - 90 * 86400) }}"

- name: Get the public key to encrypt a value elsewhere
  secretops.github.org_secret_info:
    org: acme
    name: NONE_NEEDED
    include_public_key: true
  register: org_key
'''

RETURN = r'''
secrets:
  description:
    - The secrets, sorted by name; with O(name), that one secret or an empty list.
    - Never contains values.
  returned: success
  type: list
  elements: dict
  sample:
    - name: DEPLOY_KEY
      created_at: '2026-11-21T10:15:03Z'
      updated_at: '2026-11-21T10:15:03Z'
      visibility: selected
      selected_repositories_url: https://api.github.com/orgs/acme/codespaces/secrets/DEPLOY_KEY/repositories
      selected_repositories:
        - id: 1001
          name: api
          full_name: acme/api
  contains:
    name:
      description: The secret's name, upper-case.
      type: str
      sample: DEPLOY_KEY
    created_at:
      description: When the secret was created (ISO 8601).
      type: str
      sample: '2026-11-21T10:15:03Z'
    updated_at:
      description: When the secret was last written (ISO 8601).
      type: str
      sample: '2026-11-21T10:15:03Z'
    visibility:
      description: Which repositories can use the secret, V(all), V(private) or V(selected).
      type: str
      sample: selected
    selected_repositories_url:
      description: The API URL of the secret's selected repositories.
      type: str
      returned: when RV(secrets[].visibility=selected)
      sample: https://api.github.com/orgs/acme/codespaces/secrets/DEPLOY_KEY/repositories
    selected_repositories:
      description: The repositories that can use the secret, sorted by full name.
      type: list
      elements: dict
      returned: when O(include_repositories=true) and RV(secrets[].visibility=selected)
      contains:
        id:
          description: The repository ID.
          type: int
          sample: 1001
        name:
          description: The repository name.
          type: str
          sample: api
        full_name:
          description: The repository's owner/name.
          type: str
          sample: acme/api
public_key:
  description: The organization public key that encrypts secret values (a libsodium sealed box key).
  returned: when O(include_public_key=true)
  type: dict
  sample:
    key_id: '568250167242549743'
    key: '2Sg8iYjAxxmI2LvUXpJjkYrMxURPc8r+dB7TJyvv1234='
  contains:
    key_id:
      description: The key's ID, to pass as O(secretops.github.org_secret#module:key_id).
      type: str
      sample: '568250167242549743'
    key:
      description: The base64 public key.
      type: str
      sample: '2Sg8iYjAxxmI2LvUXpJjkYrMxURPc8r+dB7TJyvv1234='
'''

from ansible_collections.secretops.github.plugins.module_utils._module_adapter import (
    build_module,
    secrets_api,
    github_argument_spec,
    run_module,
)
from ansible_collections.secretops.github.plugins.module_utils._secrets_info import read_secrets


def read_info(module):
    params = module.params
    api = secrets_api(module)
    names = [params['name']] if params['name'] is not None else None
    secrets, _missing = read_secrets(api, names, params['include_repositories'])
    result = dict(changed=False, secrets=secrets)
    if params['include_public_key']:
        result['public_key'] = dict(api.public_key())
    return result


def main():
    module = build_module(
        github_argument_spec(
            name=dict(type='str', aliases=['secret_name']),
            include_repositories=dict(type='bool', default=False),
            include_public_key=dict(type='bool', default=False),
        ),
        supports_check_mode=True,
    )
    module.exit_json(**run_module(module, read_info))


if __name__ == '__main__':
    main()
