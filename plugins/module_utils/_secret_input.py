# -*- coding: utf-8 -*-
# Copyright (c) 2026, secretops.github contributors
# BSD 2-Clause License (see LICENSES/BSD-2-Clause.txt or https://opensource.org/licenses/BSD-2-Clause)
# SPDX-License-Identifier: BSD-2-Clause
#
# PRIVATE: an internal part of secretops.github, not an API for other collections or for playbooks.
# It may change or disappear in any release without notice.

"""What a task asks for one secret, validated before any request.

Messages name the option and the fix, and never contain a value or ciphertext.
"""

import base64
import re

from ansible_collections.secretops.github.plugins.module_utils import _sealed_box as sealed_box
from ansible_collections.secretops.github.plugins.module_utils._errors import GitHubInputError, shown
from ansible_collections.secretops.github.plugins.module_utils._repositories import parse_references

NAME_PATTERN = re.compile(r'[A-Za-z_][A-Za-z0-9_]*')
RESERVED_PREFIX = 'GITHUB_'
MAX_VALUE_BYTES = 49152  # GitHub's 48 KB limit
VISIBILITIES = ('all', 'private', 'selected')
UPDATE_VALUE_CHOICES = ('always', 'on_create')


def normalize_secret_name(name, option='name'):
    """GitHub's naming rules; names are case-insensitive and reported upper-case."""
    if name is not None and not isinstance(name, str):
        raise GitHubInputError('%s must be a secret name (a string such as MY_SECRET), not %s %s'
                               % (option, type(name).__name__, shown(name)), option=option)
    if not name or not name.strip():
        raise GitHubInputError('%s is empty: give the secret name, for example MY_SECRET' % option, option=option)
    name = name.strip()
    if not NAME_PATTERN.fullmatch(name):
        raise GitHubInputError(
            '%s %s is not a valid secret name: use only letters, digits and underscores, '
            'and do not start with a digit (for example %s)' % (option, shown(name), _suggest_name(name)), option=option)
    if name.upper().startswith(RESERVED_PREFIX):
        raise GitHubInputError(
            '%s %s starts with GITHUB_, which GitHub reserves: choose a name without that prefix' % (option, shown(name)),
            option=option)
    return name.upper()


def _suggest_name(name):
    suggestion = re.sub(r'[^A-Za-z0-9_]', '_', name).upper()[:40]
    if not suggestion or suggestion[0].isdigit():
        suggestion = '_' + suggestion
    return suggestion


class DesiredSecret:
    """One secret as a task wants it."""

    def __init__(self, name, state='present', value=None, encrypted_value=None, key_id=None,
                 visibility=None, repositories=None, update_value='always', store=None):
        self.name = name
        self.state = state
        self.value = value
        self.encrypted_value = encrypted_value
        self.key_id = key_id
        self.visibility = visibility
        self.repositories = repositories  # parsed references, or None when not given
        self.update_value = update_value
        self.store = store  # the store's name, for many secrets at once (one module task has one store)

    @property
    def has_value(self):
        return self.value is not None or self.encrypted_value is not None

    @classmethod
    def from_params(cls, params, org, prefix=''):
        """Validate task options; ``prefix`` names the item in a list (for example ``secrets[2].``)."""
        def opt(name):
            return prefix + name

        def fail(message, name):
            raise GitHubInputError(message, option=opt(name))

        name = normalize_secret_name(params.get('name'), opt('name'))
        state = params.get('state') or 'present'
        if state not in ('present', 'absent'):
            fail('%s must be present or absent, not %s' % (opt('state'), shown(state)), 'state')
        update_value = params.get('update_value') or 'always'
        if update_value not in UPDATE_VALUE_CHOICES:
            fail('%s must be always or on_create, not %s' % (opt('update_value'), shown(update_value)), 'update_value')
        visibility = params.get('visibility')
        if visibility is not None and visibility not in VISIBILITIES:
            fail('%s must be all, private or selected, not %s' % (opt('visibility'), shown(visibility)), 'visibility')

        value = params.get('value')
        encrypted_value = params.get('encrypted_value')
        key_id = params.get('key_id')
        if value is not None and encrypted_value is not None:
            fail('%s and %s are mutually exclusive: give the plaintext value (encrypted for you) or '
                 'encrypted_value with key_id, not both' % (opt('value'), opt('encrypted_value')), 'value')
        if value is not None:
            _check_value(value, opt('value'))
        if encrypted_value is not None or key_id is not None:
            _check_encrypted(encrypted_value, key_id, opt)

        repositories = params.get('repositories')
        if repositories is not None and visibility is not None and visibility != 'selected':
            fail('%s can only be used with visibility=selected, but %s is %s: remove %s or set visibility: selected'
                 % (opt('repositories'), opt('visibility'), visibility, opt('repositories')), 'repositories')
        parsed = parse_references(repositories, org, opt('repositories'))
        return cls(name, state, value, encrypted_value, key_id and str(key_id), visibility, parsed, update_value)


def _check_value(value, option):
    if not isinstance(value, str):
        raise GitHubInputError('%s must be a string; quote it in YAML if it looks like a number or boolean' % option,
                               option=option)
    if value == '':
        raise GitHubInputError('%s is empty: GitHub secrets need a non-empty value' % option, option=option)
    try:
        size = len(value.encode('utf-8'))
    except UnicodeEncodeError:
        # Lone surrogates: bytes that were not UTF-8, for example a binary file read as text.
        raise GitHubInputError('%s is not valid UTF-8 text (it may have been read from a binary file): '
                               'base64-encode binary data, for example with the b64encode filter' % option,
                               option=option) from None
    if size > MAX_VALUE_BYTES:
        raise GitHubInputError('%s is %d bytes of UTF-8; GitHub allows at most %d bytes (48 KB)'
                               % (option, size, MAX_VALUE_BYTES), option=option)


def _check_encrypted(encrypted_value, key_id, opt):
    if encrypted_value is None:
        raise GitHubInputError('%s is only used with %s: give both, or use value instead'
                               % (opt('key_id'), opt('encrypted_value')), option=opt('key_id'))
    if key_id is None or str(key_id).strip() == '':
        raise GitHubInputError('%s needs %s: the key_id of the organization public key that encrypted it '
                               '(org_secret_info with include_public_key=true returns it)'
                               % (opt('encrypted_value'), opt('key_id')), option=opt('key_id'))
    if not isinstance(encrypted_value, str) or not sealed_box.is_sealed_box_base64(encrypted_value):
        raise GitHubInputError('%s is not base64 of a libsodium sealed box: encrypt the value with the organization '
                               'public key (crypto_box_seal) and base64-encode the result' % opt('encrypted_value'),
                               option=opt('encrypted_value'))
    if len(base64.b64decode(encrypted_value)) - sealed_box.SEAL_OVERHEAD > MAX_VALUE_BYTES:
        raise GitHubInputError('%s holds more than %d bytes; GitHub allows at most 48 KB'
                               % (opt('encrypted_value'), MAX_VALUE_BYTES), option=opt('encrypted_value'))
