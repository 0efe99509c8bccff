# -*- coding: utf-8 -*-
# Copyright (c) 2026, secretops.github contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later


class ModuleDocFragment:
    # The store option of every module.
    DOCUMENTATION = r'''
options:
  store:
    description:
      - Which of the organization's secret stores to manage. GitHub keeps three independent sets of organization
        secrets, each with its own public key; a secret of the same name in two stores is two secrets.
      - V(codespaces) for Codespaces, V(actions) for GitHub Actions workflows, V(dependabot) for Dependabot.
      - GitHub Enterprise Server has no Codespaces store; V(codespaces) with a GitHub Enterprise Server O(api_url)
        fails before any request.
    type: str
    choices: [codespaces, actions, dependabot]
    default: codespaces
    version_added: 1.1.0
'''

    # The lookup's store option: the same, taken from variables and ansible.cfg too. Without choices,
    # because a variable reaches a lookup untemplated; the lookup checks the templated value itself.
    PLUGINS = r'''
options:
  store:
    description:
      - Which of the organization's secret stores to manage. GitHub keeps three independent sets of organization
        secrets, each with its own public key; a secret of the same name in two stores is two secrets.
      - V(codespaces) for Codespaces, V(actions) for GitHub Actions workflows, V(dependabot) for Dependabot.
      - GitHub Enterprise Server has no Codespaces store; V(codespaces) with a GitHub Enterprise Server O(api_url)
        fails before any request.
    type: str
    default: codespaces
    version_added: 1.1.0
    ini:
      - section: secretops_github
        key: store
    vars:
      - name: secretops_github_store
'''
