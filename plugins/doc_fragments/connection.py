# -*- coding: utf-8 -*-
# Copyright (c) 2026, secretops.github contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later


class ModuleDocFragment:
    # The connection options of every module and lookup; names match github_argument_spec().
    DOCUMENTATION = r'''
options:
  org:
    description:
      - The organization that owns the secrets, by login (not case-sensitive).
    type: str
    required: true
    aliases: [organization]
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
  token:
    description:
      - The GitHub token to authenticate with.
      - A classic personal access token needs the C(admin:org) scope. A fine-grained personal access token or a
        GitHub App installation token needs the organization permission of the store, read for reading,
        read and write for changes. V(codespaces) needs C(Organization codespaces secrets)
        (App permission C(organization_codespaces_secrets)), V(actions) needs C(Secrets) (C(organization_secrets)),
        V(dependabot) needs C(Organization dependabot secrets) (C(organization_dependabot_secrets)).
      - If not set, the value of the E(GITHUB_TOKEN) environment variable is used, then E(GH_TOKEN); an empty
        variable counts as not set.
      - The token is never logged, returned or shown in an error.
    type: str
  api_url:
    description:
      - The root of the GitHub REST API.
      - For GitHub Enterprise Server use V(https://HOSTNAME/api/v3).
      - If not set, the value of the E(GITHUB_API_URL) environment variable is used, then V(https://api.github.com).
        An empty variable counts as not set; an empty O(api_url) given explicitly fails, it never falls back to another host.
      - A trailing slash does not matter. A user name or password in the URL is refused; give the token with O(token) instead.
    type: str
    default: https://api.github.com
  api_version:
    description:
      - The REST API version, sent as the C(X-GitHub-Api-Version) header.
      - If not set, V(2022-11-28) for a GitHub Enterprise Server O(api_url) (C(https://HOST/api/v3); releases up to
        3.20 accept nothing else), and V(2026-03-10) for GitHub.com and GHE.com. A value given here always wins.
    type: str
  validate_certs:
    description:
      - Whether to verify the server's TLS certificate.
      - Set O(ca_path) instead to trust a private certificate authority.
    type: bool
    default: true
  ca_path:
    description:
      - A PEM file of certificate authorities to verify the server's TLS certificate with,
        for example the private CA of a GitHub Enterprise Server.
    type: path
  timeout:
    description:
      - Seconds to wait for a connection or an answer, per request.
    type: float
    default: 30
  max_retries:
    description:
      - How many times a request is retried after a connection error, a timeout, an HTTP 500, 502, 503 or 504,
        or a rate limit.
      - Every request this collection sends is safe to repeat.
    type: int
    default: 3
  max_retry_wait:
    description:
      - The most seconds to wait for one rate limit to reset, and the bound on the total backoff between retries.
      - A rate limit that resets later fails at once, saying when to retry.
    type: float
    default: 60
'''

    # Where a lookup (running on the controller) can also take each option from. Lookups list this
    # fragment before the main one: the first fragment wins per key, so org is not required here
    # (the lookup says itself where org can come from when none is given).
    PLUGINS = r'''
options:
  org:
    required: false
    ini:
      - section: secretops_github
        key: org
    vars:
      - name: secretops_github_org
  store:
    ini:
      - section: secretops_github
        key: store
    vars:
      - name: secretops_github_store
  token:
    # Ansible takes the last variable set: GITHUB_TOKEN wins, as for the modules. An empty one does not count.
    env:
      - name: GH_TOKEN
      - name: GITHUB_TOKEN
    ini:
      - section: secretops_github
        key: token
    vars:
      - name: secretops_github_token
  api_url:
    env:
      - name: GITHUB_API_URL
    ini:
      - section: secretops_github
        key: api_url
    vars:
      - name: secretops_github_api_url
  api_version:
    ini:
      - section: secretops_github
        key: api_version
    vars:
      - name: secretops_github_api_version
  validate_certs:
    ini:
      - section: secretops_github
        key: validate_certs
    vars:
      - name: secretops_github_validate_certs
  ca_path:
    ini:
      - section: secretops_github
        key: ca_path
    vars:
      - name: secretops_github_ca_path
  timeout:
    ini:
      - section: secretops_github
        key: timeout
    vars:
      - name: secretops_github_timeout
  max_retries:
    ini:
      - section: secretops_github
        key: max_retries
    vars:
      - name: secretops_github_max_retries
  max_retry_wait:
    ini:
      - section: secretops_github
        key: max_retry_wait
    vars:
      - name: secretops_github_max_retry_wait
'''
