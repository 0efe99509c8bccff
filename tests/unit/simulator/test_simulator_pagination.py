"""Pagination of the secrets list, the selected repositories list and the org repositories list."""

import pytest

SECRETS = '/orgs/acme/codespaces/secrets'


def seed_secrets(gh, count, org='acme', store='codespaces'):
    secrets = [{'name': 'S_%03d' % i, 'value': 'v%d' % i, 'visibility': 'all'} for i in range(count)]
    resp = gh.post('/_simulator/orgs/%s/secrets' % org, json={'secrets': secrets, 'store': store})
    assert resp.status_code == 201, resp.text


def test_250_secrets_in_three_pages(gh):
    seed_secrets(gh, 250)
    base = gh.sim.url + SECRETS
    names = []
    pages = []
    for page in (1, 2, 3):
        resp = gh.get(SECRETS, params={'per_page': 100, 'page': page})
        assert resp.status_code == 200
        body = resp.json()
        assert body['total_count'] == 250
        names.extend(s['name'] for s in body['secrets'])
        pages.append((len(body['secrets']), resp.headers.get('Link')))
    assert names == ['S_%03d' % i for i in range(250)]
    assert pages == [
        (100, '<%s?per_page=100&page=2>; rel="next", <%s?per_page=100&page=3>; rel="last"' % (base, base)),
        (100, '<%s?per_page=100&page=1>; rel="prev", <%s?per_page=100&page=3>; rel="next", '
              '<%s?per_page=100&page=3>; rel="last", <%s?per_page=100&page=1>; rel="first"' % (base, base, base, base)),
        (50, '<%s?per_page=100&page=2>; rel="prev", <%s?per_page=100&page=1>; rel="first"' % (base, base)),
    ]


def test_following_next_links_like_requests_does(gh):
    seed_secrets(gh, 250)
    resp = gh.get(SECRETS, params={'per_page': 100})
    seen = [s['name'] for s in resp.json()['secrets']]
    while 'next' in resp.links:
        resp = gh.session.get(resp.links['next']['url'])
        seen.extend(s['name'] for s in resp.json()['secrets'])
    assert len(seen) == 250 == len(set(seen))


def test_defaults_and_clamping(gh):
    seed_secrets(gh, 250)
    resp = gh.get(SECRETS)
    assert len(resp.json()['secrets']) == 30
    assert resp.links['last']['url'].endswith('?per_page=30&page=9')
    resp = gh.get(SECRETS, params={'per_page': 1000})
    assert len(resp.json()['secrets']) == 100
    assert resp.links['next']['url'].endswith('?per_page=100&page=2')
    beyond = gh.get(SECRETS, params={'per_page': 100, 'page': 7})
    assert beyond.json() == {'total_count': 250, 'secrets': []}
    assert set(beyond.links) == {'prev', 'first'}


def test_single_page_has_no_link(gh):
    seed_secrets(gh, 5)
    resp = gh.get(SECRETS, params={'per_page': 100})
    assert 'Link' not in resp.headers
    assert resp.json()['total_count'] == 5


@pytest.mark.parametrize('query', ['per_page=abc', 'page=1.5', 'per_page=0', 'page=0', 'page=-1', 'per_page=', 'per_page=10&per_page=20'])
def test_bad_pagination_parameters_are_422(gh, query):
    resp = gh.get(SECRETS + '?' + query)
    assert resp.status_code == 422
    assert resp.json()['documentation_url'].endswith('#list-organization-secrets')


def test_links_keep_other_parameters_prefix_and_host(ghes):
    actions = '/orgs/acme/actions/secrets'
    seed_secrets(ghes, 150, store='actions')
    resp = ghes.get(actions + '?sort=x%20y&per_page=100', headers={'Host': 'ghes.example.com'})
    assert resp.headers['Link'] == ('<http://ghes.example.com/api/v3%s?sort=x%%20y&per_page=100&page=2>; rel="next", '
                                    '<http://ghes.example.com/api/v3%s?sort=x%%20y&per_page=100&page=2>; rel="last"' % (actions, actions))
    assert ghes.requests_log()[-1]['query'] == {'sort': 'x y', 'per_page': '100'}


def test_selected_repositories_pagination(gh):
    created = gh.post('/_simulator/orgs', json={'login': 'bigco', 'repositories': 150, 'repo_prefix': 'svc'}).json()
    ids = [r['id'] for r in created['repositories']]
    assert len(ids) == 150 and created['repositories'][0]['name'] == 'svc-001'
    gh.create('WIDE', org='bigco', visibility='selected', selected_repository_ids=ids)
    path = '/orgs/bigco/codespaces/secrets/WIDE/repositories'
    first = gh.get(path, params={'per_page': 100})
    second = gh.get(path, params={'per_page': 100, 'page': 2})
    assert first.json()['total_count'] == 150 == second.json()['total_count']
    assert [r['id'] for r in first.json()['repositories'] + second.json()['repositories']] == sorted(ids)
    assert first.links['next']['url'] == gh.sim.url + path + '?per_page=100&page=2'
    assert 'next' not in second.links


def test_org_repositories_pagination(gh):
    gh.post('/_simulator/orgs/acme/repos', json={'count': 100, 'prefix': 'svc'})
    first = gh.get('/orgs/acme/repos', params={'per_page': 100})
    second = gh.get(first.links['next']['url'].replace(gh.sim.url, ''))
    repos = first.json() + second.json()
    assert len(repos) == 106
    assert [r['id'] for r in repos] == sorted(r['id'] for r in repos)
    assert repos[0]['name'] == 'api' and repos[-1]['name'] == 'svc-100'
