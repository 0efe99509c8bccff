"""The simulated GitHub: organizations, repositories, secrets, tokens, GitHub Apps, key pairs and the request log.

Each org has one SecretStore per entry of stores.STORES (its own key pair and secrets); the org's
plan may lack some of them (``available_stores``). The secret methods take a SecretStore and apply
its store's rules from the table. Apps, their installations and installation tokens are
``self.apps`` (apps.AppRegistry, sharing the state's lock). Every public method takes the state
lock, so routers may call them from many threads. Validation failures raise ApiError with doc_url
None (the router fills in the route's documentation URL).
"""

import base64
import copy
import json
import re
import threading
import time

from nacl.exceptions import CryptoError
from nacl.public import PrivateKey, SealedBox

from .apps import DEFAULT_TOKEN_TTL, AppRegistry
from .seed import default_seed
from .stores import DEFAULT_STORE, STORES, SecretStore
from .wire import ApiError, check_keys, invalid, is_json_int, iso8601

MAX_VALUE_BYTES = 49152
VISIBILITIES = ('all', 'private', 'selected')
REPO_VISIBILITIES = ('public', 'private', 'internal')
CREATED_BODIES = ('object', 'empty', 'null')
RATE_LIMIT = 5000
DEFAULT_CONFIG = {'created_body': 'object', 'eventual_consistency_reads': 0, 'installation_token_ttl': DEFAULT_TOKEN_TTL}

SECRET_NAME_RE = re.compile(r'[A-Za-z_][A-Za-z0-9_]*')
# Strict standard base64 with padding, as in GitHub's own schema for encrypted_value.
BASE64_RE = re.compile(r'(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})')
REPO_ID_STRING_RE = re.compile(r'[1-9][0-9]{0,18}')
ORG_LOGIN_RE = re.compile(r'[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})')
REPO_NAME_RE = re.compile(r'[A-Za-z0-9._-]{1,100}')

SECRET_KEYS = ('encrypted_value', 'key_id', 'visibility', 'selected_repository_ids')


class Repository:
    def __init__(self, repo_id, name, visibility, created_at):
        self.id = repo_id
        self.name = name
        self.visibility = visibility
        self.created_at = created_at

    @property
    def private(self):
        return self.visibility != 'public'


class Secret:
    def __init__(self, name, value, visibility, selected, now):
        self.name = name
        self.value = value
        self.visibility = visibility
        self.selected = set(selected)
        self.created_at = now
        self.updated_at = now
        self.hidden_reads = 0

    def touch(self, now):
        # Whole seconds, like GitHub, but strictly increasing so every write is visible.
        self.updated_at = max(now, self.updated_at + 1)


class Organization:
    def __init__(self, login, org_id, created_at, stores=None, keys=None):
        """stores: the store names on the org's plan (None: all); keys: {store: (PrivateKey or None, key_id or None)}."""
        self.login = login
        self.id = org_id
        self.created_at = created_at
        self.repositories = {}
        keys = keys or {}
        self.stores = {name: SecretStore(self, name, *keys.get(name, (None, None))) for name in STORES}
        self.available_stores = tuple(name for name in STORES if stores is None or name in stores)

    def find_repo(self, name):
        lowered = name.lower()
        for repo in self.repositories.values():
            if repo.name.lower() == lowered:
                return repo
        return None

    def sorted_repos(self, ids=None):
        return [self.repositories[i] for i in sorted(self.repositories) if ids is None or i in ids]


class State:
    def __init__(self, seed=None):
        self.lock = threading.RLock()
        self._seed = copy.deepcopy(seed) if seed is not None else default_seed()
        self.reset()  # sets everything else

    # ----- lifecycle -------------------------------------------------------------------------

    def reset(self):
        """Back to the seed: fresh key pairs (unless the seed fixes them), empty log, default config."""
        with self.lock:
            self.orgs = {}
            self.tokens = {}
            self.apps = AppRegistry(self.lock)
            self.request_log = []
            self.ciphertexts = []
            self.config = dict(DEFAULT_CONFIG)
            self._seq = 0
            self._rate = {}
            try:
                self._load(self._seed)
            except ApiError as exc:
                raise ValueError('invalid seed: %s' % exc.message) from None

    def _load(self, seed):
        check_keys(seed, ('orgs', 'tokens', 'apps'), 'seed')
        orgs = seed.get('orgs', [])
        if isinstance(orgs, dict):
            orgs = [dict(spec, login=spec.get('login', login)) for login, spec in orgs.items()]
        for spec in orgs:
            check_keys(spec, ('login', 'id', 'repositories', 'secrets', 'private_key', 'key_id', 'keys', 'stores'), 'seed org')
            org = self.add_org(spec.get('login'), spec.get('id'), spec.get('repositories', []), seed_keys(spec),
                               stores=spec.get('stores'))
            self.seed_secrets(org, spec.get('secrets', []))
        for token in seed.get('tokens', []):
            check_keys(token, ('token', 'scopes'), 'seed token')
            self.add_token(token.get('token'), token.get('scopes'))
        for spec in seed.get('apps', []):
            check_keys(spec, ('id', 'slug', 'client_id', 'private_key_pem', 'installations'), 'seed app')
            app = self.apps.add_app({key: value for key, value in spec.items() if key != 'installations'})
            for installation in spec.get('installations', []):
                self.install_app(app, installation)

    # ----- organizations, repositories, tokens ---------------------------------------------------

    def get_org(self, login):
        with self.lock:
            return self.orgs.get(login.lower())

    def add_org(self, login, org_id=None, repositories=(), keys=None, repo_prefix='repo', stores=None):
        """repositories: a list of names / repository objects, or a count of numbered names (repo_prefix-001...).

        keys: {store: (PrivateKey or None, key_id or None)} fixes key pairs; stores: the stores on
        the org's plan (None: all of them).
        """
        with self.lock:
            if not isinstance(login, str) or not ORG_LOGIN_RE.fullmatch(login) or login.endswith('-'):
                raise invalid('login', 'Organization login %s is not a valid GitHub login' % json.dumps(login), resource='Organization')
            if login.lower() in self.orgs:
                raise ApiError(409, 'Organization %s already exists' % self.orgs[login.lower()].login)
            if org_id is None:
                org_id = max([o.id for o in self.orgs.values()] + [90000]) + 1
            elif not is_json_int(org_id) or org_id < 1 or any(o.id == org_id for o in self.orgs.values()):
                raise invalid('id', 'Organization id %s is not a positive integer or is taken' % json.dumps(org_id), resource='Organization')
            for _private_key, key_id in (keys or {}).values():
                if key_id is not None and (not isinstance(key_id, str) or not key_id.isdigit()):
                    raise invalid('key_id', 'key_id must be a string of digits', resource='Organization')
            if stores is not None and (not isinstance(stores, list) or not all(isinstance(n, str) and n in STORES for n in stores)
                                       or len(set(stores)) != len(stores)):
                raise invalid('stores', 'stores must be a list of distinct store names (%s)' % ', '.join(STORES), resource='Organization')
            org = Organization(login, org_id, int(time.time()), stores, keys)
            self.orgs[login.lower()] = org
            try:
                if is_json_int(repositories):
                    repositories = self.numbered_repo_names(org, repo_prefix, repositories)
                self.add_repositories(org, repositories)
            except ApiError:
                del self.orgs[login.lower()]
                raise
            return org

    def _next_repo_id(self):
        ids = [rid for org in self.orgs.values() for rid in org.repositories]
        return max(ids + [0]) + 1

    def add_repositories(self, org, specs):
        """specs: names, or objects {name, id?, private?, visibility?}. All or nothing."""
        with self.lock:
            taken_ids = {rid for o in self.orgs.values() for rid in o.repositories}
            taken_names = {r.name.lower() for r in org.repositories.values()}
            next_id = self._next_repo_id()
            created = []
            if not isinstance(specs, list):
                raise invalid('repositories', 'repositories must be a list', resource='Repository')
            for spec in specs:
                if isinstance(spec, str):
                    spec = {'name': spec}
                if not isinstance(spec, dict):
                    raise invalid('repositories', 'each repository must be a name or an object', resource='Repository')
                check_keys(spec, ('id', 'name', 'private', 'visibility'), 'repository')
                name = spec.get('name')
                if not isinstance(name, str) or not REPO_NAME_RE.fullmatch(name) or name in ('.', '..'):
                    raise invalid('name', 'Repository name %s is not valid' % json.dumps(name), resource='Repository')
                if name.lower() in taken_names:
                    raise invalid('name', 'Repository %s/%s already exists' % (org.login, name), 'already_exists', 'Repository')
                repo_id = spec.get('id')
                if repo_id is None:
                    while next_id in taken_ids:
                        next_id += 1
                    repo_id = next_id
                elif not is_json_int(repo_id) or repo_id < 1 or repo_id in taken_ids:
                    raise invalid('id', 'Repository id %s is not a positive integer or is taken' % json.dumps(repo_id), resource='Repository')
                visibility = spec.get('visibility')
                if visibility is None:
                    private = spec.get('private', True)
                    if not isinstance(private, bool):
                        raise invalid('private', 'private must be true or false', resource='Repository')
                    visibility = 'private' if private else 'public'
                elif visibility not in REPO_VISIBILITIES or ('private' in spec and spec['private'] != (visibility != 'public')):
                    raise invalid('visibility', 'Repository visibility %s is not valid' % json.dumps(visibility), resource='Repository')
                taken_ids.add(repo_id)
                taken_names.add(name.lower())
                created.append(Repository(repo_id, name, visibility, int(time.time())))
            for repo in created:
                org.repositories[repo.id] = repo
            return created

    def numbered_repo_names(self, org, prefix, count):
        """Names prefix-001, prefix-002, ... continuing after those the org already has."""
        if not isinstance(prefix, str) or not is_json_int(count) or not 0 <= count <= 10000:
            raise invalid('count', 'count must be an integer 0..10000 and prefix a string', resource='Repository')
        with self.lock:
            pattern = re.compile(re.escape(prefix.lower()) + r'-(\d+)')
            numbers = [int(m.group(1)) for m in (pattern.fullmatch(r.name.lower()) for r in org.repositories.values()) if m]
            start = max(numbers + [0]) + 1
            return ['%s-%03d' % (prefix, n) for n in range(start, start + count)]

    def add_token(self, token, scopes):
        if not isinstance(token, str) or not token or any(c.isspace() for c in token):
            raise invalid('token', 'token must be a non-empty string without spaces', resource='Token')
        if not isinstance(scopes, list) or not all(isinstance(s, str) for s in scopes):
            raise invalid('scopes', 'scopes must be a list of strings', resource='Token')
        with self.lock:
            self.tokens[token] = list(scopes)

    def token_scopes(self, token):
        with self.lock:
            scopes = self.tokens.get(token)
            return list(scopes) if scopes is not None else None

    def install_app(self, app, spec):
        """Install an App on the org spec names ({"org", "permissions", "id"?, "suspended"?}, see apps.py)."""
        with self.lock:
            login = spec.get('org') if isinstance(spec, dict) else None
            org = self.get_org(login) if isinstance(login, str) else None
            if org is None:
                raise invalid('org', 'installation org %s does not exist' % json.dumps(login), resource='Installation')
            return self.apps.add_installation(app, org, spec)

    def rotate_key(self, org, store=DEFAULT_STORE):
        """A new key pair for one store of the org; returns its public key."""
        with self.lock:
            bucket = self.secret_store(org, store)
            bucket.set_key()
            return bucket.public_key

    # ----- secrets ---------------------------------------------------------------------------

    def secret_store(self, org, store):
        """The org's SecretStore named store, for control routes and seeds (422 for an unknown name or one not on its plan)."""
        if store not in STORES:
            raise invalid('store', 'store must be one of %s, not %s' % (', '.join(STORES), json.dumps(store)), resource='Simulator')
        if store not in org.available_stores:
            raise invalid('store', 'organization %s has no %s store (its stores: %s)' % (
                org.login, store, ', '.join(org.available_stores) or 'none'), resource='Simulator')
        return org.stores[store]

    def find_secret(self, store, name, read=False):
        """The secret or None. read=True applies the simulated eventual consistency of reads."""
        with self.lock:
            secret = store.secrets.get(name.upper())
            if secret is not None and read and secret.hidden_reads > 0:
                secret.hidden_reads -= 1
                return None
            return secret

    def list_secrets(self, store):
        """Sorted by name; a freshly created secret may be left out (eventual consistency)."""
        with self.lock:
            visible = []
            for name in sorted(store.secrets):
                secret = store.secrets[name]
                if secret.hidden_reads > 0:
                    secret.hidden_reads -= 1
                    continue
                visible.append(secret)
            return visible

    def put_secret(self, store, name, body):
        """Create or update from a PUT body, by the store's rules. Returns True when the secret was created."""
        rules = store.rules
        with self.lock:
            check_permitted(body, SECRET_KEYS)
            name = validate_secret_name(name)
            check_supplied(body, rules.put_required)
            visibility = validate_visibility(body)
            if ('encrypted_value' in body) != ('key_id' in body):
                raise invalid('key_id' if 'encrypted_value' in body else 'encrypted_value',
                              'encrypted_value and key_id must be sent together.', 'missing_field')
            value = None
            if 'encrypted_value' in body:
                value = self.decrypt(store, body['key_id'], body['encrypted_value'])
            selected = set()
            if 'selected_repository_ids' in body:
                if visibility != 'selected':
                    raise invalid('selected_repository_ids',
                                  "selected_repository_ids can only be sent when visibility is 'selected' (got %s)." % json.dumps(visibility))
                selected = self.check_repo_ids(store.org, body['selected_repository_ids'], rules.put_repo_id_type)
            now = int(time.time())
            secret = store.secrets.get(name)
            if secret is None:
                if value is None:
                    raise invalid('encrypted_value', 'Secret %s does not exist: creating a secret needs encrypted_value and key_id.' % name,
                                  'missing_field')
                if rules.max_secrets is not None and len(store.secrets) >= rules.max_secrets:
                    raise invalid('name', 'Organization %s already has %d %s secrets, the most an organization can have.' % (
                        store.org.login, len(store.secrets), rules.label), 'custom')
                secret = Secret(name, value, visibility, selected, now)
                secret.hidden_reads = self.config['eventual_consistency_reads']
                store.secrets[name] = secret
                return True
            if value is not None:
                secret.value = value
            secret.visibility = visibility
            secret.selected = selected
            secret.touch(now)
            return False

    def delete_secret(self, store, name):
        with self.lock:
            return store.secrets.pop(name.upper(), None) is not None

    def selected_secret(self, store, name):
        """The secret for a repositories route: 404 when missing, 409 unless visibility is selected."""
        with self.lock:
            secret = store.secrets.get(name.upper())
            if secret is None:
                raise ApiError(404, 'Not Found')
            if secret.visibility != 'selected':
                raise ApiError(409, "Secret %s has visibility '%s': its repositories can only be listed or changed when visibility "
                                    "is 'selected'." % (secret.name, secret.visibility))
            return secret

    def set_secret_repositories(self, store, name, body):
        with self.lock:
            check_permitted(body, ('selected_repository_ids',))
            check_supplied(body, ('selected_repository_ids',))
            parse_repo_ids(body['selected_repository_ids'])
            secret = self.selected_secret(store, name)
            secret.selected = self.check_repo_ids(store.org, body['selected_repository_ids'])

    def change_secret_repository(self, store, name, raw_repo_id, add):
        with self.lock:
            if not REPO_ID_STRING_RE.fullmatch(raw_repo_id):
                raise invalid('repository_id', 'repository_id %s is not an integer.' % json.dumps(raw_repo_id))
            repo_id = int(raw_repo_id)
            secret = self.selected_secret(store, name)
            self.check_repo_ids(store.org, [repo_id])
            if add:
                secret.selected.add(repo_id)
            else:
                secret.selected.discard(repo_id)

    def seed_secrets(self, org, specs, store=None):
        """Store plaintext secrets directly (tests and seeds): the API's rules, no encryption, all or nothing.

        Each spec may name its own "store" (default: store, else Codespaces). Repository ids are
        integers in every store. Not bound by a store's secret count limit, so tests can build long lists.
        """
        with self.lock:
            if store is not None:
                self.secret_store(org, store)
            else:
                store = DEFAULT_STORE
            if not isinstance(specs, list):
                raise invalid('secrets', 'secrets must be a list')
            prepared = []
            for spec in specs:
                if not isinstance(spec, dict):
                    raise invalid('secrets', 'each secret must be an object')
                check_keys(spec, ('name', 'value', 'visibility', 'selected_repository_ids', 'age_days', 'store'), 'secret')
                bucket = self.secret_store(org, spec.get('store', store))
                name = validate_secret_name(spec.get('name'))
                visibility = validate_visibility(spec)
                value = spec.get('value')
                if not isinstance(value, str):
                    raise invalid('value', 'value of %s must be a string' % name)
                check_value_size(value.encode('utf-8'))
                selected = set()
                if 'selected_repository_ids' in spec:
                    if visibility != 'selected':
                        raise invalid('selected_repository_ids', "selected_repository_ids needs visibility 'selected' (%s)" % name)
                    selected = self.check_repo_ids(org, spec['selected_repository_ids'])
                # age_days: created and last updated that many days ago (for "older than" queries).
                age_days = spec.get('age_days')
                if age_days is not None and (not is_json_int(age_days) or age_days < 0):
                    raise invalid('age_days', 'age_days of %s must be an integer >= 0' % name)
                prepared.append((bucket, name, value, visibility, selected, age_days))
            now = int(time.time())
            stored = []
            for bucket, name, value, visibility, selected, age_days in prepared:
                old = bucket.secrets.get(name)
                secret = Secret(name, value, visibility, selected, now - 86400 * (age_days or 0))
                if old is not None and age_days is None:
                    secret.created_at = old.created_at
                    secret.updated_at = old.updated_at
                    secret.touch(now)
                bucket.secrets[name] = secret
                stored.append((bucket.name, secret))
            return stored

    def check_repo_ids(self, org, ids, item_type='integer'):
        """A set of repository ids of the org, sent as JSON items of item_type (422 naming the bad ones)."""
        ids = parse_repo_ids(ids, item_type)
        missing = [i for i in ids if i not in org.repositories]
        if missing:
            raise invalid('selected_repository_ids', 'Repositories not found in organization %s: %s.' % (
                org.login, ', '.join(str(i) for i in missing)), 'not_found')
        return set(ids)

    def decrypt(self, store, key_id, encrypted_value):
        if not isinstance(key_id, str):
            raise invalid('key_id', 'key_id must be a string.')
        if not isinstance(encrypted_value, str):
            raise invalid('encrypted_value', 'encrypted_value must be a string.')
        # Test-only memory of every ciphertext received, so secrecy tests can look for them in output.
        self.ciphertexts.append(encrypted_value)
        if key_id != store.key_id:
            raise invalid('key_id', "key_id '%s' is not the ID of the current public key of the %s secrets of organization %s: "
                                    "fetch the public key again and re-encrypt the value." % (key_id, store.rules.label, store.org.login))
        if not BASE64_RE.fullmatch(encrypted_value):
            raise invalid('encrypted_value', 'encrypted_value is not standard base64 (RFC 4648 alphabet, with padding).')
        try:
            plaintext = SealedBox(store.private_key).decrypt(base64.b64decode(encrypted_value, validate=True))
        except CryptoError:
            raise invalid('encrypted_value', "encrypted_value could not be decrypted: it must be a libsodium sealed box made with the "
                                             "organization's current %s public key." % store.rules.label) from None
        try:
            value = plaintext.decode('utf-8')
        except UnicodeDecodeError:
            raise invalid('encrypted_value', 'The decrypted secret value is not valid UTF-8.') from None
        check_value_size(plaintext)
        return value

    # ----- configuration, request log, rate limit ----------------------------------------------------

    def update_config(self, values):
        with self.lock:
            check_keys(values, tuple(DEFAULT_CONFIG), 'config')
            if 'created_body' in values and values['created_body'] not in CREATED_BODIES:
                raise invalid('created_body', 'created_body must be one of %s' % ', '.join(CREATED_BODIES), resource='Config')
            reads = values.get('eventual_consistency_reads', 0)
            if not is_json_int(reads) or reads < 0:
                raise invalid('eventual_consistency_reads', 'eventual_consistency_reads must be an integer >= 0', resource='Config')
            ttl = values.get('installation_token_ttl', 1)
            if not is_json_int(ttl) or ttl < 1:
                raise invalid('installation_token_ttl', 'installation_token_ttl must be an integer >= 1 (seconds)', resource='Config')
            self.config.update(values)
            return dict(self.config)

    def append_log(self, entry):
        with self.lock:
            self._seq += 1
            entry['seq'] = self._seq
            self.request_log.append(entry)

    def log_entries(self):
        with self.lock:
            return copy.deepcopy(self.request_log)

    def clear_log(self):
        with self.lock:
            self.request_log = []

    def rate_limit_headers(self, token):
        """Per-token core rate limit; the window restarts before remaining would reach 0."""
        with self.lock:
            now = time.time()
            window = self._rate.get(token)
            if window is None or now >= window['reset'] or window['used'] >= RATE_LIMIT - 1:
                window = self._rate[token] = {'used': 0, 'reset': int(now) + 3600}
            window['used'] += 1
            return {
                'x-ratelimit-limit': str(RATE_LIMIT),
                'x-ratelimit-remaining': str(RATE_LIMIT - window['used']),
                'x-ratelimit-reset': str(window['reset']),
                'x-ratelimit-used': str(window['used']),
                'x-ratelimit-resource': 'core',
            }

    def snapshot(self):
        """Test-only introspection, including decrypted values.

        orgs.<login>: login, id, repositories, available_stores, stores.<store>.{public_key, secrets}
        for every store, and (as before stores existed) public_key and secrets of the Codespaces store;
        apps and installation_tokens as in AppRegistry.snapshot (no private key, no token).
        """
        with self.lock:
            orgs = {}
            for org in sorted(self.orgs.values(), key=lambda o: o.login.lower()):
                stores = {name: {'public_key': bucket.public_key, 'secrets': secrets_snapshot(bucket)}
                          for name, bucket in org.stores.items()}
                orgs[org.login] = {
                    'login': org.login,
                    'id': org.id,
                    'public_key': stores[DEFAULT_STORE]['public_key'],
                    'repositories': [{'id': r.id, 'name': r.name, 'full_name': '%s/%s' % (org.login, r.name), 'private': r.private}
                                     for r in org.sorted_repos()],
                    'secrets': stores[DEFAULT_STORE]['secrets'],
                    'available_stores': list(org.available_stores),
                    'stores': stores,
                }
            return dict({'orgs': orgs}, **self.apps.snapshot())


def secrets_snapshot(store):
    return {name: {
        'name': s.name,
        'created_at': iso8601(s.created_at),
        'updated_at': iso8601(s.updated_at),
        'visibility': s.visibility,
        'selected_repository_ids': sorted(s.selected),
        'value': s.value,
    } for name, s in sorted(store.secrets.items())}


def seed_keys(spec):
    """{store: (PrivateKey or None, key_id or None)} of a seed org.

    "keys": {store: {"private_key", "key_id"}} fixes any store's pair; the org's own "private_key"
    and "key_id" fix the Codespaces pair (the seed shape from before there were stores).
    """
    keys = spec.get('keys', {})
    check_keys(keys, tuple(STORES), 'seed org keys')
    pairs = dict(keys)
    if 'private_key' in spec or 'key_id' in spec:
        if DEFAULT_STORE in keys:
            raise invalid('keys', 'seed org %s: give the %s key pair either as private_key/key_id or in keys, not both' % (
                spec.get('login'), DEFAULT_STORE), resource='Simulator')
        pairs[DEFAULT_STORE] = {name: spec[name] for name in ('private_key', 'key_id') if name in spec}
    result = {}
    for store, pair in pairs.items():
        check_keys(pair, ('private_key', 'key_id'), 'seed org key pair')
        private_key = None
        if pair.get('private_key') is not None:
            try:
                private_key = PrivateKey(base64.b64decode(pair['private_key'], validate=True))
            except (ValueError, TypeError, CryptoError):
                raise invalid('private_key', 'seed org %s: the %s private_key is not a base64 libsodium key' % (
                    spec.get('login'), store)) from None
        result[store] = (private_key, pair.get('key_id'))
    return result


def validate_secret_name(name):
    if not isinstance(name, str) or not SECRET_NAME_RE.fullmatch(name):
        raise invalid('name', 'Secret names can only contain alphanumeric characters ([a-z], [A-Z], [0-9]) or underscores (_). '
                              'Spaces are not allowed. Must start with a letter ([a-z], [A-Z]) or underscores (_).')
    if name.upper().startswith('GITHUB_'):
        raise invalid('name', 'Secret names must not start with GITHUB_.')
    return name.upper()


def validate_visibility(body):
    check_supplied(body, ('visibility',))
    visibility = body['visibility']
    if not isinstance(visibility, str) or visibility not in VISIBILITIES:
        raise invalid('visibility', 'Invalid request.\n\nFor \'properties/visibility\', %s is not one of ["all", "private", "selected"].'
                      % json.dumps(visibility))
    return visibility


def check_permitted(body, keys):
    unknown = sorted(set(body) - set(keys))
    if unknown:
        raise invalid(unknown[0], 'Invalid request.\n\n%s %s not permitted keys.' % (
            ', '.join(json.dumps(k) for k in unknown), 'is' if len(unknown) == 1 else 'are'))


def check_supplied(body, fields):
    """GitHub's answer to required body fields that are missing."""
    missing = [f for f in fields if f not in body]
    if missing:
        raise invalid(missing[0], 'Invalid request.\n\n%s %s supplied.' % (
            ', '.join(json.dumps(f) for f in missing), "wasn't" if len(missing) == 1 else "weren't"), 'missing_field')


def parse_repo_ids(ids, item_type='integer'):
    """The repository ids of a selected_repository_ids array as a list of ints; 422 in GitHub's words otherwise.

    item_type 'integer': JSON integers (GitHub: For 'items', "12345" is not an integer.);
    'string': strings of ASCII digits (GitHub: Invalid property /selected_repository_ids/0: `1` is not of type `string`.).
    """
    if not isinstance(ids, list):
        raise invalid('selected_repository_ids', 'Invalid request.\n\nFor \'properties/selected_repository_ids\', %s is not an array.'
                      % json.dumps(ids))
    if item_type == 'string':
        problems = ['Invalid property /selected_repository_ids/%d: `%s` %s.' % (
            n, json.dumps(i), 'is not a string of digits' if isinstance(i, str) else 'is not of type `string`')
            for n, i in enumerate(ids) if not (isinstance(i, str) and REPO_ID_STRING_RE.fullmatch(i))]
        numbers = [] if problems else [int(i) for i in ids]
    else:
        problems = ['For \'items\', %s is not an integer.' % json.dumps(i) for i in ids if not is_json_int(i)]
        numbers = ids
    if problems:
        raise invalid('selected_repository_ids', 'Invalid request.\n\n' + '\n'.join(problems))
    if len(set(numbers)) != len(numbers):
        dupes = sorted({i for i in numbers if numbers.count(i) > 1})
        raise invalid('selected_repository_ids', 'Invalid request.\n\nselected_repository_ids has duplicates: %s.'
                      % ', '.join(str(i) for i in dupes))
    return numbers


def check_value_size(data):
    if len(data) > MAX_VALUE_BYTES:
        raise invalid('encrypted_value', 'The secret value is %d bytes; the maximum is %d bytes (48 KB).' % (len(data), MAX_VALUE_BYTES))
