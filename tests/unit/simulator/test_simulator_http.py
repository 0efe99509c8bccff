"""Auth, scopes, API versions, the /api/v3 prefix, path decoding, routing and common headers."""

import socket

READONLY_TOKEN = 'sim-readonly-token'
SECRETS = '/orgs/acme/codespaces/secrets'


def test_missing_token_is_401(client_for):
    resp = client_for(None).get(SECRETS)
    assert resp.status_code == 401
    assert resp.json() == {'message': 'Requires authentication', 'documentation_url': 'https://docs.github.com/rest'}
    assert resp.headers['Content-Type'] == 'application/json; charset=utf-8'
    assert 'X-OAuth-Scopes' not in resp.headers


def test_bad_token_is_401(client_for):
    resp = client_for('nope').get(SECRETS)
    assert resp.status_code == 401
    assert resp.json()['message'] == 'Bad credentials'


def test_token_scheme_and_unknown_scheme(sim, gh):
    assert gh.get(SECRETS, headers={'Authorization': 'token sim-admin-token'}).status_code == 200
    assert gh.get(SECRETS, headers={'Authorization': 'Basic c2ltLWFkbWluLXRva2Vu'}).status_code == 401
    schemes = [e['authorization_scheme'] for e in gh.requests_log()]
    assert schemes == ['token', None]
    assert sim.state.token_scopes('sim-admin-token') == ['admin:org', 'repo']


def test_readonly_token_gets_403_on_every_codespaces_route(client_for, gh):
    gh.create('EXISTING', visibility='selected', selected_repository_ids=[1001])
    ro = client_for(READONLY_TOKEN)
    calls = [
        ('GET', SECRETS), ('GET', SECRETS + '/public-key'), ('GET', SECRETS + '/EXISTING'), ('PUT', SECRETS + '/EXISTING'),
        ('DELETE', SECRETS + '/EXISTING'), ('GET', SECRETS + '/EXISTING/repositories'), ('PUT', SECRETS + '/EXISTING/repositories'),
        ('PUT', SECRETS + '/EXISTING/repositories/1001'), ('DELETE', SECRETS + '/EXISTING/repositories/1001'),
    ]
    for method, path in calls:
        resp = ro.request(method, path, json={'visibility': 'all'} if method == 'PUT' else None)
        assert resp.status_code == 403, (method, path)
        assert resp.json()['message'] == 'Resource not accessible by personal access token'
        assert resp.json()['documentation_url'].startswith('https://docs.github.com/rest/codespaces/organization-secrets#')
        assert resp.headers['X-OAuth-Scopes'] == 'repo, read:org'
        assert resp.headers['X-Accepted-OAuth-Scopes'] == 'admin:org'
    assert gh.stored('EXISTING') is not None
    # The same token may read repositories.
    assert ro.get('/repos/acme/api').status_code == 200


def test_api_version_header(gh):
    assert gh.get(SECRETS, headers={'X-GitHub-Api-Version': '2022-11-28'}).status_code == 200
    assert gh.get(SECRETS).status_code == 200  # 2026-03-10 from the client
    del gh.session.headers['X-GitHub-Api-Version']
    assert gh.get(SECRETS).status_code == 200
    resp = gh.get(SECRETS, headers={'X-GitHub-Api-Version': '2023-01-01'})
    assert resp.status_code == 400
    assert resp.json() == {
        'message': "Unsupported 'X-GitHub-Api-Version' header value '2023-01-01'. The supported versions are 2022-11-28, 2026-03-10.",
        'documentation_url': 'https://docs.github.com/rest/about-the-rest-api/api-versions',
    }


def test_api_prefix_serves_the_same_routes(gh, ghes):
    actions = '/orgs/acme/actions/secrets'
    gh.create('PREFIXED', visibility='selected', store='actions', selected_repository_ids=[1002])
    plain = gh.get(actions + '/PREFIXED').json()
    prefixed = ghes.get(actions + '/PREFIXED').json()
    assert plain['selected_repositories_url'] == gh.sim.url + actions + '/PREFIXED/repositories'
    assert prefixed['selected_repositories_url'] == gh.sim.url + '/api/v3' + actions + '/PREFIXED/repositories'
    assert ghes.get('/repos/acme/web').json()['url'] == gh.sim.url + '/api/v3/repos/acme/web'
    log = gh.requests_log()
    assert [(e['path'], e['api_prefix']) for e in log[-3:]] == [
        (actions + '/PREFIXED', False), (actions + '/PREFIXED', True), ('/repos/acme/web', True)]


def test_urls_use_the_host_header(gh, ghes):
    actions = '/orgs/acme/actions/secrets'
    gh.create('HOSTED', visibility='selected', store='actions')
    resp = ghes.get(actions + '/HOSTED', headers={'Host': 'ghes.example.com:8443'})
    assert resp.json()['selected_repositories_url'] == 'http://ghes.example.com:8443/api/v3' + actions + '/HOSTED/repositories'


def test_path_segments_are_decoded_one_by_one(gh):
    assert gh.get('/orgs/ac%2Fme/codespaces/secrets').status_code == 404
    assert gh.get('/orgs/%61cme/codespaces/secrets').status_code == 200
    assert gh.get('/orgs/ACME/codespaces/secrets').status_code == 200
    gh.create('ENCODED')
    assert gh.get(SECRETS + '/%45NCODED').status_code == 200
    assert gh.get(SECRETS + '/ENC%2FODED').status_code == 404
    assert gh.get('/orgs/acme/codespaces%2Fsecrets').status_code == 404


def test_unknown_routes_methods_and_orgs_are_404(gh):
    not_found = {'message': 'Not Found', 'documentation_url': 'https://docs.github.com/rest'}
    for method, path in [('GET', '/nope'), ('GET', SECRETS + '/'), ('POST', SECRETS), ('PATCH', SECRETS + '/X'),
                         ('DELETE', SECRETS + '/public-key'), ('GET', '/api/v3/_simulator/health'), ('GET', '/ORGS/acme')]:
        resp = gh.request(method, path, headers={'X-GitHub-Api-Version': '2022-11-28'})
        assert resp.status_code == 404, (method, path)
        assert resp.json() == not_found
    resp = gh.get('/orgs/initech/codespaces/secrets')
    assert resp.status_code == 404
    assert resp.json()['documentation_url'] == 'https://docs.github.com/rest/codespaces/organization-secrets#list-organization-secrets'
    head = gh.request('HEAD', SECRETS)
    assert head.status_code == 404 and head.content == b''


def test_rate_limit_and_scope_headers(gh):
    first = gh.get(SECRETS)
    second = gh.get('/orgs/acme')
    for resp in (first, second):
        assert resp.headers['x-ratelimit-limit'] == '5000'
        assert resp.headers['x-ratelimit-resource'] == 'core'
        assert int(resp.headers['x-ratelimit-reset']) > 0
        assert resp.headers['X-OAuth-Scopes'] == 'admin:org, repo'
    assert int(second.headers['x-ratelimit-remaining']) == int(first.headers['x-ratelimit-remaining']) - 1
    assert int(second.headers['x-ratelimit-used']) == int(first.headers['x-ratelimit-used']) + 1


def test_rate_limit_never_reaches_zero_by_itself(sim):
    remaining = [int(sim.state.rate_limit_headers('t')['x-ratelimit-remaining']) for _i in range(5005)]
    assert min(remaining) == 1
    assert remaining[-1] > 4990


def test_keep_alive_reuses_one_connection(gh):
    for _i in range(5):
        assert gh.get(SECRETS).status_code == 200
    assert gh.put(SECRETS + '/NOPE/repositories/1001').status_code == 404
    pools = gh.session.get_adapter(gh.sim.url).poolmanager.pools
    assert sum(pools[key].num_connections for key in pools.keys()) == 1


def test_raw_http_pipelined_keep_alive(sim):
    host, port = sim.host, sim.port
    request = ('GET /orgs/acme HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer sim-admin-token\r\n\r\n').encode()
    with socket.create_connection((host, port), timeout=5) as conn:
        conn.sendall(request + request.replace(b'Host: x', b'Host: x\r\nConnection: close'))
        data = b''
        while True:
            chunk = conn.recv(65536)
            if not chunk:
                break
            data += chunk
    assert data.count(b'HTTP/1.1 200 OK') == 2
    assert b'Content-Length:' in data


def test_bad_json_and_non_object_bodies(gh):
    resp = gh.put(SECRETS + '/X', data='{nope', headers={'Content-Type': 'application/json'})
    assert resp.status_code == 400
    assert resp.json()['message'] == 'Problems parsing JSON'
    assert gh.put(SECRETS + '/X').status_code == 400
    assert gh.put(SECRETS + '/X', data='[]').status_code == 422
    assert gh.put(SECRETS + '/X', data='{"visibility": "all", "visibility": "all"}').status_code == 422
    assert gh.put(SECRETS + '/X/repositories', data='nope').status_code == 400


def test_repository_and_org_lookups(gh, client_for):
    repo = gh.get('/repos/ACME/Api').json()
    assert repo['id'] == 1001 and repo['name'] == 'api' and repo['full_name'] == 'acme/api'
    assert repo['owner']['login'] == 'acme' and repo['owner']['type'] == 'Organization'
    assert repo['private'] is True and repo['visibility'] == 'private'
    for key in ('node_id', 'html_url', 'url', 'description', 'fork', 'archived'):
        assert key in repo
    assert gh.get('/repos/acme/docs').json()['visibility'] == 'public'
    assert gh.get('/repos/acme/nope').status_code == 404
    assert gh.get('/repos/globex/api').json()['id'] == 2003
    org = gh.get('/orgs/Globex').json()
    assert org['login'] == 'globex' and org['url'] == gh.sim.url + '/orgs/globex'
    repos = gh.get('/orgs/acme/repos').json()
    assert [r['id'] for r in repos] == [1001, 1002, 1003, 1004, 1005, 1006]
    assert 'Link' not in gh.get('/orgs/acme/repos').headers
    # A token without the repo scope does not see private repositories.
    gh.post('/_simulator/tokens', json={'token': 'org-only', 'scopes': ['admin:org']})
    org_only = client_for('org-only')
    assert org_only.get('/repos/acme/api').status_code == 404
    assert [r['name'] for r in org_only.get('/orgs/acme/repos').json()] == ['docs']


def test_oversized_body_is_413_and_logged(gh):
    request = ('PUT %s/HUGE HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n' % (SECRETS, 1024 * 1024 + 1)).encode()
    with socket.create_connection((gh.sim.host, gh.sim.port), timeout=5) as conn:
        conn.sendall(request)
        assert conn.recv(65536).startswith(b'HTTP/1.1 413 ')
    assert gh.requests_log()[-1]['status'] == 413
    assert gh.get(SECRETS).status_code == 200
