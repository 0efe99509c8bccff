# -*- coding: utf-8 -*-
# Copyright (c) 2026, secretops.github contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
#
# PRIVATE: an internal part of secretops.github, not an API for other collections or for playbooks.
# It may change or disappear in any release without notice.

"""Lookup side of the client: plugin options -> client, errors -> AnsibleLookupError."""

import os

from ansible.errors import AnsibleLookupError

from ansible_collections.secretops.github.plugins.module_utils._app_auth import APP_OPTIONS, choose_credentials
from ansible_collections.secretops.github.plugins.module_utils._secrets_api import OrgSecretsAPI
from ansible_collections.secretops.github.plugins.module_utils._stores import get_store
from ansible_collections.secretops.github.plugins.module_utils._errors import GitHubDependencyError
from ansible_collections.secretops.github.plugins.module_utils._github_client import (
    API_URL_ENV_VARIABLE,
    DEFAULT_API_URL,
    TOKEN_ENV_VARIABLES,
    GitHubClient,
)

CONNECTION_OPTIONS = ('org', 'store', 'token', 'api_url', 'api_version', 'validate_certs', 'ca_path',
                      'timeout', 'max_retries', 'max_retry_wait') + APP_OPTIONS
CREDENTIALS = ('token',) + APP_OPTIONS


def lookup_error(error):
    """The AnsibleLookupError for a GitHubError (its text never holds a value or token)."""
    if isinstance(error, GitHubDependencyError):
        return AnsibleLookupError('%s: install it on the controller with pip install %s'
                                  % (error, 'pynacl' if error.library == 'PyNaCl' else error.library))
    return AnsibleLookupError(str(error))


def option(plugin, name):
    """An option's value and where it came from; one taken from a play variable reaches a lookup
    untemplated, so template it."""
    value = plugin.get_option(name)
    templar = getattr(plugin, '_templar', None)
    if isinstance(value, str) and templar is not None:
        value = templar.template(value)
    return value, _origin(plugin, name, value)


def _origin(plugin, name, value):
    """'env: NAME' when the value came from the environment. ansible-core 2.19 records origins;
    before it, get_option_and_origin ignores keywords and variables, so a value equal to one of the
    option's environment variables counts as coming from it."""
    origins = getattr(plugin, '_origins', None)
    if isinstance(origins, dict) and name in origins:
        return origins[name] or ''
    definition = (getattr(plugin, 'option_definitions', None) or {}).get(name) or {}
    for entry in definition.get('env') or ():
        if value is not None and os.environ.get(entry.get('name')) == value:
            return 'env: %s' % entry.get('name')
    return ''


def connection_options(plugin):
    """The connection options as the modules would see them: an empty environment variable counts as
    not set (an empty GITHUB_TOKEN must not hide GH_TOKEN); an empty value given explicitly stays empty
    and fails validation, it never falls back to another host or token."""
    options = {}
    explicit = {}
    for name in CONNECTION_OPTIONS:
        value, origin = option(plugin, name)
        from_environment = origin.startswith('env')
        if value in (None, '') and from_environment:
            value = None
        options[name] = value
        if name in CREDENTIALS:
            # Credentials from the environment are read by choose_credentials: explicit ones win.
            explicit[name] = None if from_environment else value
    options['token'], options['app'] = choose_credentials(explicit, os.environ, TOKEN_ENV_VARIABLES)
    if options['api_url'] is None:
        options['api_url'] = os.environ.get(API_URL_ENV_VARIABLE) or DEFAULT_API_URL
    return options


def secrets_api(plugin):
    """Client and API from a lookup's options (set_options must have run); raises GitHubError."""
    options = connection_options(plugin)
    if not options['org']:
        raise AnsibleLookupError('The org option is required: pass org=... to the lookup, set the '
                                 'secretops_github_org variable, or org in the [secretops_github] section of ansible.cfg')
    client = GitHubClient(
        api_url=options['api_url'], token=options['token'], api_version=options['api_version'],
        validate_certs=options['validate_certs'], ca_path=options['ca_path'], timeout=options['timeout'],
        max_retries=options['max_retries'], max_retry_wait=options['max_retry_wait'],
        app=options['app'], org=options['org'], app_permissions=[get_store(options['store']).app_permission])
    return OrgSecretsAPI(client, options['org'], options['store'])
