"""The transport: headers, URL safety, pagination, retries, rate limits, error mapping, TLS."""

import socket
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from ansible_collections.secretops.github.plugins.module_utils import _github_client as github_client
from ansible_collections.secretops.github.plugins.module_utils._errors import (
    GitHubAuthenticationError,
    GitHubBadRequestError,
    GitHubDependencyError,
    GitHubHTTPError,
    GitHubInputError,
    GitHubNotFoundError,
    GitHubPermissionError,
    GitHubRateLimitError,
    GitHubServerError,
    GitHubTransportError,
    GitHubValidationError,
)
from ansible_collections.secretops.github.plugins.module_utils._github_client import GitHubClient, quote_segment
from ansible_collections.secretops.github.tests.simulator.github_simulator import start
from ansible_collections.secretops.github.tests.simulator.github_simulator.pki import make_test_pki
from ansible_collections.secretops.github.tests.unit.plugins.helpers import (
    ADMIN_TOKEN,
    ONE_STORE,
    READONLY_TOKEN,
    Sleeps,
    add_repositories,
    seed_secrets,
    stored_secret,
)

SECRETS = ('orgs', 'acme', 'codespaces', 'secrets')


def seed_many(sim, count):
    seed_secrets(sim, 'codespaces', [{'name': 'S%03d' % i, 'value': 'v', 'visibility': 'all'} for i in range(count)])


# -- headers and URLs ----------------------------------------------------------


def test_every_request_carries_the_github_headers(sim, client):
    client.get(client.path(*SECRETS))
    entry = sim.state.log_entries()[0]
    assert entry['authorization_scheme'] == 'Bearer'
    assert entry['accept'] == 'application/vnd.github+json'
    assert entry['api_version'] == '2026-03-10'
    assert entry['user_agent'].startswith('secretops.github/1.1.0 ')


def test_api_version_is_configurable(sim, make_client):
    client = make_client(api_version='2022-11-28')
    client.get(client.path(*SECRETS))
    assert sim.state.log_entries()[0]['api_version'] == '2022-11-28'


@pytest.mark.parametrize('suffix, ghes', [('', False), ('/', False), ('/api/v3', True), ('/api/v3/', True)])
def test_api_url_with_or_without_prefix_and_trailing_slash(sim, make_client, suffix, ghes):
    client = make_client(api_url=sim.url + suffix)
    assert client.is_ghes is ghes
    # Actions: the store GitHub Enterprise Server has too.
    assert client.get(client.path('orgs', 'acme', 'actions', 'secrets'))['total_count'] == 0
    entry = sim.state.log_entries()[0]
    assert entry['path'] == '/orgs/acme/actions/secrets'
    assert entry['api_prefix'] is ghes
    # A GHES root gets the one version GHES up to 3.20 accepts; GitHub.com the newest.
    assert entry['api_version'] == ('2022-11-28' if ghes else '2026-03-10')


@pytest.mark.parametrize('segment, quoted', [
    ('acme', 'acme'),
    ('ac/me', 'ac%2Fme'),
    ('a b?c#d%e', 'a%20b%3Fc%23d%25e'),
    ('..', '%2E%2E'),
    ('.', '%2E'),
    (1001, '1001'),
])
def test_path_segments_are_quoted(segment, quoted):
    assert quote_segment(segment) == quoted


def test_a_slash_in_a_segment_cannot_reach_another_path(sim, client):
    with pytest.raises(GitHubNotFoundError):
        client.get(client.path('orgs', 'acme/codespaces', 'secrets'))
    assert sim.state.log_entries()[0]['path'] == '/orgs/acme%2Fcodespaces/secrets'


# -- pagination ----------------------------------------------------------------


def test_paginate_follows_link_to_the_end_with_the_largest_page(sim, client):
    seed_many(sim, 250)
    secrets = client.paginate(client.path(*SECRETS), 'secrets')
    assert [s['name'] for s in secrets] == ['S%03d' % i for i in range(250)]
    log = sim.state.log_entries()
    assert [entry['query'] for entry in log] == [
        {'per_page': '100'}, {'per_page': '100', 'page': '2'}, {'per_page': '100', 'page': '3'}]


def test_paginate_one_page_is_one_request(sim, client):
    seed_many(sim, 100)
    assert len(client.paginate(client.path(*SECRETS), 'secrets')) == 100
    assert len(sim.state.log_entries()) == 1


def test_paginate_array_bodies(sim, client):
    add_repositories(sim, 120)
    repos = client.paginate(client.path('orgs', 'acme', 'repos'))
    assert len(repos) == 126
    assert len(sim.state.log_entries()) == 2


@pytest.mark.parametrize('origin, followed', [
    ('http://localhost:{port}', True),
    ('HTTP://LOCALHOST:{port}', True),   # the same origin spelled in upper case
    ('https://localhost:{port}', False),
    ('http://localhost:{other_port}', False),
    ('http://127.0.0.1:{port}', False),
    ('https://attacker.example', False),
])
def test_paginate_follows_links_of_the_same_origin_only(sim, make_client, origin, followed):
    port = int(sim.url.rsplit(':', 1)[1])
    client = make_client(api_url='http://localhost:%d' % port)
    link = origin.format(port=port, other_port=port % 65535 + 1) + '/orgs/acme/codespaces/secrets?page=2'
    sim.faults.add_rule({'action': 'status', 'status': 200, 'method': 'GET', 'path': 'secrets$',
                         'body': {'total_count': 1, 'secrets': [{'name': 'FIRST_PAGE', 'visibility': 'all'}]},
                         'headers': {'Link': '<%s>; rel="next"' % link}})
    if followed:
        assert [s['name'] for s in client.paginate(client.path(*SECRETS), 'secrets')] == ['FIRST_PAGE']
        assert [entry['query'] for entry in sim.state.log_entries()] == [{'per_page': '100'}, {'page': '2'}]
    else:
        # Never send the token elsewhere: the link is refused before any request to it.
        with pytest.raises(GitHubHTTPError, match='leaves'):
            client.paginate(client.path(*SECRETS), 'secrets')
        assert len(sim.state.log_entries()) == 1


def test_paginate_rejects_a_body_without_the_list(sim, client):
    sim.faults.add_rule({'action': 'status', 'status': 200, 'body': {'unexpected': True}})
    with pytest.raises(GitHubHTTPError, match='no secrets list'):
        client.paginate(client.path(*SECRETS), 'secrets')


# -- retries -------------------------------------------------------------------


@pytest.mark.parametrize('status', [500, 502, 503, 504])
def test_server_errors_are_retried_with_growing_backoff(sim, client, sleeps, status):
    sim.faults.add_rule({'action': 'status', 'status': status, 'times': 2})
    assert client.get(client.path(*SECRETS))['total_count'] == 0
    assert len(sim.state.log_entries()) == 3
    assert len(sleeps) == 2
    assert 1.0 <= sleeps[0] <= 1.25 and 2.0 <= sleeps[1] <= 2.5


def test_persistent_server_error_fails_after_max_retries(sim, make_client, sleeps):
    client = make_client(max_retries=2)
    sim.faults.add_rule({'action': 'status', 'status': 503, 'times': None})
    with pytest.raises(GitHubServerError) as caught:
        client.get(client.path(*SECRETS))
    assert 'HTTP 503' in str(caught.value)
    assert 'after 3 attempts' in str(caught.value)
    assert caught.value.status == 503
    assert len(sim.state.log_entries()) == 3
    assert len(sleeps) == 2


def test_total_backoff_is_bounded_by_max_retry_wait(sim, make_client, sleeps):
    client = make_client(max_retries=10, max_retry_wait=5)
    sim.faults.add_rule({'action': 'status', 'status': 502, 'times': None})
    with pytest.raises(GitHubServerError):
        client.get(client.path(*SECRETS))
    assert sum(sleeps) <= 5
    assert len(sleeps) < 10


def test_zero_retries_fails_at_once(sim, make_client, sleeps):
    client = make_client(max_retries=0)
    sim.faults.add_rule({'action': 'status', 'status': 502})
    with pytest.raises(GitHubServerError):
        client.get(client.path(*SECRETS))
    assert sleeps == []


def test_connection_reset_is_retried(sim, client, sleeps):
    sim.faults.add_rule({'action': 'reset', 'times': 1})
    assert client.get(client.path(*SECRETS))['total_count'] == 0
    assert len(sleeps) == 1


@ONE_STORE
def test_a_write_whose_answer_was_lost_is_retried_safely(sim, client, api, store):
    sim.faults.add_rule({'action': 'reset', 'method': 'PUT', 'when': 'after'})
    api.put_secret_value('LOST', 'v1', 'all')
    assert stored_secret(sim, store, 'LOST')['value'] == 'v1'
    assert [e['method'] for e in sim.state.log_entries()].count('PUT') == 2


def test_timeout_is_retried(sim, make_client, sleeps):
    client = make_client(timeout=0.3)
    sim.faults.add_rule({'action': 'delay', 'delay': 1.0, 'times': 1})
    assert client.get(client.path(*SECRETS))['total_count'] == 0
    assert len(sleeps) == 1


def test_unreachable_server_fails_with_a_hint(make_client, sleeps):
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        port = sock.getsockname()[1]
    client = make_client(api_url='http://127.0.0.1:%d' % port, max_retries=1)
    with pytest.raises(GitHubTransportError) as caught:
        client.get(client.path(*SECRETS))
    message = str(caught.value)
    assert 'GET /orgs/acme/codespaces/secrets failed after 2 attempt(s)' in message
    assert 'Check api_url (http://127.0.0.1:%d)' % port in message
    assert ADMIN_TOKEN not in message


# -- rate limits ---------------------------------------------------------------


@pytest.mark.parametrize('status', [403, 429])
def test_secondary_rate_limit_waits_retry_after(sim, client, sleeps, status):
    sim.faults.add_rule({'action': 'secondary_rate_limit', 'status': status, 'retry_after': 7})
    assert client.get(client.path(*SECRETS))['total_count'] == 0
    assert sleeps == [7.0]


def test_primary_rate_limit_waits_until_reset(sim, client, sleeps):
    sim.faults.add_rule({'action': 'rate_limit', 'reset_in': 5})
    assert client.get(client.path(*SECRETS))['total_count'] == 0
    assert len(sleeps) == 1 and 4 <= sleeps[0] <= 8


def test_rate_limit_past_max_retry_wait_fails_at_once_saying_when(sim, client, sleeps):
    sim.faults.add_rule({'action': 'rate_limit', 'reset_in': 3600})
    with pytest.raises(GitHubRateLimitError) as caught:
        client.get(client.path(*SECRETS))
    message = str(caught.value)
    assert 'API rate limit exceeded' in message
    assert 'retry after 20' in message and 'max_retry_wait=60' in message
    assert sleeps == []
    assert len(sim.state.log_entries()) == 1


def test_rate_limit_that_persists_fails_after_max_retries(sim, make_client, sleeps):
    client = make_client(max_retries=2)
    sim.faults.add_rule({'action': 'secondary_rate_limit', 'retry_after': 1, 'times': None})
    with pytest.raises(GitHubRateLimitError):
        client.get(client.path(*SECRETS))
    assert sleeps == [1.0, 1.0]


def test_secondary_rate_limit_without_headers_waits_a_minute(sim, client, sleeps):
    sim.faults.add_rule({'action': 'status', 'status': 403,
                         'body': {'message': 'You have exceeded a secondary rate limit.'}})
    client.get(client.path(*SECRETS))
    assert sleeps == [60.0]


# -- error mapping -------------------------------------------------------------


def test_permission_error_names_the_scope_and_is_not_retried(sim, make_client, sleeps):
    client = make_client(token=READONLY_TOKEN)
    with pytest.raises(GitHubPermissionError) as caught:
        client.get(client.path(*SECRETS), hints={403: 'The store hint'})
    error = caught.value
    assert error.status == 403
    assert 'The store hint' in str(error)
    assert '(GitHub accepts scopes admin:org)' in str(error)
    assert error.documentation_url.startswith('https://docs.github.com/')
    assert error.to_result()['method'] == 'GET'
    assert sleeps == [] and len(sim.state.log_entries()) == 1


def test_bad_token_is_an_authentication_error_without_the_token(make_client):
    client = make_client(token='ghp_thisIsNotARealToken0000000000000000')
    with pytest.raises(GitHubAuthenticationError) as caught:
        client.get(client.path(*SECRETS))
    assert 'Bad credentials' in str(caught.value)
    assert 'GITHUB_TOKEN' in str(caught.value)
    assert 'ghp_thisIsNotARealToken' not in str(caught.value)


def test_not_found_hints_at_org_and_plan(client):
    with pytest.raises(GitHubNotFoundError) as caught:
        client.get(client.path('orgs', 'no-such-org', 'codespaces', 'secrets'))
    assert 'Check that the organization (option org) exists' in str(caught.value)
    assert caught.value.path == '/orgs/no-such-org/codespaces/secrets'


def test_validation_error_keeps_githubs_message(client):
    with pytest.raises(GitHubValidationError) as caught:
        client.request('PUT', client.path(*SECRETS + ('X',)), json={'visibility': 'everyone'})
    assert caught.value.status == 422
    assert caught.value.github_message
    assert caught.value.github_message in str(caught.value)


def test_unsupported_api_version_is_a_bad_request_with_a_hint(make_client):
    client = make_client(api_version='2099-01-01')
    with pytest.raises(GitHubBadRequestError) as caught:
        client.get(client.path(*SECRETS))
    assert '2099-01-01' in str(caught.value)
    assert 'api_version=2022-11-28' in str(caught.value)


class _HTMLHandler(BaseHTTPRequestHandler):
    def do_GET(self):  # pylint: disable=invalid-name
        body = b'<html><body>Sign in to GitHub Enterprise</body></html>'
        self.send_response(200)
        self.send_header('Content-Type', 'text/html')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        pass


def test_a_web_page_instead_of_the_api_says_to_check_api_url(make_client):
    server = HTTPServer(('127.0.0.1', 0), _HTMLHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        client = make_client(api_url='http://127.0.0.1:%d' % server.server_port)
        with pytest.raises(GitHubHTTPError) as caught:
            client.get(client.path(*SECRETS))
    finally:
        server.shutdown()
        server.server_close()
    assert 'not JSON (text/html)' in str(caught.value)
    assert 'https://HOST/api/v3' in str(caught.value)


# -- options checked before any request -----------------------------------------


@pytest.mark.parametrize('kwargs, option, text', [
    ({'token': None}, 'token', 'No GitHub token: set the token option, or the GITHUB_TOKEN or GH_TOKEN environment variable'),
    ({'token': ''}, 'token', 'No GitHub token'),
    ({'token': 'abc\n'}, 'token', 'line break'),
    ({'api_url': 'ftp://example.com'}, 'api_url', 'is not an http(s) URL'),
    ({'api_url': 'api.github.com'}, 'api_url', 'is not an http(s) URL'),
    ({'api_url': 'https://'}, 'api_url', 'is not an http(s) URL'),
    ({'api_url': 'https://example.com/api/v3?x=1'}, 'api_url', 'is not an http(s) URL'),
    ({'api_version': 'latest'}, 'api_version', "api_version 'latest' is not a GitHub API version"),
    ({'timeout': 0}, 'timeout', 'greater than 0'),
    ({'max_retries': -1}, 'max_retries', '0 or more'),
    ({'max_retry_wait': -5}, 'max_retry_wait', '0 or more seconds'),
    # hostile input: each fails naming the option, never echoing the token or URL credentials
    ({'token': 'tök€n'}, 'token', 'not printable ASCII'),
    ({'token': 'ghp_abc def'}, 'token', 'not printable ASCII'),
    ({'token': 83}, 'token', 'token must be a string, not int'),
    ({'api_url': ''}, 'api_url', 'api_url is empty'),
    ({'api_url': '   '}, 'api_url', 'api_url is empty'),
    ({'api_url': 'http://127.0.0.1:99999'}, 'api_url', 'invalid port: use a port from 1 to 65535'),
    ({'api_url': 'http://127.0.0.1:0'}, 'api_url', 'has an invalid port'),
    ({'api_url': 'http://[::1'}, 'api_url', 'an IPv6 address needs both brackets'),
    ({'api_url': 'https://alice:s3cr3t-PW@github.example'}, 'api_url', 'must not contain a user name or password'),
    ({'api_url': 'https://s3cr3t-PW@github.example'}, 'api_url', 'must not contain a user name or password'),
    ({'api_url': 'https://gïthub.example'}, 'api_url', 'not printable ASCII'),
    ({'api_url': 'ftp://x'}, 'api_url', "api_url 'ftp://x' is not an http(s) URL"),
    ({'api_version': '2026-03-10\n'}, 'api_version', "api_version '2026-03-10\\n' is not a GitHub API version"),
    ({'api_version': '２０２６-03-10'}, 'api_version', 'is not a GitHub API version'),
    ({'ca_path': '/nonexistent/ca.pem'}, 'ca_path', "ca_path '/nonexistent/ca.pem' does not exist or is not a file"),
    ({'ca_path': ''}, 'ca_path', 'ca_path is empty'),
    ({'timeout': float('nan')}, 'timeout', 'timeout must be a number of seconds greater than 0, not nan'),
    ({'timeout': float('inf')}, 'timeout', 'timeout must be a number of seconds greater than 0, not inf'),
    ({'timeout': -1}, 'timeout', 'greater than 0, not -1'),
    ({'timeout': True}, 'timeout', 'greater than 0, not True'),
    ({'timeout': '30'}, 'timeout', "greater than 0, not '30'"),
    ({'max_retries': float('inf')}, 'max_retries', 'max_retries must be 0 or more, not inf'),
    ({'max_retry_wait': float('nan')}, 'max_retry_wait', 'max_retry_wait must be 0 or more seconds, not nan'),
])
def test_bad_connection_options_fail_before_any_request(sim, kwargs, option, text):
    args = dict(api_url=sim.url, token=ADMIN_TOKEN)
    args.update(kwargs)
    with pytest.raises(GitHubInputError) as caught:
        GitHubClient(**args)
    message = str(caught.value)
    assert caught.value.option == option
    assert text in message
    assert ADMIN_TOKEN not in message and 's3cr3t-PW' not in message
    if isinstance(args['token'], str) and args['token'].strip():
        assert args['token'] not in message
    assert sim.state.log_entries() == []


def test_api_url_none_means_github_com():
    assert GitHubClient(None, ADMIN_TOKEN).api_url == 'https://api.github.com'


@pytest.mark.parametrize('api_url, link, same', [
    ('http://localhost:8080', 'http://LOCALHOST:8080/orgs/acme/codespaces/secrets?page=2', True),
    ('https://api.github.com', 'HTTPS://API.GITHUB.COM:443/orgs/acme/codespaces/secrets?page=2', True),
    ('http://ghe.example/api/v3', 'http://ghe.example:80/api/v3/orgs/acme/repos?page=3', True),
    ('https://api.github.com', 'http://api.github.com/orgs/acme/codespaces/secrets?page=2', False),
    ('https://api.github.com', 'https://api.github.com:8443/orgs/acme/codespaces/secrets?page=2', False),
    ('https://api.github.com', 'https://api.github.com.attacker.example/orgs/acme?page=2', False),
    ('https://api.github.com', 'https://attacker.example/orgs/acme/codespaces/secrets?page=2', False),
    ('http://localhost:8080', 'http://localhost/orgs/acme/codespaces/secrets?page=2', False),
    ('https://api.github.com', 'https://api.github.com:99999/orgs/acme?page=2', False),
])
def test_same_origin_ignores_case_and_default_ports_only(api_url, link, same):
    assert github_client.same_origin(api_url, link) is same


def test_missing_requests_library_is_reported(monkeypatch):
    monkeypatch.setattr(github_client, 'REQUESTS_IMPORT_ERROR', 'Traceback: No module named requests')
    with pytest.raises(GitHubDependencyError) as caught:
        GitHubClient('https://api.github.com', 'token')
    assert caught.value.library == 'requests'


# -- TLS -------------------------------------------------------------------------


@pytest.fixture(name='tls_sim')
def tls_sim_fixture(tmp_path):
    ca, cert, key = make_test_pki(str(tmp_path))
    with start(tls_cert=cert, tls_key=key) as handle:
        yield handle, ca


def test_tls_private_ca_is_refused_by_default_with_a_hint(tls_sim):
    sim, _ca = tls_sim
    client = GitHubClient(sim.url, ADMIN_TOKEN, sleep=Sleeps())
    with pytest.raises(GitHubTransportError) as caught:
        client.get(client.path(*SECRETS))
    assert 'TLS certificate verification failed' in str(caught.value)
    assert 'ca_path' in str(caught.value) and 'validate_certs=false' in str(caught.value)


def test_tls_ca_path_is_honoured_even_with_requests_ca_bundle_set(tls_sim, monkeypatch):
    sim, ca = tls_sim
    monkeypatch.setenv('REQUESTS_CA_BUNDLE', '/etc/ssl/certs/ca-certificates.crt')
    client = GitHubClient(sim.url, ADMIN_TOKEN, ca_path=ca)
    assert client.get(client.path(*SECRETS))['total_count'] == 0


def test_tls_validate_certs_false_is_honoured(tls_sim, monkeypatch):
    sim, _ca = tls_sim
    monkeypatch.setenv('REQUESTS_CA_BUNDLE', '/etc/ssl/certs/ca-certificates.crt')
    client = GitHubClient(sim.url, ADMIN_TOKEN, validate_certs=False)
    assert client.get(client.path(*SECRETS))['total_count'] == 0


def test_https_to_a_plain_http_server_is_a_handshake_error(sim, make_client):
    client = make_client(api_url=sim.url.replace('http://', 'https://'), max_retries=0)
    with pytest.raises(GitHubTransportError) as caught:
        client.get(client.path(*SECRETS))
    assert 'TLS handshake with https://' in str(caught.value)
    assert 'uses the scheme the server speaks' in str(caught.value)
