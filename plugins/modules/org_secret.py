#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, secretops.github contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r'''
module: org_secret
short_description: Create, update or delete a GitHub organization secret (Codespaces, Actions or Dependabot)
version_added: 1.1.0
description:
  - Creates, updates or deletes a secret of a GitHub organization in one of its secret stores (O(store)), and chooses
    which repositories can use it.
  - Until version 1.1.0 this module was called C(secretops.github.codespaces_org_secret) and managed Codespaces
    secrets only. That name still works and behaves as before, since O(store) defaults to V(codespaces).
  - The value is encrypted on the Ansible host with the organization's public key (a libsodium sealed box)
    before it is sent; GitHub never returns it.
  - Visibility and selected repositories are compared with GitHub and only changed when they differ.
    A value cannot be compared, see O(update_value).
  - In the V(actions) store GitHub requires the value on every write of the secret itself, so a change of
    visibility needs O(value) (or O(encrypted_value)) and re-sends it; a change of only the selected repositories
    goes through the repositories endpoints and needs no value.
author:
  - secretops.github contributors (@secretops)
requirements:
  - requests
  - PyNaCl
options:
  name:
    description:
      - The secret's name. Letters, digits and underscores, not starting with a digit or with V(GITHUB_).
      - Names are not case-sensitive; GitHub stores and this module reports them upper-case.
    type: str
    required: true
    aliases: [secret_name]
  state:
    description:
      - V(present) creates or updates the secret, V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
  value:
    description:
      - The secret's plaintext value, at most 48 KB (49152 bytes of UTF-8).
      - It is encrypted with the organization public key before it leaves the Ansible host.
      - Needed to create a secret unless O(encrypted_value) is given. Mutually exclusive with O(encrypted_value).
    type: str
  encrypted_value:
    description:
      - The value already encrypted with the organization public key (a base64 libsodium sealed box),
        for values that must not exist in plaintext on the Ansible host.
      - Requires O(key_id). Mutually exclusive with O(value).
    type: str
  key_id:
    description:
      - The ID of the organization public key that encrypted O(encrypted_value).
      - M(secretops.github.org_secret_info) with
        O(secretops.github.org_secret_info#module:include_public_key=true) returns the current key and its ID.
    type: str
  visibility:
    description:
      - Which repositories of the organization can use the secret. V(all) repositories, V(private)
        (private and internal) repositories, or only the V(selected) ones of O(repositories).
      - Required to create a secret. When updating, the current visibility is kept if not set.
      - Changing the visibility of an existing secret in the V(actions) store needs O(value) or O(encrypted_value),
        because GitHub takes the value with every such change.
    type: str
    choices: [all, private, selected]
  repositories:
    description:
      - With O(visibility=selected), exactly the repositories that can use the secret.
      - Each item is a repository ID (an integer), a repository name, or V(owner/name) where owner is O(org).
        A string of digits is an ID; write a repository whose name is all digits as V(owner/name).
      - Names are resolved to IDs; the task fails, naming them, if any does not exist.
      - If not set, the current selection is kept. V([]) selects no repository.
      - To add or remove single repositories without knowing the rest, use M(secretops.github.org_secret_repos).
    type: list
    elements: raw
  update_value:
    description:
      - GitHub never returns a secret's value, so it cannot be compared.
      - With V(always), a given O(value) or O(encrypted_value) is written on every run and the task reports
        C(changed). This makes sure a rotated value is applied.
      - With V(on_create), the value is only written when the secret is created; later runs only compare
        visibility and repositories and are idempotent.
    type: str
    choices: [always, on_create]
    default: always
extends_documentation_fragment:
  - secretops.github.connection
  - secretops.github.store
  - secretops.github.attributes
attributes:
  idempotent:
    support: partial
    details:
      - With O(update_value=always) and a value, every run writes the value and reports C(changed).
        Use O(update_value=on_create) for runs that report no change once the secret exists.
notes:
  - Updating a secret without O(visibility) or O(repositories) keeps its current visibility and selected repositories;
    the request always sends them, so a value update never widens or narrows access.
  - Changing only visibility or repositories does not touch the stored value.
seealso:
  - module: secretops.github.org_secret_repos
  - module: secretops.github.org_secret_info
  - plugin: secretops.github.org_secret_info
    plugin_type: lookup
  - name: Codespaces organization secrets REST API
    description: The GitHub endpoints this module uses with O(store=codespaces).
    link: https://docs.github.com/rest/codespaces/organization-secrets
  - name: Actions organization secrets REST API
    description: The GitHub endpoints this module uses with O(store=actions).
    link: https://docs.github.com/rest/actions/secrets
  - name: Dependabot organization secrets REST API
    description: The GitHub endpoints this module uses with O(store=dependabot).
    link: https://docs.github.com/rest/dependabot/secrets
'''

EXAMPLES = r'''
- name: Create or rotate a Codespaces secret that every repository can use
  secretops.github.org_secret:
    org: acme
    name: NPM_TOKEN
    value: "{{ vault_npm_token }}"
    visibility: all

- name: An Actions secret for the workflows of private and internal repositories
  secretops.github.org_secret:
    org: acme
    store: actions
    name: DEPLOY_TOKEN
    value: "{{ vault_deploy_token }}"
    visibility: private

- name: A Dependabot secret for a private registry, for two repositories
  secretops.github.org_secret:
    org: acme
    store: dependabot
    name: REGISTRY_PASSWORD
    value: "{{ vault_registry_password }}"
    visibility: selected
    repositories: [api, web]
    update_value: on_create

- name: Create a secret once, then leave its value alone (idempotent reruns)
  secretops.github.org_secret:
    org: acme
    name: DATABASE_URL
    value: "{{ vault_database_url }}"
    visibility: private
    update_value: on_create

- name: Only these repositories may use the secret (names, owner/name or IDs)
  secretops.github.org_secret:
    org: acme
    name: DEPLOY_KEY
    value: "{{ vault_deploy_key }}"
    visibility: selected
    repositories:
      - api
      - acme/web
      - 1296269

- name: Change who can use a secret without touching its value
  secretops.github.org_secret:
    org: acme
    name: DEPLOY_KEY
    visibility: selected
    repositories: [api]

- name: Set a value that was encrypted elsewhere with the organization public key
  secretops.github.org_secret:
    org: acme
    name: SIGNING_KEY
    encrypted_value: "{{ sealed_signing_key }}"
    key_id: "{{ org_public_key.key_id }}"
    visibility: private

- name: Delete a secret
  secretops.github.org_secret:
    org: acme
    name: OLD_TOKEN
    state: absent

- name: Set the connection once for every module of the collection (GitHub Enterprise Server, Actions)
  module_defaults:
    group/secretops.github.github:
      org: acme
      store: actions
      api_url: https://github.example.com/api/v3  # api_version 2022-11-28 is chosen for it
      ca_path: /etc/pki/tls/certs/example-ca.pem
  block:
    - name: Token from the GITHUB_TOKEN environment variable
      secretops.github.org_secret:
        name: ARTIFACTORY_PASSWORD
        value: "{{ vault_artifactory_password }}"
        visibility: all
'''

RETURN = r'''
secret:
  description:
    - The secret after the task; in check mode, what it would be.
    - An empty dictionary when O(state=absent).
    - Never contains the value or the ciphertext.
  returned: success
  type: dict
  sample:
    name: DEPLOY_KEY
    created_at: '2026-11-21T10:15:03Z'
    updated_at: '2026-11-21T10:15:03Z'
    visibility: selected
    selected_repositories_url: https://api.github.com/orgs/acme/actions/secrets/DEPLOY_KEY/repositories
    selected_repositories:
      - id: 1001
        name: api
        full_name: acme/api
  contains:
    name:
      description: The secret's name, upper-case.
      type: str
      returned: success and O(state=present)
      sample: DEPLOY_KEY
    created_at:
      description: When the secret was created (ISO 8601).
      type: str
      returned: success and O(state=present), when the secret existed before the task
      sample: '2026-11-21T10:15:03Z'
    updated_at:
      description:
        - When the secret was last written (ISO 8601).
        - Not returned when the task wrote the secret (or would, in check mode), because the module does not
          spend a request to read the secret again after writing it.
      type: str
      returned: success and O(state=present), when the task did not change the secret
      sample: '2026-11-21T10:15:03Z'
    visibility:
      description: Which repositories can use the secret.
      type: str
      returned: success and O(state=present)
      sample: selected
    selected_repositories_url:
      description: The API URL of the secret's selected repositories.
      type: str
      returned: when RV(secret.visibility=selected)
      sample: https://api.github.com/orgs/acme/actions/secrets/DEPLOY_KEY/repositories
    selected_repositories:
      description: The repositories that can use the secret, sorted by full name.
      type: list
      elements: dict
      returned: when RV(secret.visibility=selected)
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
'''

from ansible_collections.secretops.github.plugins.module_utils._module_adapter import (
    build_module,
    secrets_api,
    github_argument_spec,
    raw_arguments,
    require_strings,
    run_module,
)
from ansible_collections.secretops.github.plugins.module_utils._secret_input import DesiredSecret
from ansible_collections.secretops.github.plugins.module_utils._secret_plan import apply_plan, plan_secret


def manage_secret(module):
    require_strings(raw_arguments(), ('value', 'encrypted_value', 'key_id'), numbers_too=('key_id',))
    desired = DesiredSecret.from_params(module.params, module.params['org'])
    api = secrets_api(module)
    if desired.value is not None and desired.state == 'present':
        # A value may have to be encrypted: read the secret and the key in one round trip. A missing
        # secret (a first run) then costs two round trips, not three; an existing one left alone by
        # update_value=on_create costs one key read more, in the same round trip.
        current = api.get_secret_with_key(desired.name)
    else:
        current = api.get_secret(desired.name)
    plan = plan_secret(api, desired, current, diff=module._diff)
    for warning in plan.warnings:
        module.warn(warning)
    secret = plan.result() if module.check_mode else apply_plan(api, plan)
    result = dict(changed=plan.changed, secret=secret)
    if module._diff:
        result['diff'] = plan.diff()
    return result


def main():
    module = build_module(
        github_argument_spec(
            name=dict(type='str', required=True, aliases=['secret_name']),
            state=dict(type='str', default='present', choices=['present', 'absent']),
            value=dict(type='str', no_log=True),
            encrypted_value=dict(type='str', no_log=True),
            key_id=dict(type='str', no_log=False),
            visibility=dict(type='str', choices=['all', 'private', 'selected']),
            repositories=dict(type='list', elements='raw'),
            update_value=dict(type='str', default='always', choices=['always', 'on_create']),
        ),
        supports_check_mode=True,
    )
    module.exit_json(**run_module(module, manage_secret))


if __name__ == '__main__':
    main()
