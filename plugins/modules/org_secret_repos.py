#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, secretops.github contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r'''
module: org_secret_repos
short_description: Choose which repositories can use a GitHub organization secret (Codespaces, Actions or Dependabot)
version_added: 1.1.0
description:
  - Adds repositories to, removes them from, or sets exactly, the selected repositories of an organization secret
    whose visibility is C(selected), in any of the organization's secret stores (O(store)).
  - Until version 1.1.0 this module was called C(secretops.github.codespaces_org_secret_repos); that name still works
    and behaves as before (O(store) defaults to V(codespaces)).
  - No value is needed in any store, V(actions) included, because these endpoints change only the selection.
  - With O(state=present) and O(state=absent) only the listed repositories are touched, one request each, so
    tasks running in parallel (for example one per repository team) never undo each other's changes.
  - The secret's value and visibility are never changed; use M(secretops.github.org_secret) for those.
author:
  - secretops.github contributors (@secretops)
requirements:
  - requests
options:
  name:
    description:
      - The secret's name (not case-sensitive).
      - The secret must exist and have visibility C(selected), otherwise the task fails and says how to change it.
    type: str
    required: true
    aliases: [secret_name]
  repositories:
    description:
      - Repositories of O(org), each an ID (an integer), a name, or V(owner/name). A string of digits is an ID.
      - Unknown repositories make the task fail, naming them, before anything is changed.
    type: list
    elements: raw
    required: true
  state:
    description:
      - V(present) adds the listed repositories that are not selected yet.
      - V(absent) removes the listed repositories that are selected.
      - V(exact) makes the selection exactly the listed repositories; V([]) selects none.
    type: str
    choices: [present, absent, exact]
    default: present
extends_documentation_fragment:
  - secretops.github.connection
  - secretops.github.store
  - secretops.github.attributes
attributes:
  diff_mode:
    details:
      - The diff holds the full names of the selected repositories before and after.
notes:
  - O(state=present) and O(state=absent) send one request per repository that changes. If one fails, the error
    says which changes were applied and which were not; running the task again completes it.
  - O(state=exact) replaces the selection in one request.
seealso:
  - module: secretops.github.org_secret
  - module: secretops.github.org_secret_info
  - name: Codespaces organization secrets REST API
    description: The endpoints of O(store=codespaces).
    link: https://docs.github.com/rest/codespaces/organization-secrets
  - name: Actions organization secrets REST API
    description: The endpoints of O(store=actions).
    link: https://docs.github.com/rest/actions/secrets
  - name: Dependabot organization secrets REST API
    description: The endpoints of O(store=dependabot).
    link: https://docs.github.com/rest/dependabot/secrets
'''

EXAMPLES = r'''
- name: Let the api repository use the secret, whatever else is selected
  secretops.github.org_secret_repos:
    org: acme
    name: DEPLOY_KEY
    repositories: [api]

- name: Each team's play adds its own repositories; parallel runs do not lose each other's additions
  secretops.github.org_secret_repos:
    org: acme
    name: SHARED_NPM_TOKEN
    repositories: "{{ team_repositories }}"
    state: present

- name: Take the secret away from archived repositories
  secretops.github.org_secret_repos:
    org: acme
    name: DEPLOY_KEY
    repositories: [legacy-api, 1296269]
    state: absent

- name: Exactly these repositories, no others
  secretops.github.org_secret_repos:
    org: acme
    name: DEPLOY_KEY
    repositories: [api, acme/web]
    state: exact

- name: No repository at all
  secretops.github.org_secret_repos:
    org: acme
    name: DEPLOY_KEY
    repositories: []
    state: exact
'''

RETURN = r'''
repositories:
  description:
    - The repositories selected after the task (predicted in check mode), sorted by full name.
  returned: success
  type: list
  elements: dict
  sample:
    - id: 1001
      name: api
      full_name: acme/api
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
added:
  description: The repositories this task added (or would add in check mode), in the same shape as RV(repositories).
  returned: success
  type: list
  elements: dict
  sample:
    - id: 1002
      name: web
      full_name: acme/web
removed:
  description: The repositories this task removed (or would remove in check mode), in the same shape as RV(repositories).
  returned: success
  type: list
  elements: dict
  sample: []
'''

from ansible_collections.secretops.github.plugins.module_utils._errors import (
    GitHubError,
    GitHubInputError,
    GitHubPartialChangeError,
)
from ansible_collections.secretops.github.plugins.module_utils._module_adapter import (
    build_module,
    secrets_api,
    github_argument_spec,
    run_module,
)
from ansible_collections.secretops.github.plugins.module_utils._repositories import RepositoryResolver, parse_references
from ansible_collections.secretops.github.plugins.module_utils._secret_input import normalize_secret_name


def by_full_name(repositories):
    return sorted(repositories, key=lambda r: r['full_name'].lower())


def selected_secret(api, name):
    """The secret, which must exist and have visibility selected (checked even when nothing would change)."""
    secret = api.get_secret(name)
    if secret is None:
        raise GitHubInputError('Secret %s does not exist in %s: create it first with secretops.github.org_secret '
                               '(visibility: selected)' % (name, api.org), option='name')
    if secret['visibility'] != 'selected':
        raise GitHubInputError(
            'Secret %s has visibility %s, so it has no list of repositories to change: set visibility: selected '
            'with secretops.github.org_secret first' % (name, secret['visibility']), option='name')
    return secret


def apply_one_by_one(write, name, repositories, what):
    """Send one write per repository; on failure say what was and was not applied."""
    done = []
    for index, repo in enumerate(repositories):
        try:
            write(name, repo['id'])
        except GitHubError as error:
            partial = GitHubPartialChangeError(error, what, done, [r['full_name'] for r in repositories[index:]])
            raise partial.after_write(applied=done) if done else partial
        done.append(repo['full_name'])


def manage_selection(module):
    params = module.params
    name = normalize_secret_name(params['name'])
    references = parse_references(params['repositories'], params['org'])
    api = secrets_api(module)
    selected_secret(api, name)
    current = api.list_selected_repositories(name)
    wanted = RepositoryResolver(api, current).resolve(references)

    current_ids = set(r['id'] for r in current)
    wanted_ids = set(r['id'] for r in wanted)
    state = params['state']
    added = [r for r in wanted if r['id'] not in current_ids] if state in ('present', 'exact') else []
    if state == 'absent':
        removed = [r for r in current if r['id'] in wanted_ids]
    elif state == 'exact':
        removed = [r for r in current if r['id'] not in wanted_ids]
    else:
        removed = []
    removed_ids = set(r['id'] for r in removed)
    after = by_full_name([r for r in current if r['id'] not in removed_ids] + added)

    if not module.check_mode:
        if state == 'exact' and (added or removed):
            api.set_selected_repositories(name, [r['id'] for r in after])
        elif state == 'present':
            apply_one_by_one(api.add_selected_repository, name, by_full_name(added), 'additions')
        elif state == 'absent':
            apply_one_by_one(api.remove_selected_repository, name, by_full_name(removed), 'removals')

    result = dict(changed=bool(added or removed), repositories=after,
                  added=by_full_name(added), removed=by_full_name(removed))
    if module._diff:
        result['diff'] = {'before': {'repositories': [r['full_name'] for r in by_full_name(current)]},
                          'after': {'repositories': [r['full_name'] for r in after]}}
    return result


def main():
    module = build_module(
        github_argument_spec(
            name=dict(type='str', required=True, aliases=['secret_name']),
            repositories=dict(type='list', elements='raw', required=True),
            state=dict(type='str', default='present', choices=['present', 'absent', 'exact']),
        ),
        supports_check_mode=True,
    )
    module.exit_json(**run_module(module, manage_selection))


if __name__ == '__main__':
    main()
