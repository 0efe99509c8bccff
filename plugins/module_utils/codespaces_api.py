# -*- coding: utf-8 -*-
# Copyright (c) 2026, secretops.github contributors
# BSD 2-Clause License (see LICENSES/BSD-2-Clause.txt or https://opensource.org/licenses/BSD-2-Clause)
# SPDX-License-Identifier: BSD-2-Clause

"""The Codespaces organization secrets endpoints, one method each, on top of GitHubClient."""

import threading
import time

from ansible_collections.secretops.github.plugins.module_utils import sealed_box
from ansible_collections.secretops.github.plugins.module_utils.errors import (
    GitHubError,
    GitHubInputError,
    GitHubNotFoundError,
    GitHubValidationError,
)

# Reads right after a create can miss the new secret for a moment (eventual consistency).
READ_AFTER_WRITE_DELAYS = (0.5, 1.0, 2.0)

SECRET_FIELDS = ('name', 'created_at', 'updated_at', 'visibility', 'selected_repositories_url')


def minimal_repository(repo):
    """The repository shape every result uses: id, name, full_name."""
    return {'id': repo['id'], 'name': repo['name'], 'full_name': repo['full_name']}


def secret_metadata(secret):
    """GitHub's secret object reduced to documented fields (there is never a value)."""
    return dict((key, secret[key]) for key in SECRET_FIELDS if secret.get(key) is not None)


class CodespacesOrgSecretsAPI:
    """Codespaces secrets of one organization. Fetches the public key at most once."""

    def __init__(self, client, org, sleep=time.sleep):
        if not isinstance(org, str) or not org.strip():
            raise GitHubInputError('org is empty: give the login of the organization that owns the secrets', option='org')
        self.client = client
        self.org = org.strip()
        self._public_key = None
        self._key_lock = threading.Lock()  # concurrent writers share one fetch
        self._sleep = sleep

    def _secrets_path(self, *segments):
        return self.client.path('orgs', self.org, 'codespaces', 'secrets', *segments)

    # -- secrets -----------------------------------------------------------

    def list_secrets(self):
        try:
            secrets = self.client.paginate(self._secrets_path(), 'secrets')
        except GitHubNotFoundError as error:
            raise self._store_not_found(error)
        return [secret_metadata(s) for s in secrets]

    def get_secret(self, name):
        """The secret's metadata, or None when it does not exist.

        GitHub answers 404 alike for a missing secret, a missing organization and a plan
        without Codespaces: the public key (fetched once, and needed for any value) tells them apart.
        """
        try:
            return secret_metadata(self.client.get(self._secrets_path(name)))
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

    def get_secret_after_write(self, name):
        """Read a secret just written; a brief 404 is eventual consistency, not absence."""
        for delay in READ_AFTER_WRITE_DELAYS + (None,):
            secret = self.get_secret(name)
            if secret is not None or delay is None:
                return secret
            self._sleep(delay)

    def put_secret(self, name, visibility, selected_repository_ids=None, encrypted_value=None, key_id=None):
        """Create or update; True when GitHub created it (201).

        The body always states the visibility and, for ``selected``, the full list of
        repository ids: GitHub treats a missing list as an empty selection.
        """
        body = {'visibility': visibility}
        if visibility == 'selected':
            body['selected_repository_ids'] = sorted(selected_repository_ids or [])
        if encrypted_value is not None:
            body['encrypted_value'] = encrypted_value
            body['key_id'] = key_id
        response = self.client.request('PUT', self._secrets_path(name), json=body)
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
            self.client.request('DELETE', self._secrets_path(name))
        except GitHubNotFoundError:
            return False
        return True

    def public_key(self, refresh=False, stale=None):
        """The org public key, fetched once; ``refresh`` refetches unless another thread already replaced ``stale``."""
        with self._key_lock:
            if self._public_key is None or (refresh and self._public_key is stale):
                try:
                    data = self.client.get(self._secrets_path('public-key')) or {}
                except GitHubNotFoundError as error:
                    raise self._store_not_found(error)
                self._public_key = {'key_id': str(data.get('key_id')), 'key': data.get('key')}
            return self._public_key

    def _store_not_found(self, error):
        """The 404 of a store-wide endpoint: the organization or its Codespaces store is not there."""
        return GitHubNotFoundError(
            'Organization %s does not exist, or its plan does not include Codespaces, or the token cannot '
            'administer it: %s %s answered HTTP 404' % (self.org, error.method, error.path),
            status=error.status, github_message=error.github_message, documentation_url=error.documentation_url,
            method=error.method, path=error.path,
            hint='Check the org option (the organization login), that the organization uses Codespaces, and that '
                 'the token belongs to an owner of it')

    # -- selected repositories ---------------------------------------------

    def list_selected_repositories(self, name):
        repos = self.client.paginate(self._secrets_path(name, 'repositories'), 'repositories')
        return [minimal_repository(r) for r in repos]

    def set_selected_repositories(self, name, repository_ids):
        self.client.request('PUT', self._secrets_path(name, 'repositories'),
                            json={'selected_repository_ids': sorted(repository_ids)})

    def add_selected_repository(self, name, repository_id):
        self.client.request('PUT', self._secrets_path(name, 'repositories', repository_id))

    def remove_selected_repository(self, name, repository_id):
        self.client.request('DELETE', self._secrets_path(name, 'repositories', repository_id))

    # -- repositories, for resolving names -----------------------------------

    def get_repository(self, name):
        """A repository of this org by name, or None."""
        try:
            return minimal_repository(self.client.get(self.client.path('repos', self.org, name)))
        except GitHubNotFoundError:
            return None

    def list_org_repositories(self):
        return [minimal_repository(r) for r in self.client.paginate(self.client.path('orgs', self.org, 'repos'))]
