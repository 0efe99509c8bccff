# -*- coding: utf-8 -*-
# Copyright (c) 2026, secretops.github contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r'''
name: org_secret_info
short_description: Look up GitHub organization secrets (Codespaces, Actions or Dependabot) and who can use them
version_added: 1.1.0
description:
  - Until version 1.1.0 this lookup was called C(secretops.github.codespaces_org_secret_info); that name still works
    and behaves as before (O(store) defaults to V(codespaces)).
  - Returns one dictionary per secret, in the shape of the RV(secretops.github.org_secret_info#module:secrets)
    items of the M(secretops.github.org_secret_info) module. Values are never returned (GitHub never
    returns them).
  - Runs on the controller, in templates and in C(loop). Use C(query) or C(wantlist=true) to always get a list.
  - Follows pagination to the end, 100 secrets per request.
author:
  - secretops.github contributors (@secretops)
requirements:
  - requests (on the controller)
options:
  _terms:
    description:
      - Names of secrets to return (not case-sensitive), in this order.
      - If none are given, all secrets of the organization are returned, sorted by name.
    type: list
    elements: str
  include_repositories:
    description:
      - Add C(selected_repositories) to every secret whose visibility is C(selected).
      - This costs one request per 100 repositories of each selected secret.
    type: bool
    default: false
  on_missing:
    description:
      - What to do when a named secret does not exist.
      - V(error) fails, naming the missing secrets. V(warn) warns and leaves them out. V(skip) leaves them out silently.
    type: str
    choices: [error, warn, skip]
    default: error
extends_documentation_fragment:
  # plugins first: it makes org optional here (see the fragment)
  - secretops.github.connection.plugins
  - secretops.github.connection
  - secretops.github.store.plugins
notes:
  - The options have the same names as the modules' options. Each can also come from a variable
    (C(secretops_github_org), C(secretops_github_token), ...) or from the C([secretops_github]) section of
    C(ansible.cfg); the token and API URL also from E(GITHUB_TOKEN), E(GH_TOKEN) and E(GITHUB_API_URL).
seealso:
  - module: secretops.github.org_secret_info
    description: The same information as a task, with the organization public key when asked.
  - module: secretops.github.org_secret
'''

EXAMPLES = r'''
- name: Fail early when a secret the deployment needs is missing (the lookup errors, naming it)
  ansible.builtin.assert:
    that: lookup('secretops.github.org_secret_info', 'NPM_TOKEN', 'DEPLOY_KEY', org='acme', wantlist=true) | length == 2

- name: Fail early when the Actions secrets a workflow needs are missing
  ansible.builtin.assert:
    that: query('secretops.github.org_secret_info', 'DEPLOY_TOKEN', 'SLACK_WEBHOOK', org='acme', store='actions') | length == 2

- name: Loop over every secret of the organization
  ansible.builtin.debug:
    msg: "{{ item.name }} is visible to {{ item.visibility }} repositories, updated {{ item.updated_at }}"
  loop: "{{ query('secretops.github.org_secret_info', org='acme') }}"
  loop_control:
    label: "{{ item.name }}"

- name: Which repositories can read DEPLOY_KEY
  ansible.builtin.debug:
    msg: >-
      {{ (lookup('secretops.github.org_secret_info', 'DEPLOY_KEY', org='acme', include_repositories=true)
          .selected_repositories | default([])) | map(attribute='full_name') | list }}

- name: Names of the secrets not updated for 90 days
  ansible.builtin.debug:
    msg: "{{ query('secretops.github.org_secret_info', org='acme') | selectattr('updated_at', 'lt', cutoff) | map(attribute='name') }}"
  vars:
    cutoff: "{{ '%Y-%m-%dT%H:%M:%SZ' | strftime(now(utc=true).timestamp() - 90 * 86400, utc=true) }}"

- name: Optional secrets, without failing when they are absent
  ansible.builtin.set_fact:
    optional_secrets: "{{ query('secretops.github.org_secret_info', 'SENTRY_DSN', 'DATADOG_KEY', on_missing='skip') }}"
  vars:
    secretops_github_org: acme   # options can come from variables
'''

RETURN = r'''
_raw:
  description:
    - One dictionary per secret.
  type: list
  elements: dict
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
      description: The API URL of the secret's selected repositories, for a C(selected) secret.
      type: str
      sample: https://api.github.com/orgs/acme/codespaces/secrets/DEPLOY_KEY/repositories
    selected_repositories:
      description:
        - The repositories (C(id), C(name), C(full_name)) that can use the secret, sorted by full name.
        - Only with O(include_repositories=true), for a C(selected) secret.
      type: list
      elements: dict
'''

from ansible.errors import AnsibleLookupError
from ansible.plugins.lookup import LookupBase
from ansible.utils.display import Display

from ansible_collections.secretops.github.plugins.module_utils._errors import GitHubError
from ansible_collections.secretops.github.plugins.module_utils._secrets_info import read_secrets
from ansible_collections.secretops.github.plugins.plugin_utils._lookup_adapter import secrets_api, lookup_error

display = Display()


def flatten_names(terms):
    """Names may come as separate terms or as one list term."""
    names = []
    for term in terms:
        names.extend(term if isinstance(term, (list, tuple)) else [term])
    return names


class LookupModule(LookupBase):

    def run(self, terms, variables=None, **kwargs):
        self.set_options(var_options=variables, direct=kwargs)
        names = flatten_names(terms)
        try:
            api = secrets_api(self)
            secrets, missing = read_secrets(api, names, self.get_option('include_repositories'), option='term')
        except GitHubError as error:
            raise lookup_error(error)
        if missing:
            message = '%s secret(s) %s not found in the organization %s' % (api.store.title, ', '.join(missing), api.org)
            on_missing = self.get_option('on_missing')
            if on_missing == 'error':
                raise AnsibleLookupError('%s; set on_missing=warn or on_missing=skip to leave missing secrets out' % message)
            if on_missing == 'warn':
                display.warning(message)
        return secrets
