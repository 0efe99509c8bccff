"""GitHub Apps: RSA key pairs, JWTs (made for tests, checked for the API), installations per org and installation tokens.

An App has a numeric id, a slug, a client id (``Iv1.`` + 16 hex digits) and an RSA key pair,
generated on first use unless a PEM is given. It authenticates with a JWT (RS256, signed with its
private key; rules below, from ``shared/api-reference/github-app-installation-tokens.md``) on the
App routes only, where it can find its installation on an org and mint installation tokens:
``ghs_`` + 36 letters and digits, valid for the configured TTL, carrying the installation's
permissions (or fewer, when the mint asks for fewer) on that org only. Tokens are kept by their
SHA-256, never in clear. Which routes need which permission is auth.py's business.

JWT rules (each broken rule is a 401 with the message below):
- three base64url parts of JSON, header ``alg`` ``RS256`` (``none``, ``HS256``... are not decoded)
  and a valid RS256 signature by the App's key: JWT_UNDECODABLE;
- ``iss`` the App id (integer or string of digits) or its client id: JWT_NO_APP otherwise;
- ``iat`` an integer, not more than JWT_SKEW seconds in the future: JWT_BAD_IAT;
- ``exp`` a number after now: JWT_BAD_EXP; at most JWT_MAX_LIFETIME after ``iat`` and after now: JWT_EXP_TOO_FAR.
"""

import base64
import functools
import hashlib
import hmac
import json
import math
import re
import secrets as pysecrets
import string
import time

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from .wire import DOC_ROOT, ApiError, check_keys, invalid, is_json_int, iso8601

JWT_MAX_LIFETIME = 600  # exp at most 10 minutes after iat (and after now)
JWT_SKEW = 60  # iat may be this far in the future (clock drift)
DEFAULT_TOKEN_TTL = 3600  # installation tokens live one hour
TOKEN_PREFIX = 'ghs_'
TOKEN_ALPHABET = string.ascii_letters + string.digits
LEVELS = ('read', 'write')
# Every installation can read metadata, as on GitHub (a simulator installation may drop it with null).
DEFAULT_PERMISSIONS = {'metadata': 'read'}
FIRST_APP_ID = 100001
FIRST_INSTALLATION_ID = 50000001
RSA_BITS = 2048

JWT_UNDECODABLE = 'A JSON web token could not be decoded'
JWT_NO_APP = 'Integration not found'
JWT_BAD_IAT = "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued"
JWT_BAD_EXP = "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires"
JWT_EXP_TOO_FAR = "'Expiration time' claim ('exp') is too far in the future"

CLIENT_ID_RE = re.compile(r'Iv[0-9A-Za-z.]{4,40}')  # Iv1.0123456789abcdef (older) or Iv23li... (newer)
SLUG_RE = re.compile(r'[a-z0-9](?:[a-z0-9-]{0,33}[a-z0-9])?')
PERMISSION_RE = re.compile(r'[a-z][a-z_]{0,62}')


# ----- JWT encoding (tests build good and bad JWTs with make_jwt) -----------------------------------

def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b'=').decode('ascii')


def b64url_decode(text):
    """Unpadded base64url, strictly (ValueError otherwise)."""
    if not re.fullmatch(r'[A-Za-z0-9_-]*', text) or len(text) % 4 == 1:
        raise ValueError('not base64url')
    return base64.urlsafe_b64decode(text + '=' * (-len(text) % 4))


def load_private_key(pem):
    """An RSA private key from PEM text (PKCS#1 or PKCS#8); ValueError for anything else."""
    if isinstance(pem, str):
        pem = pem.encode('utf-8')
    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm):
        raise ValueError('not an unencrypted PEM private key') from None
    if not isinstance(key, rsa.RSAPrivateKey):
        raise ValueError('not an RSA private key')
    return key


@functools.lru_cache(maxsize=32)
def signing_key(pem):
    """load_private_key for make_jwt, cached: loading checks the key, which costs more than signing."""
    return load_private_key(pem)


def pem_text(private_key):
    """PKCS#1 ("BEGIN RSA PRIVATE KEY"), the format of the key files GitHub hands out."""
    return private_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                                     serialization.NoEncryption()).decode('ascii')


def encode_jwt(claims, app_pem, alg='RS256', header=None):
    """A compact JWT of any claims. alg 'RS256' signs with the PEM's key; 'HS256' uses the PEM's public
    key as HMAC secret (the classic algorithm confusion); 'none' has an empty signature."""
    header = dict({'alg': alg, 'typ': 'JWT'}, **(header or {}))
    signing_input = '%s.%s' % (b64url(json.dumps(header, separators=(',', ':')).encode('utf-8')),
                               b64url(json.dumps(claims, separators=(',', ':')).encode('utf-8')))
    key = signing_key(app_pem)
    if alg == 'RS256':
        signature = key.sign(signing_input.encode('ascii'), padding.PKCS1v15(), hashes.SHA256())
    elif alg == 'HS256':
        public_pem = key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        signature = hmac.new(public_pem, signing_input.encode('ascii'), hashlib.sha256).digest()
    elif alg == 'none':
        signature = b''
    else:
        raise ValueError('alg must be RS256, HS256 or none')
    return '%s.%s' % (signing_input, b64url(signature))


def make_jwt(app_pem, app_id, iat=None, exp=None, alg='RS256'):
    """An App JWT as a client makes one: iss app_id (as given: int, digits or a client id), iat 60 s in
    the past and exp iat + 10 minutes unless given (any JSON value, to build bad JWTs)."""
    now = int(time.time())
    if iat is None:
        iat = now - JWT_SKEW
    if exp is None:
        exp = (iat if is_json_int(iat) else now - JWT_SKEW) + JWT_MAX_LIFETIME
    return encode_jwt({'iat': iat, 'exp': exp, 'iss': app_id}, app_pem, alg)


def looks_like_jwt(credential):
    # Three dot-separated parts; GitHub's tokens (ghp_, ghs_, gho_...) have no dot.
    return credential.count('.') == 2


# ----- the model -----------------------------------------------------------------------------------

class App:
    def __init__(self, app_id, slug, client_id, private_key=None, pem=None):
        self.id = app_id
        self.slug = slug
        self.client_id = client_id
        self._private_key = private_key
        self._pem = pem
        self.created_at = int(time.time())
        self.installations = {}  # org login (lower case) -> Installation

    @property
    def private_key(self):
        # 2048-bit generation takes a noticeable moment: only for Apps that are used.
        if self._private_key is None:
            self._private_key = rsa.generate_private_key(public_exponent=65537, key_size=RSA_BITS)
        return self._private_key

    @property
    def private_key_pem(self):
        """The PEM the App was given, else the generated key in PKCS#1."""
        if self._pem is None:
            self._pem = pem_text(self.private_key)
        return self._pem

    def verify(self, signing_input, signature):
        try:
            self.private_key.public_key().verify(signature, signing_input, padding.PKCS1v15(), hashes.SHA256())
            return True
        except InvalidSignature:
            return False

    @property
    def permissions(self):
        """What the App asks of its installations: the highest level any of them grants per permission."""
        merged = {}
        for installation in self.installations.values():
            for name, level in installation.permissions.items():
                if merged.get(name) != 'write':
                    merged[name] = level
        return dict(sorted(merged.items()))


class Installation:
    def __init__(self, installation_id, app, org, permissions, suspended):
        self.id = installation_id
        self.app = app
        self.org = org
        self.permissions = permissions
        self.suspended_at = int(time.time()) if suspended else None
        self.created_at = int(time.time())
        self.repository_selection = 'all'


class InstallationToken:
    def __init__(self, installation, permissions, expires_at):
        self.installation = installation
        self.permissions = permissions
        self.expires_at = expires_at  # epoch seconds (whole): valid while now < expires_at

    def expired(self, now=None):
        return (time.time() if now is None else now) >= self.expires_at

    def allows(self, permission, level):
        granted = self.permissions.get(permission)
        return granted == 'write' or granted == level


def token_digest(token):
    return hashlib.sha256(token.encode('utf-8')).hexdigest()


def check_levels(permissions, what, allow_null=False):
    """A permissions object {name: read|write} (null too where allowed); 422 otherwise."""
    if not isinstance(permissions, dict):
        raise invalid('permissions', '%s must be an object of permission names to "read" or "write"' % what, resource='Installation')
    for name, level in permissions.items():
        if not PERMISSION_RE.fullmatch(name) or not (level in LEVELS or (allow_null and level is None)):
            raise invalid('permissions', '%s: %s must be a permission name with the level "read" or "write", not %s' % (
                what, json.dumps(name), json.dumps(level)), resource='Installation')
    return permissions


def downscope(granted, requested):
    """The permissions of a token asking for `requested` (None: all granted); 422 when it asks for more.

    metadata: read comes along when granted, as on GitHub.
    """
    if requested is None:
        return dict(granted)
    check_levels(requested, 'permissions')
    for name, level in requested.items():
        if granted.get(name) not in (level, 'write'):
            raise ApiError(422, 'The permissions requested are not granted to this installation.')
    result = dict(requested)
    if 'metadata' in granted:
        result.setdefault('metadata', 'read')
    return result


class AppRegistry:
    """The Apps, their installations and the installation tokens minted; every method takes the state's lock."""

    def __init__(self, lock):
        self.lock = lock
        self.apps = {}  # id -> App
        self.installations = {}  # id -> Installation
        self.tokens = {}  # sha256 hex of the token -> InstallationToken

    def add_app(self, spec):
        """spec: {"id"?, "slug"?, "client_id"?, "private_key_pem"?} (control route and seed)."""
        check_keys(spec, ('id', 'slug', 'client_id', 'private_key_pem'), 'app')
        with self.lock:
            app_id = spec.get('id')
            if app_id is None:
                app_id = max(list(self.apps) + [FIRST_APP_ID - 1]) + 1
            elif not is_json_int(app_id) or app_id < 1 or app_id in self.apps:
                raise invalid('id', 'App id %s is not a positive integer or is taken' % json.dumps(app_id), resource='App')
            slug = spec.get('slug', 'sim-app-%d' % app_id)
            if not isinstance(slug, str) or not SLUG_RE.fullmatch(slug) or any(a.slug == slug for a in self.apps.values()):
                raise invalid('slug', 'App slug %s is not a lower-case slug or is taken' % json.dumps(slug), resource='App')
            client_id = spec.get('client_id')
            if client_id is None:
                client_id = 'Iv1.' + pysecrets.token_hex(8)
            elif not isinstance(client_id, str) or not CLIENT_ID_RE.fullmatch(client_id) or \
                    any(a.client_id == client_id for a in self.apps.values()):
                raise invalid('client_id', 'App client_id %s is not like Iv1.0123456789abcdef or is taken' % json.dumps(client_id),
                              resource='App')
            private_key = pem = None
            if spec.get('private_key_pem') is not None:
                pem = spec['private_key_pem']
                try:
                    private_key = load_private_key(pem) if isinstance(pem, str) else None
                except ValueError:
                    private_key = None
                if private_key is None:
                    raise invalid('private_key_pem', 'private_key_pem must be an unencrypted RSA private key in PEM', resource='App')
            app = App(app_id, slug, client_id, private_key, pem)
            self.apps[app_id] = app
            return app

    def get_app(self, app_id):
        with self.lock:
            return self.apps.get(app_id)

    def add_installation(self, app, org, spec):
        """spec: {"org", "permissions", "id"?, "suspended"?}; org: the Organization it names."""
        check_keys(spec, ('org', 'permissions', 'id', 'suspended'), 'installation')
        with self.lock:
            permissions = dict(DEFAULT_PERMISSIONS)
            permissions.update(check_levels(spec.get('permissions', {}), 'permissions', allow_null=True))
            permissions = {name: level for name, level in sorted(permissions.items()) if level is not None}
            installation_id = spec.get('id')
            if installation_id is None:
                installation_id = max(list(self.installations) + [FIRST_INSTALLATION_ID - 1]) + 1
            elif not is_json_int(installation_id) or installation_id < 1 or installation_id in self.installations:
                raise invalid('id', 'Installation id %s is not a positive integer or is taken' % json.dumps(installation_id),
                              resource='Installation')
            suspended = spec.get('suspended', False)
            if not isinstance(suspended, bool):
                raise invalid('suspended', 'suspended must be true or false', resource='Installation')
            if org.login.lower() in app.installations:
                raise ApiError(409, 'App %d is already installed on %s' % (app.id, org.login))
            installation = Installation(installation_id, app, org, permissions, suspended)
            app.installations[org.login.lower()] = installation
            self.installations[installation_id] = installation
            return installation

    def find_app(self, iss):
        """The App a JWT's iss names: its id (integer or digits) or its client id."""
        with self.lock:
            if is_json_int(iss):
                return self.apps.get(iss)
            if isinstance(iss, str):
                if re.fullmatch(r'[0-9]{1,18}', iss):
                    return self.apps.get(int(iss))
                return next((a for a in self.apps.values() if a.client_id == iss), None)
            return None

    def authenticate_jwt(self, jwt, now=None):
        """The App a JWT authenticates, else ApiError 401 (module docstring)."""
        now = time.time() if now is None else now
        undecodable = ApiError(401, JWT_UNDECODABLE, DOC_ROOT)
        parts = jwt.split('.')
        try:
            header, claims = (json.loads(b64url_decode(part)) for part in parts[:2])
            signature = b64url_decode(parts[2])
        except (ValueError, UnicodeDecodeError, IndexError):
            raise undecodable from None
        if not isinstance(header, dict) or not isinstance(claims, dict) or header.get('alg') != 'RS256':
            raise undecodable
        app = self.find_app(claims.get('iss'))
        if app is None:
            raise ApiError(401, JWT_NO_APP, DOC_ROOT)
        with self.lock:
            if not app.verify(('%s.%s' % (parts[0], parts[1])).encode('ascii'), signature):
                raise undecodable
        iat, exp = claims.get('iat'), claims.get('exp')
        if not is_json_int(iat) or iat > now + JWT_SKEW:
            raise ApiError(401, JWT_BAD_IAT, DOC_ROOT)
        if not (is_json_int(exp) or isinstance(exp, float)) or exp <= now:
            raise ApiError(401, JWT_BAD_EXP, DOC_ROOT)
        if exp - iat > JWT_MAX_LIFETIME or exp > now + JWT_MAX_LIFETIME:
            raise ApiError(401, JWT_EXP_TOO_FAR, DOC_ROOT)
        return app

    def mint(self, installation, permissions, ttl):
        """A new token string for the installation with these permissions, valid ttl seconds; and its record."""
        with self.lock:
            token = TOKEN_PREFIX + ''.join(pysecrets.choice(TOKEN_ALPHABET) for _index in range(36))
            record = InstallationToken(installation, permissions, math.ceil(time.time() + ttl))
            self.tokens[token_digest(token)] = record
            return token, record

    def find_token(self, token):
        """The InstallationToken of a token string (expired or not), else None."""
        with self.lock:
            return self.tokens.get(token_digest(token))

    def snapshot(self):
        """apps: id, slug, client_id, installations (id, org, permissions, suspended); installation_tokens:
        installation_id, app_id, org, permissions, expires_at, expired, token_sha256. No keys, no tokens."""
        with self.lock:
            apps = [{
                'id': app.id,
                'slug': app.slug,
                'client_id': app.client_id,
                'installations': [installation_summary(i) for i in sorted(app.installations.values(), key=lambda i: i.id)],
            } for app in sorted(self.apps.values(), key=lambda a: a.id)]
            tokens = [{
                'installation_id': record.installation.id,
                'app_id': record.installation.app.id,
                'org': record.installation.org.login,
                'permissions': record.permissions,
                'expires_at': iso8601(record.expires_at),
                'expired': record.expired(),
                'token_sha256': digest,
            } for digest, record in self.tokens.items()]
            return {'apps': apps, 'installation_tokens': tokens}


def installation_summary(installation):
    return {
        'id': installation.id,
        'app_id': installation.app.id,
        'org': installation.org.login,
        'permissions': dict(installation.permissions),
        'suspended': installation.suspended_at is not None,
        'repository_selection': installation.repository_selection,
    }
