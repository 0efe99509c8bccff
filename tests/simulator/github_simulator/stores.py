"""The three organization secret stores: what differs between them (one table) and one store of one org.

Every org has a ``codespaces``, an ``actions`` and a ``dependabot`` store, each with its own libsodium
key pair, ``key_id`` and secrets, under the same nine routes ``/orgs/{org}/{store}/secrets...``.
What GitHub's references say differs between them is data in ``STORES``, read by state.py and
api.py; nothing else branches on a store's name. Sources: ``shared/api-reference/secret-stores-compared.md``.
"""

import base64
import collections
import secrets as pysecrets

from nacl.public import PrivateKey

StoreRules = collections.namedtuple('StoreRules', (
    # In messages: "Actions", "Codespaces", "Dependabot".
    'label',
    # Documentation URL of the store's routes, up to the '#' before the operation's anchor.
    'doc',
    # Body fields every create/update PUT must carry, even for an existing secret.
    'put_required',
    # JSON type of the items of selected_repository_ids on the create/update PUT: 'integer' or
    # 'string' (of ASCII digits). The set-repositories PUT and the {repository_id} path always take integers.
    'put_repo_id_type',
    # Org secrets per organization (None: not documented); a PUT creating one more is 422.
    'max_secrets',
    # Served by GitHub Enterprise Server (up to 3.20), i.e. under /api/v3.
    'on_ghes',
    # GitHub App permission an installation token needs on the store's routes: 'read' for GET,
    # 'write' for PUT and DELETE (see apps.py and auth.py).
    'app_permission',
))

STORES = {
    'codespaces': StoreRules(
        label='Codespaces',
        doc='https://docs.github.com/rest/codespaces/organization-secrets#',
        put_required=('visibility',),
        put_repo_id_type='integer',
        max_secrets=100,
        on_ghes=False,
        app_permission='organization_codespaces_secrets',
    ),
    'actions': StoreRules(
        label='Actions',
        doc='https://docs.github.com/rest/actions/secrets#',
        put_required=('encrypted_value', 'key_id', 'visibility'),
        put_repo_id_type='integer',
        max_secrets=1000,
        on_ghes=True,
        app_permission='organization_secrets',
    ),
    'dependabot': StoreRules(
        label='Dependabot',
        doc='https://docs.github.com/rest/dependabot/secrets#',
        put_required=('visibility',),
        put_repo_id_type='string',
        max_secrets=None,
        on_ghes=True,
        app_permission='organization_dependabot_secrets',
    ),
}
# The store of the control routes and seeds when they name none (the simulator's first and only store before).
DEFAULT_STORE = 'codespaces'


def new_key_id():
    # GitHub's key ids are 18-20 digit numeric strings.
    return str(10 ** 17 + pysecrets.randbelow(9 * 10 ** 17))


class SecretStore:
    """One organization's secrets in one store, with the store's own key pair."""

    def __init__(self, org, name, private_key=None, key_id=None):
        self.org = org
        self.name = name
        self.rules = STORES[name]
        self.secrets = {}
        self.private_key = None
        self.key_id = None
        self.set_key(private_key, key_id)

    def set_key(self, private_key=None, key_id=None):
        self.private_key = private_key or PrivateKey.generate()
        self.key_id = key_id or new_key_id()

    @property
    def public_key(self):
        # Only the two required fields: the optional id/url/title/created_at of the Actions and
        # Codespaces schema are not sent, and Dependabot's schema has only these two.
        return {'key_id': self.key_id, 'key': base64.b64encode(bytes(self.private_key.public_key)).decode('ascii')}
