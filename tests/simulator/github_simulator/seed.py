"""Default seed data, and loading a replacement seed from a JSON file.

A seed has this shape (the default below is one):

    {
      "orgs": [
        {"login": "acme", "id": 90001,
         "stores": ["codespaces", "actions", "dependabot"],
         "private_key": "<optional base64 libsodium private key>", "key_id": "<optional, digits>",
         "keys": {"actions": {"private_key": "<optional>", "key_id": "<optional>"}},
         "repositories": [{"id": 1001, "name": "api", "private": true}, ...],
         "secrets": [{"name": "X", "value": "plain", "visibility": "selected", "selected_repository_ids": [1001],
                      "store": "actions"}]}
      ],
      "tokens": [{"token": "sim-admin-token", "scopes": ["admin:org", "repo"]}],
      "apps": [{"id": 100001, "slug": "secrets-bot", "client_id": "Iv1.0123456789abcdef", "private_key_pem": "<PEM>",
                "installations": [{"org": "acme", "id": 50000001, "suspended": false,
                                   "permissions": {"organization_secrets": "write"}}]}]
    }

"orgs" may also be an object keyed by login. Repositories may give "visibility"
(public, private, internal) instead of "private". "stores" lists the secret stores on the org's
plan (default: all three; the others answer 404). Every store has its own key pair: "private_key"
and "key_id" fix the Codespaces pair, "keys" any store's (not Codespaces in both places); without
them a store gets a fresh key pair on every load and reset. A secret's "store" defaults to
codespaces; its selected_repository_ids are integers in every store. "apps" (none by default)
declares GitHub Apps as POST /_simulator/apps and their installations as POST
/_simulator/apps/{id}/installations do (every field optional but an installation's "org"); an App
without "private_key_pem" gets a new RSA key when first used, which tests cannot sign with: give
a PEM in a seed whose Apps tests use.
"""

import copy
import json

ADMIN_TOKEN = 'sim-admin-token'
READONLY_TOKEN = 'sim-readonly-token'

DEFAULT_SEED = {
    'orgs': [
        {
            'login': 'acme',
            'id': 90001,
            'repositories': [
                {'id': 1001, 'name': 'api', 'private': True},
                {'id': 1002, 'name': 'web', 'private': True},
                {'id': 1003, 'name': 'docs', 'private': False},
                {'id': 1004, 'name': 'infra', 'private': True},
                {'id': 1005, 'name': 'mobile', 'private': True},
                {'id': 1006, 'name': 'data', 'private': True},
            ],
        },
        {
            'login': 'globex',
            'id': 90002,
            'repositories': [
                {'id': 2001, 'name': 'portal', 'private': True},
                {'id': 2002, 'name': 'billing', 'private': True},
                {'id': 2003, 'name': 'api', 'private': True},
            ],
        },
    ],
    'tokens': [
        {'token': ADMIN_TOKEN, 'scopes': ['admin:org', 'repo']},
        {'token': READONLY_TOKEN, 'scopes': ['repo', 'read:org']},
    ],
}


def default_seed():
    return copy.deepcopy(DEFAULT_SEED)


def load_seed_file(path):
    with open(path, encoding='utf-8') as handle:
        seed = json.load(handle)
    if not isinstance(seed, dict):
        raise ValueError('seed file %s: the top level must be a JSON object' % path)
    return seed
