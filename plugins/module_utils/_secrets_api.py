# -*- coding: utf-8 -*-
# Copyright (c) 2026, secretops.github contributors
# BSD 2-Clause License (see LICENSES/BSD-2-Clause.txt or https://opensource.org/licenses/BSD-2-Clause)
# SPDX-License-Identifier: BSD-2-Clause
#
# PRIVATE: an internal part of secretops.github, not an API for other collections or for playbooks.
# It may change or disappear in any release without notice.

"""The organization secrets endpoints of one store, one method each, on top of GitHubClient.

One class serves every store: what differs between them comes from the store table (_stores.py).
"""

import re
import threading

from ansible_collections.secretops.github.plugins.module_utils import _sealed_box as sealed_box
from ansible_collections.secretops.github.plugins.module_utils._errors import (
    GitHubError,
    GitHubInputError,
    GitHubNotFoundError,
    GitHubValidationError,
    shown,
)
from ansible_collections.secretops.github.plugins.module_utils._stores import get_store

# GitHub logins: letters, digits and hyphens, not starting with a hyphen (GHES and GHE.com also allow
# underscores and dots in generated logins); at most 100 characters here.
_ORG_LOGIN = re.compile(r'[A-Za-z0-9][A-Za-z0-9_.-]{0,99}')
SECRET_FIELDS = ('name', 'created_at', 'updated_at', 'visibility', 'selected_repositories_url')


def minimal_repository(repo):
    """The repository shape every result uses: id, name, full_name."""
    return {'id': repo['id'], 'name': repo['name'], 'full_name': repo['full_name']}


def secret_metadata(secret):
    """GitHub's secret object reduced to documented fields (there is never a value)."""
    return dict((key, secret[key]) for key in SECRET_FIELDS if secret.get(key) is not None)


class OrgSecretsAPI:
    """The secrets of one organization in one store. Fetches the store's public key at most once."""

    def __init__(self, client, org, store=None):
        self.store = get_store(store)
        if not isinstance(org, str) or not org.strip():
            raise GitHubInputError('org is empty: give the login of the organization that owns the secrets', option='org')
        if not _ORG_LOGIN.fullmatch(org.strip()):
            raise GitHubInputError('org %s is not an organization login: use the login as in https://github.com/LOGIN '
                                   '(letters, digits and hyphens)' % shown(org), option='org')
        if client.is_ghes and not self.store.on_ghes:
            raise GitHubInputError(
                'store %s does not exist on GitHub Enterprise Server (api_url %s): GitHub Enterprise Server has no %s '
                'secrets; use store actions or dependabot there' % (self.store.name, client.api_url, self.store.title),
                option='store')
        self.client = client
        self.org = org.strip()
        self._hints = self.store.hints()
        self._public_key = None
        self._key_failure = None
        self._key_lock = threading.Lock()  # concurrent writers share one fetch

    def _secrets_path(self, *segments):
        return self.client.path('orgs', self.org, self.store.segment, 'secrets', *segments)

    def _get(self, path):
        return self.client.get(path, hints=self._hints)

    def _paginate(self, path, items_key):
        return self.client.paginate(path, items_key, hints=self._hints)

    def _write(self, method, path, body=None):
        return self.client.request(method, path, json=body, hints=self._hints)

    # -- secrets -----------------------------------------------------------

    def list_secrets(self):
        path = self._secrets_path()
        try:
            secrets = self._paginate(path, 'secrets')
        except GitHubNotFoundError as error:
            raise self._store_not_found(error, path)
        return [secret_metadata(s) for s in secrets]

    def get_secret(self, name):
        """The secret's metadata, or None when it does not exist.

        GitHub answers 404 alike for a missing secret, a missing organization and a plan
        without Codespaces: the public key (fetched once, and needed for any value) tells them apart.
        """
        try:
            return secret_metadata(self._get(self._secrets_path(name)))
        except GitHubNotFoundError:
            self.public_key()
            return None

    def get_secret_with_key(self, name):
        """get_secret with the public key fetched at the same time, for a task that will encrypt a value:
        one round trip instead of two."""
        fetch = threading.Thread(target=self._prefetch_public_key)
        fetch.start()
        try:
            return self.get_secret(name)
        finally:
            fetch.join()

    def _prefetch_public_key(self):
        try:
            self.public_key()
        except GitHubError:
            pass  # raised again, in this thread, by whoever needs the key

    def selected_repositories_url(self, name):
        """The API URL of a secret's repositories, as GitHub reports it in selected_repositories_url."""
        return self.client.url(self._secrets_path(name, 'repositories'))

    def put_secret(self, name, visibility, selected_repository_ids=None, encrypted_value=None, key_id=None):
        """Create or update; True when GitHub created it (201).

        The body always states the visibility and, for ``selected``, the full list of
        repository ids: GitHub treats a missing list as an empty selection.
        """
        body = {'visibility': visibility}
        if visibility == 'selected':
            ids = sorted(selected_repository_ids or [])
            body['selected_repository_ids'] = [str(i) for i in ids] if self.store.put_repository_ids_as_strings else ids
        if encrypted_value is not None:
            body['encrypted_value'] = encrypted_value
            body['key_id'] = key_id
        elif self.store.put_needs_value:
            # The plan never gets here (it uses the repositories endpoints or asks for value); GitHub would answer 422.
            raise GitHubInputError('Internal error: an %s secret cannot be written without its value' % self.store.title,
                                   option='value')
        response = self._write('PUT', self._secrets_path(name), body)
        return response.status == 201

    def put_secret_value(self, name, value, visibility, selected_repository_ids=None):
        """Encrypt ``value`` with the org key and PUT it.

        If GitHub rejects the key (rotated since we fetched it), refetch it once and retry.
        """
        key = self.public_key()
        try:
            return self.put_secret(name, visibility, selected_repository_ids,
                                   sealed_box.encrypt(key['key'], value), key['key_id'])
        except GitHubValidationError:
            fresh = self.public_key(refresh=True, stale=key)
            if fresh['key_id'] == key['key_id']:
                raise
            return self.put_secret(name, visibility, selected_repository_ids,
                                   sealed_box.encrypt(fresh['key'], value), fresh['key_id'])

    def delete_secret(self, name):
        """Delete; False when it was already gone."""
        try:
            self._write('DELETE', self._secrets_path(name))
        except GitHubNotFoundError:
            return False
        return True

    def public_key(self, refresh=False, stale=None):
        """The org public key, fetched once; ``refresh`` refetches unless another thread already replaced ``stale``."""
        with self._key_lock:
            if self._key_failure is not None and not refresh:
                # The fetch failed once (retries included): a second caller, such as the 404 of a secret
                # read beside the prefetch, gets that answer without asking again.
                raise self._key_failure
            if self._public_key is None or (refresh and self._public_key is stale):
                path = self._secrets_path('public-key')
                try:
                    data = self._get(path) or {}
                except GitHubNotFoundError as error:
                    self._key_failure = self._store_not_found(error, path)
                    raise self._key_failure from None
                except GitHubError as error:
                    self._key_failure = error
                    raise
                self._public_key = {'key_id': str(data.get('key_id')), 'key': data.get('key')}
            return self._public_key

    def _store_not_found(self, error, path):
        """The 404 of a store-wide endpoint: the organization or its secret store is not there.
        (A 404 of another request, such as a GitHub App's installation lookup, stays as it is.)"""
        if error.path != path:
            return error
        return GitHubNotFoundError(
            'Organization %s does not exist, or %s, or the token cannot administer it: %s %s answered HTTP 404'
            % (self.org, self.store.unavailable(), error.method, error.path),
            status=error.status, github_message=error.github_message, documentation_url=error.documentation_url,
            method=error.method, path=error.path,
            hint='Check the org option (the organization login), that %s, and that the token belongs to an owner '
                 'of it' % self.store.availability())

    # -- selected repositories ---------------------------------------------

    def list_selected_repositories(self, name):
        repos = self._paginate(self._secrets_path(name, 'repositories'), 'repositories')
        return [minimal_repository(r) for r in repos]

    def set_selected_repositories(self, name, repository_ids):
        self._write('PUT', self._secrets_path(name, 'repositories'), {'selected_repository_ids': sorted(repository_ids)})

    def add_selected_repository(self, name, repository_id):
        self._write('PUT', self._secrets_path(name, 'repositories', repository_id))

    def remove_selected_repository(self, name, repository_id):
        self._write('DELETE', self._secrets_path(name, 'repositories', repository_id))

    # -- repositories, for resolving names -----------------------------------

    def get_repository(self, name):
        """A repository of this org by name, or None."""
        try:
            return minimal_repository(self.client.get(self.client.path('repos', self.org, name)))
        except GitHubNotFoundError:
            return None

    def list_org_repositories(self):
        return [minimal_repository(r) for r in self.client.paginate(self.client.path('orgs', self.org, 'repos'))]
