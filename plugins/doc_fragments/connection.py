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
      - Mutually exclusive with GitHub App authentication (O(app_id)) when both are given as options; from the
        environment alone, complete App credentials (E(GITHUB_APP_ID) and E(GITHUB_APP_PEM_FILE)) win.
    type: str
  app_id:
    description:
      - Authenticate as a GitHub App instead of with O(token). The App ID (a number) from the App's settings page,
        or its client ID. GitHub Enterprise Server before 3.14 accepts only the App ID.
      - The client signs a JSON web token with O(app_private_key), finds the App's installation on O(org) (unless
        O(app_installation_id) is given), mints one installation token for the run and mints a new one when it
        expires.
      - The installation needs the organization permission of the store, read and write to change secrets
        (C(organization_codespaces_secrets), C(organization_secrets) or C(organization_dependabot_secrets)).
      - If not set, the value of the E(GITHUB_APP_ID) environment variable is used.
    type: str
    version_added: 1.1.0
  app_installation_id:
    description:
      - The ID of the App's installation on O(org). If not set, E(GITHUB_APP_INSTALLATION_ID), else it is looked up
        with one request.
    type: str
    version_added: 1.1.0
  app_private_key:
    description:
      - The App's private key, PEM text (the whole C(.pem) file GitHub generated, unencrypted). Never logged,
        returned or shown in an error.
      - If neither this nor O(app_private_key_path) is set, the E(GITHUB_APP_PEM_FILE) environment variable, which
        holds the PEM text (as the Terraform provider reads it; literal C(\\n) become newlines).
      - Mutually exclusive with O(app_private_key_path).
    type: str
    version_added: 1.1.0
  app_private_key_path:
    description:
      - The path of the App's private key file, on the host that runs the task.
    type: path
    version_added: 1.1.0
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
  app_id:
    env:
      - name: GITHUB_APP_ID
    ini:
      - section: secretops_github
        key: app_id
    vars:
      - name: secretops_github_app_id
  app_installation_id:
    env:
      - name: GITHUB_APP_INSTALLATION_ID
    ini:
      - section: secretops_github
        key: app_installation_id
    vars:
      - name: secretops_github_app_installation_id
  app_private_key:
    env:
      - name: GITHUB_APP_PEM_FILE
    vars:
      - name: secretops_github_app_private_key
  app_private_key_path:
    ini:
      - section: secretops_github
        key: app_private_key_path
    vars:
      - name: secretops_github_app_private_key_path
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
