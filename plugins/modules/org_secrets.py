#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, secretops.github contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r'''
module: org_secrets
short_description: Bring many GitHub organization secrets, in any of the stores, to their desired state in one task
version_added: 1.1.0
description:
  - Creates, updates and deletes many secrets of one organization in a single task, in one or several of its
    secret stores (Codespaces, Actions, Dependabot), and with O(purge=true) deletes the secrets of those stores
    that the list does not name.
  - Until version 1.1.0 this module was called C(secretops.github.codespaces_org_secrets); that name still works
    and behaves as before (O(store) defaults to V(codespaces)).
  - Each item of O(secrets) takes the options of M(secretops.github.org_secret) and behaves the same way.
    Values are encrypted on the Ansible host, visibility and repositories are compared and only changed when they
    differ, and O(secrets[].update_value) decides whether a value is written again.
  - Much faster than a loop of M(secretops.github.org_secret) tasks on large organizations. The
    secrets of each store are read once (one request per 100 secrets; the stores at the same time), a secret's
    repositories only when they are compared or must be re-sent, each store's public key once, and the writes go
    out O(max_concurrency) at a time. Nothing is read again after the writes.
  - The role C(secretops.github.org_secrets) wraps this module.
author:
  - secretops.github contributors (@secretops)
requirements:
  - requests
  - PyNaCl
options:
  secrets:
    description:
      - The desired secrets. Names must be unique (not case-sensitive) within a store.
      - Every item is checked before any request; a bad item fails the task, naming it (for example
        C(secrets[3].name)), and nothing is changed.
    type: list
    elements: dict
    required: true
    suboptions:
      name:
        description: The secret's name; see O(secretops.github.org_secret#module:name).
        type: str
        required: true
      store:
        description:
          - The store of this secret. If not set, O(store).
          - One list may mix stores; each store is read once.
          - V(codespaces), V(actions) or V(dependabot); anything else fails naming the item.
        type: str
        version_added: 1.1.0
      state:
        description: V(present) or V(absent).
        type: str
        choices: [present, absent]
        default: present
      value:
        description: The plaintext value, encrypted on the Ansible host; see O(secretops.github.org_secret#module:value).
        type: str
      encrypted_value:
        description: A value already encrypted with the public key of the item's store; requires O(secrets[].key_id).
        type: str
      key_id:
        description: The ID of the key that encrypted O(secrets[].encrypted_value).
        type: str
      visibility:
        description: V(all), V(private) or V(selected). Required to create a secret; kept when not set.
        type: str
        choices: [all, private, selected]
      repositories:
        description:
          - With O(secrets[].visibility=selected), exactly the repositories (IDs, names or V(owner/name)) that can use
            the secret. Kept when not set.
        type: list
        elements: raw
      update_value:
        description:
          - V(always) writes a given value on every run and reports a change; V(on_create) writes it only when the
            secret is created. See O(secretops.github.org_secret#module:update_value).
        type: str
        choices: [always, on_create]
        default: always
  purge:
    description:
      - Also delete the secrets that O(secrets) does not name, in the stores that the items name (O(store) for
        an empty list), or in exactly the stores of O(purge_stores). Other stores are never touched.
      - A purge that would keep no secret in a store (no V(present) item of that store) deletes all of that store's
        secrets, and fails unless O(confirm_purge_all=true), so that a list that is empty because a variable was
        missing or misspelled never deletes anything.
    type: bool
    default: false
  purge_stores:
    description:
      - With O(purge=true), the stores to purge, instead of the stores that the items name.
    type: list
    elements: str
    choices: [codespaces, actions, dependabot]
    version_added: 1.1.0
  confirm_purge_all:
    description:
      - Confirm that O(purge=true) may delete every secret of a store because O(secrets) names none to keep there.
    type: bool
    default: false
    version_added: 1.1.0
  max_concurrency:
    description:
      - How many writes are sent at the same time, 1 to 16.
      - GitHub may answer many concurrent writes with a secondary rate limit; the client then waits as
        O(max_retry_wait) allows.
    type: int
    default: 4
extends_documentation_fragment:
  - secretops.github.connection
  - secretops.github.store
  - secretops.github.attributes
attributes:
  idempotent:
    support: partial
    details:
      - Items with a value and O(secrets[].update_value=always) are written and reported as changed on every run.
notes:
  - If some writes fail, the task fails and says which changes were applied and which were not; running it again
    completes the rest.
  - GitHub limits how many secrets an organization may have in a store (100 Codespaces, 1,000 Actions). A plan
    that would go beyond it fails before any write. Deletions are sent before creations, so a purge makes room
    for new secrets in a full store.
seealso:
  - module: secretops.github.org_secret
    description: One secret per task.
  - module: secretops.github.org_secret_info
'''

EXAMPLES = r'''
- name: Actions and Dependabot secrets in one task (each store read once)
  secretops.github.org_secrets:
    org: acme
    store: actions          # the default store of the items
    secrets:
      - name: DEPLOY_TOKEN
        value: "{{ vault_deploy_token }}"
        visibility: private
        update_value: on_create
      - name: REGISTRY_PASSWORD
        store: dependabot
        value: "{{ vault_registry_password }}"
        visibility: all
        update_value: on_create

- name: Exactly these Codespaces secrets in the organization, nothing else
  secretops.github.org_secrets:
    org: acme
    purge: true
    secrets:
      - name: NPM_TOKEN
        value: "{{ vault_npm_token }}"
        visibility: all
        update_value: on_create
      - name: DEPLOY_KEY
        value: "{{ vault_deploy_key }}"
        visibility: selected
        repositories: [api, acme/web]
      - name: OLD_TOKEN
        state: absent

- name: Rotate a set of values (update_value defaults to always)
  secretops.github.org_secrets:
    org: acme
    secrets: "{{ rotated_secrets }}"
  register: rotation

- name: Show what changed
  ansible.builtin.debug:
    msg: "created {{ rotation.created }}, updated {{ rotation.updated }}, deleted {{ rotation.deleted }}"
'''

RETURN = r'''
created:
  description:
    - Names of the secrets created (or that would be, in check mode).
    - A secret of another store than O(store) is named C(STORE/NAME), for example C(dependabot/REGISTRY_PASSWORD);
      the same goes for RV(updated), RV(deleted) and RV(unchanged).
  returned: success
  type: list
  elements: str
  sample: [NPM_TOKEN]
updated:
  description: Names of the secrets whose value, visibility or repositories were written.
  returned: success
  type: list
  elements: str
  sample: [DEPLOY_KEY]
deleted:
  description: Names of the secrets deleted, including those O(purge) removed.
  returned: success
  type: list
  elements: str
  sample: [OLD_TOKEN]
unchanged:
  description: Names of the secrets that needed no change.
  returned: success
  type: list
  elements: str
  sample: []
secrets:
  description:
    - The secrets of O(secrets) with O(secrets[].state=present), after the task (predicted in check mode), in the
      order given.
    - Each has the shape of RV(secretops.github.org_secret#module:secret), plus C(store);
      C(selected_repositories) is there when the task read or changed them. Never contains a value.
  returned: success
  type: list
  elements: dict
  sample:
    - name: NPM_TOKEN
      store: codespaces
      created_at: '2026-11-21T10:15:03Z'
      updated_at: '2026-11-21T10:15:03Z'
      visibility: all
'''

from ansible_collections.secretops.github.plugins.module_utils._errors import GitHubInputError
from ansible_collections.secretops.github.plugins.module_utils._module_adapter import (
    build_module,
    client_for,
    github_argument_spec,
    raw_arguments,
    require_strings,
    run_module,
)
from ansible_collections.secretops.github.plugins.module_utils._org_reconcile import (
    MAX_CONCURRENCY,
    apply_org,
    check_purge,
    desired_secrets,
    key_of,
    plan_org,
    stores_of,
    summary,
)
from ansible_collections.secretops.github.plugins.module_utils._secrets_api import OrgSecretsAPI
from ansible_collections.secretops.github.plugins.module_utils._stores import STORE_NAMES


SECRET_KEYS = ('value', 'encrypted_value')


def reconcile(module):
    params = module.params
    if not 1 <= params['max_concurrency'] <= MAX_CONCURRENCY:
        raise GitHubInputError('max_concurrency must be between 1 and %d, not %s'
                               % (MAX_CONCURRENCY, params['max_concurrency']), option='max_concurrency')
    for index, item in enumerate(raw_arguments()['secrets'] or []):
        if isinstance(item, dict):
            require_strings(item, SECRET_KEYS + ('key_id',), prefix='secrets[%d].' % index, numbers_too=('key_id',))
    desired = desired_secrets(params['secrets'], params['org'], params['store'])
    purged = []
    if params['purge']:
        purged = stores_of(desired, params['store'], params['purge_stores'])
        check_purge(desired, purged, params['confirm_purge_all'], 'secrets', 'confirm_purge_all')
    stores = list(dict.fromkeys(stores_of(desired, params['store']) + purged))
    client = client_for(module, stores)
    apis = dict((store, OrgSecretsAPI(client, params['org'], store)) for store in stores)
    plans = plan_org(apis, desired, purge_stores=purged, diff=module._diff)
    for plan in plans:
        for warning in plan.warnings:
            module.warn(warning)
    if module.check_mode:
        results = dict((key_of(p), p.result()) for p in plans)
    else:
        results = apply_org(apis, plans, params['max_concurrency'], params['store'])
    return summary(plans, results, params['store'], diff=module._diff)


def main():
    module = build_module(
        github_argument_spec(
            # no_log is on the value options inside; the list itself is not secret.
            secrets=dict(type='list', elements='dict', required=True, no_log=False, options=dict(
                name=dict(type='str', required=True),
                # Checked by desired_secrets(), whose message names the item.
                store=dict(type='str'),
                state=dict(type='str', default='present', choices=['present', 'absent']),
                value=dict(type='str', no_log=True),
                encrypted_value=dict(type='str', no_log=True),
                key_id=dict(type='str', no_log=False),
                visibility=dict(type='str', choices=['all', 'private', 'selected']),
                repositories=dict(type='list', elements='raw'),
                update_value=dict(type='str', default='always', choices=['always', 'on_create']),
            )),
            purge=dict(type='bool', default=False),
            purge_stores=dict(type='list', elements='str', choices=list(STORE_NAMES)),
            confirm_purge_all=dict(type='bool', default=False),
            max_concurrency=dict(type='int', default=4),
        ),
        'secrets', SECRET_KEYS,
        supports_check_mode=True,
    )
    module.exit_json(**run_module(module, reconcile))


if __name__ == '__main__':
    main()
