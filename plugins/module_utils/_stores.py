# -*- coding: utf-8 -*-
# Copyright (c) 2026, secretops.github contributors
# BSD 2-Clause License (see LICENSES/BSD-2-Clause.txt or https://opensource.org/licenses/BSD-2-Clause)
# SPDX-License-Identifier: BSD-2-Clause
#
# PRIVATE: an internal part of secretops.github, not an API for other collections or for playbooks.
# It may change or disappear in any release without notice.

"""The organization secret stores, and everything that differs between them, in one table.

GitHub keeps three independent sets of organization secrets with the same REST shape under
/orgs/{org}/{store}/secrets. Code elsewhere asks a store for its rules; it never tests a name.
"""

from ansible_collections.secretops.github.plugins.module_utils._errors import GitHubInputError, shown

DEFAULT_STORE = 'codespaces'


class SecretStore:
    """The rules of one store (see the api-reference comparison of the three)."""

    def __init__(self, name, title, fine_grained_permission, app_permission, put_needs_value,
                 put_repository_ids_as_strings, on_ghes, max_secrets, docs_url):
        self.name = name
        self.title = title
        # The path segment: /orgs/{org}/{segment}/secrets
        self.segment = name
        self.fine_grained_permission = fine_grained_permission
        self.app_permission = app_permission
        # GitHub requires encrypted_value and key_id on every create/update PUT (so a visibility
        # change re-sends the value; a selection change goes through the repositories endpoints).
        self.put_needs_value = put_needs_value
        # The create/update PUT takes selected_repository_ids as strings of digits (the set PUT
        # and the {repository_id} path still take integers).
        self.put_repository_ids_as_strings = put_repository_ids_as_strings
        self.on_ghes = on_ghes
        self.max_secrets = max_secrets
        self.docs_url = docs_url

    def permission_hint(self):
        return ('a classic personal access token needs the admin:org scope; a fine-grained token needs the '
                'organization permission "%s" and a GitHub App the permission %s (read for reading, read and write '
                'for changes; see %s)' % (self.fine_grained_permission, self.app_permission, self.docs_url))

    def hints(self):
        """HTTP status -> hint, for errors of this store's endpoints."""
        return {
            403: 'The token lacks permission for %s secrets: %s' % (self.title, self.permission_hint()),
            404: 'Check that the organization (option org) exists, that %s, and that the token can administer its '
                 '%s secrets (%s); for a secret or repository, check its name'
                 % (self.availability(), self.title, self.permission_hint()),
        }

    def availability(self):
        """What must hold for the store to answer, in words for 404 messages."""
        if self.on_ghes:
            return 'the token can see its %s secrets' % self.title
        return 'its plan includes %s (GitHub Enterprise Server has none)' % self.title

    def unavailable(self):
        if self.on_ghes:
            return 'its %s secrets are not visible to the token' % self.title
        return 'its plan does not include %s' % self.title


STORES = dict((store.name, store) for store in (
    SecretStore('codespaces', 'Codespaces', 'Organization codespaces secrets', 'organization_codespaces_secrets',
                put_needs_value=False, put_repository_ids_as_strings=False, on_ghes=False, max_secrets=100,
                docs_url='https://docs.github.com/rest/codespaces/organization-secrets'),
    SecretStore('actions', 'Actions', 'Secrets', 'organization_secrets',
                put_needs_value=True, put_repository_ids_as_strings=False, on_ghes=True, max_secrets=1000,
                docs_url='https://docs.github.com/rest/actions/secrets'),
    SecretStore('dependabot', 'Dependabot', 'Organization dependabot secrets', 'organization_dependabot_secrets',
                put_needs_value=False, put_repository_ids_as_strings=True, on_ghes=True, max_secrets=None,
                docs_url='https://docs.github.com/rest/dependabot/secrets'),
))
STORE_NAMES = tuple(STORES)


def get_store(name, option='store'):
    """The store called ``name``; a clear error for anything else (before any request)."""
    if name is None:
        name = DEFAULT_STORE
    if isinstance(name, str) and name.strip().lower() in STORES:
        return STORES[name.strip().lower()]
    raise GitHubInputError('%s must be one of %s, not %s' % (option, ', '.join(STORE_NAMES), shown(name)), option=option)
