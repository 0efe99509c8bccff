"""The repositories option: parsing without requests, resolving with as few as possible."""

import pytest

from ansible_collections.secretops.github.plugins.module_utils._errors import GitHubInputError
from ansible_collections.secretops.github.plugins.module_utils._repositories import RepositoryResolver, parse_references
from ansible_collections.secretops.github.tests.unit.plugins.helpers import requests_sent


@pytest.fixture
def store():
    """Repositories are resolved with /repos and /orgs/{org}/repos, the same for every store: one is enough."""
    return 'codespaces'


@pytest.mark.parametrize('refs, parsed', [
    ([1001, '1002', 'api', 'acme/web', 'ACME/Docs', ' infra '],
     [('id', 1001), ('id', 1002), ('name', 'api'), ('name', 'web'), ('name', 'Docs'), ('name', 'infra')]),
    ([], []),
    (['my.repo-name_1'], [('name', 'my.repo-name_1')]),
    (['12', 12, ' 0012 '], [('id', 12), ('id', 12), ('id', 12)]),
    (['...', '.github'], [('name', '...'), ('name', '.github')]),
])
def test_parse_references(refs, parsed):
    assert parse_references(refs, 'acme') == parsed


def test_parse_none_means_not_given():
    assert parse_references(None, 'acme') is None


@pytest.mark.parametrize('refs, text', [
    ([1.5], 'repositories[0] is float 1.5, not a repository id, name or owner/name'),
    ([True], 'repositories[0] is bool True'),
    ([{'id': 1}], 'repositories[0] is dict'),
    (['api', None], 'repositories[1] is NoneType None'),
    ([0], 'repository ids are positive integers'),
    ([-3], 'repository ids are positive integers'),
    (['globex/api'], "belongs to 'globex', not to the organization 'acme'"),
    (['a/b/c'], "belongs to 'a/b'"),
    (['acme/'], 'is not a repository name'),
    (['has space'], 'is not a repository name'),
    # only ASCII digits are ids: int() reads '１２' as 12 and fails on '²'
    (['²'], "repositories[0] is '\\xb2', which is not a repository name"),
    (['١٢'], "repositories[0] is '\\u0661\\u0662', which is not a repository name"),
    (['１２'], "repositories[0] is '\\uff11\\uff12', which is not a repository name"),
    (['.'], "repositories[0] is '.', which is not a repository name"),
    (['acme/..'], "repositories[0] is 'acme/..', which is not a repository name"),
    (['ünï\r\n'], "repositories[0] is '\\xfcn\\xef\\r\\n', which is not a repository name"),
    ('api', 'must be a list'),
])
def test_parse_rejects_bad_items_naming_them(refs, text):
    with pytest.raises(GitHubInputError) as caught:
        parse_references(refs, 'acme')
    assert text in str(caught.value)
    assert str(caught.value).isascii() and '\n' not in str(caught.value)
    assert caught.value.option == 'repositories'


def test_parse_reports_every_bad_item_at_once():
    with pytest.raises(GitHubInputError) as caught:
        parse_references([1.5, 'ok', 'globex/x'], 'acme')
    assert 'repositories[0]' in str(caught.value) and 'repositories[2]' in str(caught.value)


def test_known_repositories_cost_no_request(sim, api):
    known = [{'id': 1001, 'name': 'api', 'full_name': 'acme/api'}]
    resolver = RepositoryResolver(api, known)
    assert resolver.resolve([('id', 1001), ('name', 'API')]) == known
    assert requests_sent(sim) == []


def test_a_few_names_are_fetched_one_by_one(sim, api):
    resolved = RepositoryResolver(api).resolve([('name', 'api'), ('name', 'web')])
    assert [r['full_name'] for r in resolved] == ['acme/api', 'acme/web']
    assert requests_sent(sim) == [('GET', '/repos/acme/api'), ('GET', '/repos/acme/web')]


def test_an_unknown_id_lists_the_org_once(sim, api):
    resolver = RepositoryResolver(api)
    assert [r['name'] for r in resolver.resolve([('id', 1004), ('name', 'web')])] == ['infra', 'web']
    assert resolver.resolve([('id', 1005)])[0]['name'] == 'mobile'
    assert requests_sent(sim) == [('GET', '/orgs/acme/repos')]


def test_many_names_list_the_org_once(sim, api):
    names = [('name', n) for n in ('api', 'web', 'docs', 'infra', 'mobile', 'data')]
    assert len(RepositoryResolver(api).resolve(names)) == 6
    assert requests_sent(sim) == [('GET', '/orgs/acme/repos')]


def test_duplicates_are_removed_keeping_order(api):
    resolved = RepositoryResolver(api).resolve([('name', 'web'), ('id', 1002), ('id', 1001)])
    assert [r['id'] for r in resolved] == [1002, 1001]


def test_unknown_repositories_fail_together_naming_them(sim, api):
    with pytest.raises(GitHubInputError) as caught:
        RepositoryResolver(api).resolve([('name', 'api'), ('name', 'nope'), ('id', 424242)])
    assert "no repository 'nope', 424242 in the organization acme" in str(caught.value)
