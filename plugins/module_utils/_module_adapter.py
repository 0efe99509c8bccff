# -*- coding: utf-8 -*-
# Copyright (c) 2026, secretops.github contributors
# BSD 2-Clause License (see LICENSES/BSD-2-Clause.txt or https://opensource.org/licenses/BSD-2-Clause)
# SPDX-License-Identifier: BSD-2-Clause
#
# PRIVATE: an internal part of secretops.github, not an API for other collections or for playbooks.
# It may change or disappear in any release without notice.

"""Module side of the client: shared options, client factory, errors -> fail_json.

This is the only place in module_utils that talks to AnsibleModule.
"""

import difflib
import os
import re

from collections.abc import Mapping

from ansible.module_utils.basic import AnsibleFallbackNotFound, AnsibleModule, _load_params, missing_required_lib

from ansible_collections.secretops.github.plugins.module_utils._secrets_api import OrgSecretsAPI
from ansible_collections.secretops.github.plugins.module_utils._stores import DEFAULT_STORE, STORE_NAMES, get_store
from ansible_collections.secretops.github.plugins.module_utils._app_auth import APP_OPTIONS, choose_credentials
from ansible_collections.secretops.github.plugins.module_utils._errors import (
    GitHubDependencyError,
    GitHubError,
    GitHubInputError,
)
from ansible_collections.secretops.github.plugins.module_utils._github_client import (
    API_URL_ENV_VARIABLE,
    DEFAULT_API_URL,
    TOKEN_ENV_VARIABLES,
    GitHubClient,
)

# The user:password@ part of a URL, found without parsing (a URL with a bad port does not parse).
_URL_USERINFO = re.compile(r'\s*[A-Za-z][A-Za-z0-9+.-]*://([^/?#]*)@')
PIP_NAMES = {'requests': 'requests', 'PyNaCl': 'pynacl', 'cryptography': 'cryptography'}


def nonempty_env_fallback(*names):
    """The first of the environment variables that is set and not empty (an empty GITHUB_TOKEN
    must not hide GH_TOKEN, nor an empty GITHUB_API_URL the default)."""
    for name in names:
        value = os.environ.get(name)
        if value:
            return value
    raise AnsibleFallbackNotFound


def github_argument_spec(**module_options):
    """The connection options of every module (documented in doc fragment secretops.github.connection)."""
    spec = dict(
        org=dict(type='str', required=True, aliases=['organization']),
        # token and the App options: explicit values beat the environment, read in client_for().
        token=dict(type='str', no_log=True),
        app_id=dict(type='str'),
        app_installation_id=dict(type='str'),
        app_private_key=dict(type='str', no_log=True),
        app_private_key_path=dict(type='path'),
        api_url=dict(type='str', default=DEFAULT_API_URL, fallback=(nonempty_env_fallback, [API_URL_ENV_VARIABLE])),
        # None: 2022-11-28 for a GitHub Enterprise Server api_url, else the newest version.
        api_version=dict(type='str'),
        store=dict(type='str', default=DEFAULT_STORE, choices=list(STORE_NAMES)),
        validate_certs=dict(type='bool', default=True),
        ca_path=dict(type='path'),
        timeout=dict(type='float', default=30),
        max_retries=dict(type='int', default=3),
        max_retry_wait=dict(type='float', default=60),
    )
    spec.update(module_options)
    return spec


def client_for(module, stores):
    """The client for a module's connection options and the stores it will use; raises GitHubError
    for bad options. Credentials from the environment are masked like the token option."""
    params = module.params
    token, app = choose_credentials(dict((name, params[name]) for name in ('token',) + APP_OPTIONS),
                                    os.environ, TOKEN_ENV_VARIABLES)
    if token:
        module.no_log_values.add(token)
    return GitHubClient(
        api_url=params['api_url'], token=token, api_version=params['api_version'],
        validate_certs=params['validate_certs'], ca_path=params['ca_path'], timeout=params['timeout'],
        max_retries=params['max_retries'], max_retry_wait=params['max_retry_wait'],
        app=app, org=params['org'], app_permissions=[get_store(store).app_permission for store in stores])


def secrets_api(module):
    """Client and API for the module's org and store."""
    return OrgSecretsAPI(client_for(module, [module.params['store']]), module.params['org'], module.params['store'])


def raw_arguments():
    """The task's arguments as given, before AnsibleModule converts types (ansible-core
    offers _load_params for modules that must see them; it parses the same input again)."""
    return _load_params()


def require_strings(arguments, options, prefix='', numbers_too=()):
    """Fail for options YAML gave as a number, boolean, list or dict: AnsibleModule would turn
    0123 into '83' or yes into 'True' and store that as the secret. Options in ``numbers_too``
    (ids) may be whole numbers."""
    for option in options:
        value = arguments.get(option)
        if option in numbers_too and isinstance(value, int) and not isinstance(value, bool):
            continue
        if value is not None and not isinstance(value, str):
            raise GitHubInputError(
                '%s%s must be a string, not %s: quote it in YAML (for example %s: "0123"); a number or boolean '
                'would otherwise be stored in another form' % (prefix, option, _yaml_type(value), option),
                option=prefix + option)


def build_module(argument_spec, list_option=None, secret_keys=(), **kwargs):
    """AnsibleModule for the collection's modules, robust to input ansible-core cannot mask.

    ansible-core prints a task's arguments in its failure at -vvv, and masks only what it knows is
    no_log. Two shapes of input escape it: an option the module does not have (a misspelled
    ``valeu`` holding the secret), and, for a module with a list of dicts (``list_option``), an
    item that is not a dict (then no no_log value is collected at all, not even the token). Unknown
    options whose names look secret (or like a no_log option: ``valeu``) are taken in, masked and
    refused here with a suggestion; a
    malformed list is taken as raw with its secret strings masked, and validation then fails
    naming the item.
    """
    arguments = raw_arguments() or {}  # validate-modules introspection has no arguments
    spec = dict(argument_spec)
    known = set(spec).union(*[set(option.get('aliases', ())) for option in spec.values()])
    secret_options = sorted(name for name, option in spec.items() if option.get('no_log'))
    unknown = sorted(name for name in arguments
                     if name not in known and not name.startswith('_ansible')
                     and (_SECRET_NAME.search(name) or difflib.get_close_matches(name, secret_options, 1, 0.6)))
    for name in unknown:
        spec[name] = dict(type='raw', no_log=True)
    items = arguments.get(list_option) if list_option else None
    item_keys = set((spec[list_option].get('options') or {})) if list_option else set()
    malformed = items is not None and not (
        isinstance(items, list) and all(isinstance(item, Mapping) and set(item) <= item_keys for item in items))
    if malformed:
        spec[list_option] = dict(spec[list_option], type='raw', no_log=False)
        spec[list_option].pop('elements', None)
        spec[list_option].pop('options', None)
    module = AnsibleModule(argument_spec=spec, **kwargs)
    if malformed:
        module.no_log_values.update(_secret_strings(items, set(secret_keys), item_keys))
    if unknown:
        module.fail_json(msg='Unsupported parameter%s %s (%s not shown)%s' % (
            's' if len(unknown) > 1 else '', ', '.join(unknown), 'values' if len(unknown) > 1 else 'its value is',
            _suggestions(unknown, known)), changed=False)
    return module


# Names of options that probably hold a secret (ansible-core's own no_log heuristic looks for these).
_SECRET_NAME = re.compile(r'value|token|secret|passw|key|pem|credential|auth', re.IGNORECASE)


def _suggestions(unknown, known):
    matches = ['%s for %s' % (difflib.get_close_matches(name, sorted(known), 1)[0], name)
               for name in unknown if difflib.get_close_matches(name, sorted(known), 1)]
    return ': did you mean %s?' % ', '.join(matches) if matches else ''


def _secret_strings(data, secret_keys, known_keys, secret=True):
    """Strings that may be secret in malformed input: bare strings, anything under a secret key, and
    anything under a key the items do not have (``{NPM_TOKEN: the-value}`` is a mistake worth masking)."""
    if isinstance(data, str):
        return [data] if secret and data else []
    if isinstance(data, Mapping):
        found = []
        for key, value in data.items():
            hidden = key in secret_keys or key not in known_keys
            found.extend(_secret_strings(value, secret_keys, known_keys, secret=hidden))
        return found
    if isinstance(data, (list, tuple)):
        return [text for item in data for text in _secret_strings(item, secret_keys, known_keys, secret)]
    return []


def _yaml_type(value):
    if isinstance(value, bool):
        return 'a boolean'
    if isinstance(value, (int, float)):
        return 'a number'
    if isinstance(value, dict):
        return 'a dictionary'
    if isinstance(value, list):
        return 'a list'
    return type(value).__name__


def fail_from_error(module, error, **result):
    result.setdefault('changed', bool(getattr(error, 'changed', False)))
    if isinstance(error, GitHubDependencyError):
        module.fail_json(msg=missing_required_lib(PIP_NAMES.get(error.library, error.library)),
                         exception=error.import_error, **result)
    details = error.to_result()
    details.update(result)
    module.fail_json(msg=str(error), **details)


def hide_url_credentials(module):
    """Credentials typed into api_url are refused, and must not show in the invocation either."""
    match = _URL_USERINFO.match(module.params.get('api_url') or '')
    if match:
        userinfo = match.group(1)
        module.no_log_values.update(part for part in (userinfo, userinfo.partition(':')[2]) if part)


def run_module(module, work):
    """Return ``work(module)``'s result dict; any GitHubError becomes a clean failure."""
    hide_url_credentials(module)
    try:
        return work(module)
    except GitHubError as error:
        fail_from_error(module, error)
