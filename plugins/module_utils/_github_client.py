# -*- coding: utf-8 -*-
# Copyright (c) 2026, secretops.github contributors
# BSD 2-Clause License (see LICENSES/BSD-2-Clause.txt or https://opensource.org/licenses/BSD-2-Clause)
# SPDX-License-Identifier: BSD-2-Clause
#
# PRIVATE: an internal part of secretops.github, not an API for other collections or for playbooks.
# It may change or disappear in any release without notice.

"""HTTP transport for the GitHub REST API: one session, retries, rate limits, pagination.

It knows nothing of secret stores (see _secrets_api.py and _stores.py) nor of Ansible.
"""

import datetime
import email.utils
import math
import os
import random
import re
import time
import traceback
from urllib.parse import quote, urlsplit

from ansible_collections.secretops.github.plugins.module_utils._errors import (
    GitHubDependencyError,
    GitHubHTTPError,
    GitHubInputError,
    GitHubRateLimitError,
    GitHubTransportError,
    http_error,
    shown,
)
from ansible_collections.secretops.github.plugins.module_utils._app_auth import InstallationTokens
from ansible_collections.secretops.github.plugins.module_utils._version import COLLECTION_NAME, COLLECTION_VERSION

try:
    import requests
    import urllib3
    from requests.auth import AuthBase
    REQUESTS_IMPORT_ERROR = None
except ImportError:
    REQUESTS_IMPORT_ERROR = traceback.format_exc()
    AuthBase = object

DEFAULT_API_URL = 'https://api.github.com'
# Stands in for the token while validating a client that authenticates as a GitHub App.
_APP_PLACEHOLDER = 'github-app'
# Where the token and API root come from when not given, first found wins (as for gh and GitHub Actions).
TOKEN_ENV_VARIABLES = ('GITHUB_TOKEN', 'GH_TOKEN')
API_URL_ENV_VARIABLE = 'GITHUB_API_URL'
DEFAULT_API_VERSION = '2026-03-10'
# GitHub Enterprise Server up to 3.20 accepts only this version; its API root is https://HOST/api/v3.
GHES_API_VERSION = '2022-11-28'
MEDIA_TYPE = 'application/vnd.github+json'
PAGE_SIZE = 100
# Connections kept per host: enough for the bulk module's concurrent writes.
POOL_SIZE = 16
RETRY_STATUSES = frozenset((500, 502, 503, 504))
# GitHub asks clients to wait at least a minute on a secondary rate limit without Retry-After.
SECONDARY_RATE_LIMIT_WAIT = 60
_API_VERSION = re.compile(r'[0-9]{4}-[0-9]{2}-[0-9]{2}')
_TOKEN = re.compile(r'[\x21-\x7e]+')
DEFAULT_PORTS = {'http': 80, 'https': 443}


class _BearerAuth(AuthBase):
    """Bearer token as session auth, so requests never swaps in ~/.netrc credentials.

    ``token`` is a string, or a callable returning the current one (a GitHub App's installation token).
    """

    def __init__(self, token):
        self._token = token

    def __call__(self, request):
        token = self._token() if callable(self._token) else self._token
        request.headers['Authorization'] = 'Bearer %s' % token
        return request


class ApiResponse:
    """What callers need from a response: status, parsed JSON (or None), headers."""

    def __init__(self, status, data, headers):
        self.status = status
        self.data = data
        self.headers = headers


def quote_segment(segment):
    """Quote one path segment so '/', '?', '#', '%' and dot-segments cannot change the path."""
    text = quote(str(segment), safe='')
    if text in ('.', '..'):
        text = text.replace('.', '%2E')
    return text


def is_ghes_url(api_url):
    """A GitHub Enterprise Server API root (https://HOST/api/v3), not GitHub.com or GHE.com."""
    parts = urlsplit(api_url)
    return parts.path.rstrip('/').lower().endswith('/api/v3') and (parts.hostname or '').lower() != 'api.github.com'


def default_api_version(api_url):
    return GHES_API_VERSION if is_ghes_url(api_url) else DEFAULT_API_VERSION


def validate_connection(api_url, token, api_version, timeout, max_retries, max_retry_wait, ca_path=None):
    """Reject bad connection options before any request; returns (api_url normalised, api_version).

    Messages name the option and the fix; they never hold the token, nor credentials from api_url.
    """
    validate_token(token)
    url = validate_api_url(api_url)
    if api_version is None:
        api_version = default_api_version(url)
    if not isinstance(api_version, str) or not _API_VERSION.fullmatch(api_version):
        raise GitHubInputError(
            'api_version %s is not a GitHub API version: use a date such as %s (the default) or 2022-11-28'
            % (shown(api_version), DEFAULT_API_VERSION), option='api_version')
    _check_number('timeout', timeout, 'a number of seconds greater than 0', lambda n: n > 0)
    _check_number('max_retries', max_retries, '0 or more', lambda n: n >= 0)
    _check_number('max_retry_wait', max_retry_wait, '0 or more seconds', lambda n: n >= 0)
    if ca_path is not None:
        if not isinstance(ca_path, str) or not ca_path.strip():
            raise GitHubInputError('ca_path is empty: give the path of a PEM file of CA certificates, or leave it out',
                                   option='ca_path')
        if not os.path.isfile(ca_path):
            raise GitHubInputError('ca_path %s does not exist or is not a file: give the path of a PEM file of '
                                   'CA certificates on the host that runs the task' % shown(ca_path), option='ca_path')
    return url, api_version


def validate_token(token):
    if not token:
        raise GitHubInputError(
            'No GitHub token: set the token option, or the GITHUB_TOKEN or GH_TOKEN environment variable, or '
            'authenticate as a GitHub App with app_id and app_private_key', option='token')
    if not isinstance(token, str):
        raise GitHubInputError('token must be a string, not %s: quote it' % type(token).__name__, option='token')
    if any(ch in token for ch in '\r\n'):
        raise GitHubInputError('The token contains a line break: pass the token alone, without a newline', option='token')
    if not _TOKEN.fullmatch(token):
        # GitHub tokens are printable ASCII; anything else cannot go into an HTTP header.
        raise GitHubInputError('token contains characters that are not printable ASCII (spaces, accents or other '
                               'symbols): check that the token option or the GITHUB_TOKEN / GH_TOKEN variable '
                               'holds only the token', option='token')


def validate_api_url(api_url):
    """The API root without a trailing slash; never falls back to another host."""
    if api_url is None:
        api_url = DEFAULT_API_URL
    if not isinstance(api_url, str):
        raise GitHubInputError('api_url must be a string such as https://api.github.com, not %s'
                               % type(api_url).__name__, option='api_url')
    url = api_url.strip()
    if not url:
        raise GitHubInputError('api_url is empty: leave it out for https://api.github.com, or give the API root, '
                               'https://HOST/api/v3 for GitHub Enterprise Server', option='api_url')
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise GitHubInputError('api_url is not a valid URL (%s): give the API root, such as https://api.github.com '
                               'or https://HOST/api/v3' % _url_problem(exc), option='api_url') from None
    if parts.username is not None or parts.password is not None or '@' in parts.netloc:
        # Never echo it: the URL holds credentials.
        raise GitHubInputError('api_url must not contain a user name or password: remove them from the URL and '
                               'give the token with the token option', option='api_url')
    if parts.scheme.lower() not in ('http', 'https') or not parts.hostname or parts.query or parts.fragment:
        raise GitHubInputError(
            'api_url %s is not an http(s) URL of the API root: use https://api.github.com, '
            'or https://HOST/api/v3 for GitHub Enterprise Server' % shown(url), option='api_url')
    if not _is_ascii_printable(url):
        raise GitHubInputError('api_url %s contains spaces or characters that are not printable ASCII'
                               % shown(url), option='api_url')
    if port == 0:
        raise GitHubInputError('api_url %s has an invalid port: use a port from 1 to 65535' % shown(url), option='api_url')
    return url.rstrip('/')


def _url_problem(exc):
    text = str(exc)
    if 'Port' in text or 'port' in text:
        return 'invalid port: use a port from 1 to 65535'
    if 'IPv6' in text:
        return 'an IPv6 address needs both brackets, as in https://[::1]:8443'
    return 'it cannot be parsed'


def _check_number(option, value, what, ok):
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or not ok(value):
        raise GitHubInputError('%s must be %s, not %s' % (option, what, shown(value)), option=option)


def _is_ascii_printable(text):
    return all(' ' < ch < '\x7f' for ch in text)


def same_origin(url, other):
    """Scheme, host and port equal, ignoring case and default ports (a pagination link may spell them out)."""
    def origin(text):
        parts = urlsplit(text)
        scheme = parts.scheme.lower()
        try:
            port = parts.port
        except ValueError:
            return None
        return scheme, (parts.hostname or '').lower(), port or DEFAULT_PORTS.get(scheme)
    mine = origin(url)
    return mine is not None and mine == origin(other)


class GitHubClient:
    """A thin, URL-safe GitHub REST client. Build one per task and reuse it."""

    def __init__(self, api_url, token=None, api_version=None, validate_certs=True, ca_path=None,
                 timeout=30, max_retries=3, max_retry_wait=60, backoff_base=1.0, sleep=time.sleep, clock=time.time,
                 app=None, org=None, app_permissions=()):
        """``token``, or ``app`` (a GitHubApp) with the ``org`` whose installation it uses and the App
        permissions the run needs (checked when the installation token is minted)."""
        if REQUESTS_IMPORT_ERROR is not None:
            raise GitHubDependencyError('requests', REQUESTS_IMPORT_ERROR)
        if app is not None:
            token = _APP_PLACEHOLDER  # validated below like any token; never sent
        # api_version None: 2022-11-28 for a GitHub Enterprise Server root, else the newest.
        self.api_url, self.api_version = validate_connection(
            api_url, token, api_version, timeout, max_retries, max_retry_wait, ca_path)
        self.is_ghes = is_ghes_url(self.api_url)
        self.timeout = timeout
        self.max_retries = max_retries
        self.max_retry_wait = max_retry_wait
        self.backoff_base = backoff_base
        self._sleep = sleep
        self._clock = clock

        self._session = requests.Session()
        adapter = requests.adapters.HTTPAdapter(pool_connections=1, pool_maxsize=POOL_SIZE)
        self._session.mount('https://', adapter)
        self._session.mount('http://', adapter)
        self._tokens = None
        self._skew = None
        if app is not None:
            self._tokens = InstallationTokens(self, app, org, app_permissions, clock=clock)
            self._session.auth = _BearerAuth(self._tokens.current)
        else:
            self._session.auth = _BearerAuth(token)
        # Passed with every request: requests lets REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE override Session.verify.
        self._verify = ca_path if (ca_path and validate_certs) else bool(validate_certs)
        self._session.headers.update({
            'Accept': MEDIA_TYPE,
            'X-GitHub-Api-Version': self.api_version,
            'User-Agent': '%s/%s python-requests/%s' % (COLLECTION_NAME, COLLECTION_VERSION, requests.__version__),
        })
        if not validate_certs:
            # The user asked for it explicitly; do not print urllib3's warning into module output.
            urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)

    def close(self):
        self._session.close()

    # -- building requests -------------------------------------------------

    def path(self, *segments):
        return '/' + '/'.join(quote_segment(s) for s in segments)

    def url(self, path):
        return self.api_url + path

    # -- sending -----------------------------------------------------------

    def request(self, method, path, params=None, json=None, url=None, hints=None, bearer=None):
        """Send one request with retries; return ApiResponse or raise a GitHubError.

        ``path`` is what errors show; ``url`` (for pagination links) overrides the target;
        ``bearer`` authenticates this request alone (a GitHub App's JWT).
        Every request this collection sends is idempotent, so writes are retried too.
        """
        target = url or self.url(path)
        auth = _BearerAuth(bearer) if bearer is not None else None
        attempt = 0
        backoff_spent = 0.0
        refreshed = False
        while True:
            try:
                response = self._session.request(method, target, params=params, json=json, auth=auth,
                                                 timeout=self.timeout, verify=self._verify)
            except requests.exceptions.SSLError as exc:
                raise _tls_error(method, path, self.api_url, exc)
            except (requests.exceptions.ConnectionError, requests.exceptions.Timeout) as exc:
                delay = self._backoff(attempt, backoff_spent)
                if delay is None:
                    raise GitHubTransportError(
                        '%s %s failed after %d attempt(s): %s' % (method, path, attempt + 1, _reason(exc)),
                        method=method, path=path,
                        hint='Check api_url (%s), the network and proxies; raise timeout or max_retries '
                             'if the server is slow' % self.api_url)
                backoff_spent += delay
                attempt += 1
                self._sleep(delay)
                continue

            self._note_clock(response)
            status = response.status_code
            if status == 401 and self._tokens is not None and bearer is None and not refreshed:
                # The installation token expired mid-run: mint a new one, once.
                refreshed = True
                self._tokens.refresh(_sent_token(response))
                continue
            if status in RETRY_STATUSES:
                delay = self._backoff(attempt, backoff_spent)
                if delay is not None:
                    backoff_spent += delay
                    attempt += 1
                    self._sleep(delay)
                    continue
            elif status in (403, 429):
                wait = self._rate_limit_wait(response)
                if wait is not None:
                    if wait > self.max_retry_wait or attempt >= self.max_retries:
                        raise self._rate_limit_error(method, path, response, wait)
                    attempt += 1
                    self._sleep(wait)
                    continue

            if status >= 400:
                error = self._error(method, path, response, hints)
                if attempt:
                    error.message += ' (after %d attempts)' % (attempt + 1)
                raise error
            return ApiResponse(status, self._json(method, path, response), response.headers)

    def _note_clock(self, response):
        try:
            server = email.utils.parsedate_to_datetime(response.headers.get('Date'))
            self._skew = server.timestamp() - self._clock()
        except (TypeError, ValueError, IndexError, OverflowError):
            pass

    def clock_skew(self):
        """Seconds GitHub's clock is ahead of this host's, from the last answer's Date header (None if unknown)."""
        return self._skew

    def get(self, path, params=None, hints=None):
        return self.request('GET', path, params=params, hints=hints).data

    def paginate(self, path, items_key=None, params=None, hints=None):
        """GET every page (per_page=100, following Link rel=next); return all items."""
        query = dict(params or {}, per_page=PAGE_SIZE)
        items = []
        url = None
        seen = set()
        while True:
            response = self.request('GET', path, params=None if url else query, url=url, hints=hints)
            page = response.data
            if items_key is not None:
                page = (page or {}).get(items_key)
            if not isinstance(page, list):
                raise GitHubHTTPError('GET %s returned an unexpected body (no %s list)' % (path, items_key or 'JSON'),
                                      method='GET', path=path,
                                      hint='Check that api_url (%s) is the GitHub API root' % self.api_url)
            items.extend(page)
            url = _next_link(response.headers)
            if not url:
                return items
            if url in seen or not same_origin(self.api_url, url):
                # Never send the token elsewhere, never loop.
                raise GitHubHTTPError('GET %s returned a pagination link that leaves %s or repeats: %s'
                                      % (path, self.api_url, url), method='GET', path=path)
            seen.add(url)

    # -- helpers -----------------------------------------------------------

    def _backoff(self, attempt, spent):
        """Seconds to wait before retry ``attempt + 1``, or None when retries or the budget are used up."""
        if attempt >= self.max_retries:
            return None
        delay = self.backoff_base * (2 ** attempt)
        delay += random.uniform(0, delay / 4)  # jitter: parallel forks must not retry in lockstep
        remaining = self.max_retry_wait - spent
        if remaining <= 0:
            return None
        return min(delay, remaining)

    def _rate_limit_wait(self, response):
        """Seconds to wait if the response is a rate limit, else None (a real 403)."""
        headers = response.headers
        retry_after = headers.get('Retry-After')
        if retry_after is not None:
            try:
                return max(0.0, float(retry_after))
            except ValueError:
                return float(SECONDARY_RATE_LIMIT_WAIT)
        if headers.get('x-ratelimit-remaining') == '0' and headers.get('x-ratelimit-reset'):
            try:
                return max(0.0, float(headers['x-ratelimit-reset']) - self._clock()) + 1
            except ValueError:
                return float(SECONDARY_RATE_LIMIT_WAIT)
        if response.status_code == 429 or 'rate limit' in (_github_message(response) or '').lower():
            return float(SECONDARY_RATE_LIMIT_WAIT)
        return None

    def _rate_limit_error(self, method, path, response, wait):
        until = datetime.datetime.fromtimestamp(self._clock() + wait, tz=datetime.timezone.utc)
        error = http_error(response.status_code, response.reason, method, path,
                           _github_message(response), _documentation_url(response))
        return GitHubRateLimitError(
            error.message, status=error.status, github_message=error.github_message,
            documentation_url=error.documentation_url, method=method, path=path,
            hint='GitHub rate limit: retry after %s (in %d s); this is more than max_retry_wait=%s or max_retries=%s allow'
                 % (until.strftime('%Y-%m-%dT%H:%M:%SZ'), int(wait + 0.5), self.max_retry_wait, self.max_retries))

    def _error(self, method, path, response, hints=None):
        error = http_error(response.status_code, response.reason, method, path,
                           _github_message(response), _documentation_url(response), hints)
        # On a 403 GitHub says what the endpoint accepts; quote it, it is the exact fix.
        accepted = [(label, response.headers.get(header)) for label, header in (
            ('scopes', 'X-Accepted-OAuth-Scopes'), ('fine-grained permissions', 'X-Accepted-GitHub-Permissions'))]
        accepted = ['%s %s' % (label, value) for label, value in accepted if value]
        if response.status_code == 403 and accepted:
            error.hint = '%s (GitHub accepts %s)' % (error.hint, '; '.join(accepted))
        return error

    def _json(self, method, path, response):
        """Parsed JSON body; None for an empty body (a 201 may be empty, {} or null)."""
        if not response.content or not response.content.strip():
            return None
        try:
            return response.json()
        except ValueError:
            raise GitHubHTTPError(
                '%s %s returned HTTP %s with a body that is not JSON (%s)'
                % (method, path, response.status_code, response.headers.get('Content-Type', 'no content type')),
                status=response.status_code, method=method, path=path,
                hint='Check api_url (%s): it must be the API root, for GitHub Enterprise Server '
                     'https://HOST/api/v3' % self.api_url)


def _sent_token(response):
    header = response.request.headers.get('Authorization', '') if response.request is not None else ''
    return header[len('Bearer '):] if header.startswith('Bearer ') else None


def _body(response):
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _github_message(response):
    message = _body(response).get('message')
    return str(message) if message else None


def _documentation_url(response):
    url = _body(response).get('documentation_url')
    return str(url) if url else None


def _next_link(headers):
    for part in (headers.get('Link') or '').split(','):
        match = re.match(r'\s*<([^>]+)>\s*;\s*rel="?next"?', part)
        if match:
            return match.group(1)
    return None


def _tls_error(method, path, api_url, exc):
    reason = _reason(exc)
    if 'CERTIFICATE_VERIFY_FAILED' in reason or 'certificate verify failed' in reason:
        return GitHubTransportError(
            '%s %s failed: TLS certificate verification failed for %s (%s)' % (method, path, api_url, reason),
            method=method, path=path,
            hint='Set ca_path to the CA bundle that signed the server certificate, '
                 'or validate_certs=false for a test server you trust')
    return GitHubTransportError(
        '%s %s failed: TLS handshake with %s failed (%s)' % (method, path, api_url, reason),
        method=method, path=path,
        hint='Check that api_url uses the scheme the server speaks (https:// or http://) and its port')


def _reason(exc):
    """A short reason without request internals (never headers, so never the token)."""
    text = str(exc.args[0]) if exc.args else exc.__class__.__name__
    inner = getattr(exc.args[0], 'reason', None) if exc.args else None
    if inner is not None:
        text = str(inner)
    return '%s: %s' % (exc.__class__.__name__, text)
