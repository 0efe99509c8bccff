# -*- coding: utf-8 -*-
# Copyright (c) 2026, secretops.github contributors
# BSD 2-Clause License (see LICENSES/BSD-2-Clause.txt or https://opensource.org/licenses/BSD-2-Clause)
# SPDX-License-Identifier: BSD-2-Clause
#
# PRIVATE: an internal part of secretops.github, not an API for other collections or for playbooks.
# It may change or disappear in any release without notice.

"""GitHub App authentication: a JWT signed with the App's private key buys an installation
token, which the client then uses like a personal token.

The private key, the JWT and the installation token never appear in an error or a log line.
"""

import base64
import calendar
import json
import re
import threading
import time
import traceback

from ansible_collections.secretops.github.plugins.module_utils._errors import (
    GitHubAuthenticationError,
    GitHubDependencyError,
    GitHubError,
    GitHubInputError,
    GitHubNotFoundError,
    GitHubPermissionError,
    shown,
)


def _crypto():
    """cryptography, imported only by a run that authenticates as an App (it costs every task
    noticeable time); a missing library is reported when the App is set up."""
    try:
        from cryptography.exceptions import UnsupportedAlgorithm
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import padding, rsa
    except ImportError:
        raise GitHubDependencyError('cryptography', traceback.format_exc()) from None
    return UnsupportedAlgorithm, hashes, serialization, padding, rsa


# GitHub: iat 60 s in the past absorbs clock drift; exp at most 10 minutes after iat.
JWT_BACKDATE = 60
JWT_LIFETIME = 540
# Mint a new installation token this long before the old one expires.
TOKEN_REFRESH_MARGIN = 60
# A clock this far from GitHub's makes every JWT fail.
CLOCK_SKEW_LIMIT = 30
_DIGITS = re.compile(r'[0-9]{1,20}')
_CLIENT_ID = re.compile(r'Iv[0-9a-zA-Z.]{1,40}')


def pem_from_environment(text):
    """GITHUB_APP_PEM_FILE holds PEM text, as Terraform's provider reads it: literal \\n become newlines."""
    return text.replace('\\n', '\n') if text and '\\n' in text and '\n' not in text else text


class GitHubApp:
    """The App a run authenticates as: its ID, its private key and, optionally, its installation."""

    def __init__(self, app_id, private_key, installation_id=None):
        _crypto()
        self.app_id = _app_id(app_id)
        self.installation_id = _installation_id(installation_id)
        self._key = _private_key(private_key)

    def jwt(self, now=None):
        """A JWT for the App endpoints: RS256, iat 60 s ago, exp 9 minutes ahead, iss the App ID."""
        now = int(time.time() if now is None else now)
        header = {'alg': 'RS256', 'typ': 'JWT'}
        claims = {'iat': now - JWT_BACKDATE, 'exp': now + JWT_LIFETIME, 'iss': self.app_id}
        signing_input = '%s.%s' % (_b64url(json.dumps(header, separators=(',', ':'))),
                                   _b64url(json.dumps(claims, separators=(',', ':'))))
        _unsupported, hashes, _serialization, padding, _rsa = _crypto()
        signature = self._key.sign(signing_input.encode('ascii'), padding.PKCS1v15(), hashes.SHA256())
        return '%s.%s' % (signing_input, _b64url(signature))


def _app_id(app_id):
    text = str(app_id).strip() if isinstance(app_id, (str, int)) and not isinstance(app_id, bool) else ''
    if not (_DIGITS.fullmatch(text) or _CLIENT_ID.fullmatch(text)):
        raise GitHubInputError('app_id %s is not a GitHub App ID: give the numeric App ID (or the client ID, Iv...) '
                               'from the App settings page' % shown(app_id), option='app_id')
    return text


def _installation_id(installation_id):
    if installation_id is None or installation_id == '':
        return None
    text = str(installation_id).strip() if not isinstance(installation_id, bool) else ''
    if not _DIGITS.fullmatch(text):
        raise GitHubInputError('app_installation_id %s is not an installation ID: give the number at the end of the '
                               "installation's settings URL, or leave it out to find it from org"
                               % shown(installation_id), option='app_installation_id')
    return int(text)


def _private_key(pem):
    """The RSA private key of a PEM text; errors name the option, never the key."""
    if not isinstance(pem, str) or not pem.strip():
        raise GitHubInputError('app_private_key is empty: give the App private key (PEM text) or app_private_key_path',
                               option='app_private_key')
    unsupported_algorithm, _hashes, serialization, _padding, rsa = _crypto()
    data = pem.strip().encode('ascii', 'replace')
    if b'ENCRYPTED' in data:
        raise GitHubInputError('app_private_key is encrypted with a passphrase: give the key GitHub generated, '
                               'unencrypted (store it in Ansible Vault or a credential instead)', option='app_private_key')
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except TypeError:
        raise GitHubInputError('app_private_key is encrypted with a passphrase: give the key GitHub generated, '
                               'unencrypted', option='app_private_key') from None
    except (ValueError, unsupported_algorithm):
        raise GitHubInputError('app_private_key is not a PEM private key: give the whole .pem file GitHub generated '
                               'for the App, from -----BEGIN RSA PRIVATE KEY----- to its END line',
                               option='app_private_key') from None
    if not isinstance(key, rsa.RSAPrivateKey):
        raise GitHubInputError('app_private_key is not an RSA key: GitHub App keys are RSA keys in PEM format',
                               option='app_private_key')
    return key


def _b64url(data):
    if isinstance(data, str):
        data = data.encode('utf-8')
    return base64.urlsafe_b64encode(data).rstrip(b'=').decode('ascii')


class InstallationTokens:
    """One installation token per run, shared by every thread, minted again when it expires.

    ``client`` sends the App requests (with the JWT as their own auth); ``org`` finds the
    installation when the App was given without one; ``permissions`` are the App permissions of
    the stores the run uses, checked on the minted token so a missing grant fails before any
    secret request.
    """

    def __init__(self, client, app, org, permissions=(), clock=time.time):
        self._client = client
        self._app = app
        self._org = org
        self._permissions = list(permissions)
        self._clock = clock
        self._lock = threading.Lock()
        self._token = None
        self._expires_at = 0
        self._failure = None

    def current(self):
        """The token to use now, minting one when there is none or it is about to expire."""
        with self._lock:
            if self._failure is None and (self._token is None or self._clock() >= self._expires_at - TOKEN_REFRESH_MARGIN):
                self._mint()
            return self._token_or_failure()

    def refresh(self, rejected):
        """A request with ``rejected`` got 401: mint a new token unless another thread already did."""
        with self._lock:
            if self._failure is None and self._token == rejected:
                self._mint()
            return self._token_or_failure()

    def _token_or_failure(self):
        # Threads waiting on the lock while a mint failed get that failure, not a mint of their own.
        if self._failure is not None:
            raise self._failure
        return self._token

    def _mint(self):
        try:
            self._mint_token()
        except GitHubError as error:
            self._failure = error
            self._token = None

    def _mint_token(self):
        installation_id = self._app.installation_id or self._find_installation()
        response = self._app_request('POST', self._client.path('app', 'installations', installation_id, 'access_tokens'),
                                     what='mint an installation token')
        data = response.data if isinstance(response.data, dict) else {}
        token = data.get('token')
        if not isinstance(token, str) or not token:
            raise GitHubError('POST /app/installations/%s/access_tokens returned no token' % installation_id,
                              hint='Check that api_url is the GitHub API root')
        self._check_permission(data.get('permissions'), installation_id)
        self._token = token
        self._expires_at = _timestamp(data.get('expires_at'), self._clock() + 3600)

    def _find_installation(self):
        response = self._app_request('GET', self._client.path('orgs', self._org, 'installation'),
                                     what='find its installation on %s' % self._org)
        data = response.data if isinstance(response.data, dict) else {}
        if data.get('suspended_at'):
            raise GitHubPermissionError('The GitHub App %s is installed on %s but suspended: an organization owner '
                                        'must unsuspend it' % (self._app.app_id, self._org))
        if not isinstance(data.get('id'), int):
            raise GitHubError('GET /orgs/%s/installation returned no installation id' % self._org)
        # The installation lists its permissions: a missing grant fails before a token is minted for nothing.
        self._check_permission(data.get('permissions'), data['id'])
        self._app.installation_id = data['id']
        return data['id']

    def _check_permission(self, granted, installation_id):
        """Each store the run uses needs its App permission: say which is missing before any secret request."""
        if not isinstance(granted, dict):
            return
        missing = [name for name in self._permissions if granted.get(name) not in ('read', 'write')]
        if missing:
            raise GitHubPermissionError(
                'The GitHub App %s (installation %s) has no %s permission on %s: an owner must grant the App the '
                'organization permission%s %s (read and write to change secrets) and accept it for the installation'
                % (self._app.app_id, installation_id, ' or '.join(missing), self._org, 's' if len(missing) > 1 else '',
                   ', '.join(missing)))

    def _app_request(self, method, path, what):
        """A request authenticated with a fresh JWT; App-specific errors say what to fix."""
        try:
            return self._client.request(method, path, bearer=self._app.jwt(self._clock()))
        except GitHubAuthenticationError as error:
            raise _jwt_refused(error, self._app.app_id, self._client.clock_skew()) from None
        except GitHubNotFoundError as error:
            if path.endswith('/installation'):
                raise GitHubNotFoundError(
                    'The GitHub App %s is not installed on the organization %s (%s)' % (self._app.app_id, self._org, what),
                    status=error.status, method=error.method, path=error.path,
                    hint='Install the App on the organization (Settings, GitHub Apps), or check org and app_id') from None
            raise GitHubNotFoundError(
                'GitHub has no installation %s of the App %s' % (self._app.installation_id, self._app.app_id),
                status=error.status, method=error.method, path=error.path,
                hint='Check app_installation_id, or leave it out to find the installation from org') from None


def _jwt_refused(error, app_id, skew):
    message = (error.github_message or '').lower()
    if skew is not None and abs(skew) > CLOCK_SKEW_LIMIT or "'iat'" in message or "'exp'" in message:
        clock = ('this host\'s clock is %d seconds %s GitHub\'s' % (abs(skew), 'behind' if skew > 0 else 'ahead of')
                 if skew is not None else 'the clock of this host seems far off')
        return GitHubAuthenticationError(
            'GitHub refused the App\'s JWT: %s (GitHub said: %s)' % (clock, error.github_message or 'HTTP 401'),
            status=error.status, method=error.method, path=error.path,
            hint='Synchronise the clock of the host that runs the task (NTP); a JWT is only valid for minutes')
    return GitHubAuthenticationError(
        'GitHub refused the JWT of the App %s (GitHub said: %s)' % (app_id, error.github_message or 'HTTP 401'),
        status=error.status, method=error.method, path=error.path,
        hint='Check app_id (the App ID or client ID on the App settings page) and that app_private_key is a current '
             'private key of that App')


def _timestamp(text, default):
    try:
        return calendar.timegm(time.strptime(str(text), '%Y-%m-%dT%H:%M:%SZ'))
    except ValueError:
        return default


APP_OPTIONS = ('app_id', 'app_installation_id', 'app_private_key', 'app_private_key_path')
APP_ENV_VARIABLES = {'app_id': 'GITHUB_APP_ID', 'app_installation_id': 'GITHUB_APP_INSTALLATION_ID',
                     'app_private_key': 'GITHUB_APP_PEM_FILE'}


def choose_credentials(explicit, environ, token_variables):
    """Which credentials a run uses: ``(token, None)`` or ``(None, GitHubApp)``.

    ``explicit`` maps token and the App options to what the task or lookup was given (None: not
    given); ``environ`` is the environment. A token and an App given explicitly together are an
    error; an explicit option beats the environment; from the environment alone, complete App
    credentials (GITHUB_APP_ID and GITHUB_APP_PEM_FILE) win over GITHUB_TOKEN / GH_TOKEN.
    Empty values count as not given.
    """
    given = dict((name, value) for name, value in explicit.items() if value not in (None, ''))
    app_given = [name for name in APP_OPTIONS if name in given]
    if 'token' in given and app_given:
        raise GitHubInputError('token and %s are mutually exclusive: authenticate with a token or as a GitHub App, '
                               'not both' % app_given[0], option='token')
    if 'token' in given:
        return given['token'], None
    env_app = dict((name, environ.get(variable)) for name, variable in APP_ENV_VARIABLES.items()
                   if environ.get(variable))
    if app_given or ('app_id' in env_app and 'app_private_key' in env_app):
        return None, _app_from(given, env_app)
    return next((environ[name] for name in token_variables if environ.get(name)), None), None


def _app_from(given, env_app):
    if 'app_private_key' in given and 'app_private_key_path' in given:
        raise GitHubInputError('app_private_key and app_private_key_path are mutually exclusive: give the PEM text or '
                               'the path of the .pem file', option='app_private_key')
    app_id = given.get('app_id', env_app.get('app_id'))
    if app_id is None:
        raise GitHubInputError('GitHub App authentication needs app_id (or the GITHUB_APP_ID environment variable): '
                               'the App ID from the App settings page', option='app_id')
    if 'app_private_key_path' in given:
        pem = _read_key_file(given['app_private_key_path'])
    elif 'app_private_key' in given:
        pem = given['app_private_key']
    elif 'app_private_key' in env_app:
        pem = pem_from_environment(env_app['app_private_key'])
    else:
        raise GitHubInputError('app_id %s needs the App private key: set app_private_key (PEM text), '
                               'app_private_key_path, or the GITHUB_APP_PEM_FILE environment variable'
                               % shown(app_id), option='app_private_key')
    return GitHubApp(app_id, pem, given.get('app_installation_id', env_app.get('app_installation_id')))


def _read_key_file(path):
    try:
        with open(path, 'r') as handle:
            return handle.read(64 * 1024)
    except (OSError, UnicodeDecodeError, TypeError) as exc:
        reason = getattr(exc, 'strerror', None) or type(exc).__name__
        raise GitHubInputError('app_private_key_path %s cannot be read (%s): give the path of the App\'s .pem file on '
                               'the host that runs the task' % (shown(path), reason), option='app_private_key_path') from None
