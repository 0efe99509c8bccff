"""org_secret_repos in-process against the simulator, in every store (none needs the value here)."""

import pytest

from ansible_collections.secretops.github.plugins.modules.org_secret_repos import main
from ansible_collections.secretops.github.tests.unit.plugins.helpers import (
    ONE_STORE,
    add_repositories,
    put_bodies,
    requests_sent,
    secrets_path,
    seed_secrets,
    stored_secret,
    writes_sent,
)
from ansible_collections.secretops.github.tests.unit.plugins.modules.module_runner import module_runner


@pytest.fixture(name='run')
def run_fixture(sim, capsys, store):
    return module_runner(main, sim, capsys, store=store, name='deploy_key')


@pytest.fixture(name='seed')
def seed_fixture(sim, store):
    def seed(visibility='selected', ids=(1003,)):
        spec = {'name': 'DEPLOY_KEY', 'value': 'v', 'visibility': visibility}
        if visibility == 'selected':
            spec['selected_repository_ids'] = list(ids)
        seed_secrets(sim, store, [spec])
    return seed


@pytest.fixture(name='selection')
def selection_fixture(sim, store):
    return lambda: stored_secret(sim, store, 'DEPLOY_KEY')['selected_repository_ids']


def names(repos):
    return [r['full_name'] for r in repos]


def test_present_adds_only_what_is_missing_one_request_each(sim, run, seed, selection, store):
    seed()
    check = run(check_mode=True, diff=True, repositories=['web', 'api', 1003])
    assert check['changed'] is True
    assert names(check['added']) == ['acme/api', 'acme/web'] and check['removed'] == []
    assert names(check['repositories']) == ['acme/api', 'acme/docs', 'acme/web']
    assert check['diff'] == {'before': {'repositories': ['acme/docs']},
                             'after': {'repositories': ['acme/api', 'acme/docs', 'acme/web']}}
    assert writes_sent(sim) == []

    real = run(repositories=['web', 'api', 1003])
    assert real['repositories'] == check['repositories']
    assert selection() == [1001, 1002, 1003]
    # integer ids in the path, in every store (Dependabot's strings are for the secret PUT only)
    assert writes_sent(sim) == [('PUT', secrets_path(store, 'DEPLOY_KEY', 'repositories', 1001)),
                                ('PUT', secrets_path(store, 'DEPLOY_KEY', 'repositories', 1002))]

    sim.state.clear_log()
    assert run(repositories=['web', 'api'])['changed'] is False
    assert writes_sent(sim) == []


def test_absent_removes_only_selected_ones(sim, run, seed, selection, store):
    seed(ids=(1001, 1002, 1003))
    result = run(repositories=['web', 'mobile'], state='absent')
    assert names(result['removed']) == ['acme/web'] and result['added'] == []
    assert selection() == [1001, 1003]
    assert writes_sent(sim) == [('DELETE', secrets_path(store, 'DEPLOY_KEY', 'repositories', 1002))]
    assert run(repositories=['web'], state='absent')['changed'] is False


def test_exact_replaces_in_one_request_with_integer_ids(sim, run, seed, selection, store):
    seed(ids=(1001, 1003))
    result = run(repositories=['infra', 1001], state='exact')
    assert names(result['added']) == ['acme/infra'] and names(result['removed']) == ['acme/docs']
    assert selection() == [1001, 1004]
    assert put_bodies(sim) == [(secrets_path(store, 'DEPLOY_KEY', 'repositories'), {'selected_repository_ids': [1001, 1004]})]
    assert run(repositories=['acme/infra', 'api'], state='exact')['changed'] is False


def test_exact_empty_list_selects_nothing(sim, run, seed, selection):
    seed(ids=(1001, 1003))
    result = run(repositories=[], state='exact')
    assert result['repositories'] == [] and len(result['removed']) == 2
    assert selection() == []


def test_large_selection_over_several_pages(sim, run, seed, selection, store):
    repos = add_repositories(sim, 160)
    seed(ids=())
    result = run(repositories=[r['name'] for r in repos], state='exact')
    assert len(result['repositories']) == 160
    assert len(selection()) == 160
    sim.state.clear_log()
    again = run(repositories=[r['id'] for r in repos[:5]] + ['api'])
    assert names(again['added']) == ['acme/api'] and len(again['repositories']) == 161
    # the secret, two pages of its selection (which resolve the ids), the one unknown name, one add
    base = secrets_path(store, 'DEPLOY_KEY')
    assert requests_sent(sim) == [('GET', base), ('GET', base + '/repositories'), ('GET', base + '/repositories'),
                                  ('GET', '/repos/acme/api'), ('PUT', base + '/repositories/1001')]


@pytest.mark.parametrize('visibility', ['all', 'private'])
def test_a_secret_that_is_not_selected_fails_even_without_changes(sim, run, seed, visibility):
    seed(visibility=visibility)
    result = run(repositories=[], state='absent')
    assert result['failed'] is True
    assert 'Secret DEPLOY_KEY has visibility %s' % visibility in result['msg']
    assert 'set visibility: selected with secretops.github.org_secret' in result['msg']
    assert writes_sent(sim) == []


def test_missing_secret_fails_naming_it(sim, run):
    result = run(name='nope', repositories=['api'])
    assert result['failed'] is True
    assert 'Secret NOPE does not exist in acme' in result['msg']


def test_unknown_repositories_fail_before_any_write(sim, run, seed):
    seed()
    result = run(repositories=['api', 'ghost', 777777])
    assert result['failed'] is True
    assert "no repository 'ghost', 777777 in the organization acme" in result['msg']
    assert writes_sent(sim) == []


@pytest.mark.parametrize('failing_id, applied, not_applied', [
    (1001, [], 'acme/api, acme/docs, acme/infra, acme/mobile, acme/web'),
    (1003, ['acme/api'], 'acme/docs, acme/infra, acme/mobile, acme/web'),
])
def test_a_failure_part_way_says_what_was_applied_and_a_rerun_completes(sim, run, seed, selection, failing_id, applied,
                                                                        not_applied):
    seed(ids=())
    sim.faults.add_rule({'action': 'status', 'status': 500, 'method': 'PUT', 'path': '/repositories/%d$' % failing_id,
                         'times': None})
    result = run(repositories=['api', 'web', 'docs', 'infra', 'mobile'], max_retries=0)
    assert result['failed'] is True
    # changed as soon as one write went through, with what it was
    assert result['changed'] is bool(applied) and result.get('applied', []) == applied
    assert 'additions applied: %s; not applied: %s' % (', '.join(applied) or 'none', not_applied) in result['msg']
    assert 'Run the task again to complete it' in result['msg']
    sim.faults.clear()
    rerun = run(repositories=['api', 'web', 'docs', 'infra', 'mobile'])
    assert ', '.join(names(rerun['added'])) == not_applied
    assert selection() == [1001, 1002, 1003, 1004, 1005]


@ONE_STORE
def test_bad_repository_items_fail_before_any_request(sim, run):
    result = run(repositories=[1.5, 'globex/api'])
    assert result['failed'] is True
    assert 'repositories[0] is float 1.5' in result['msg'] and "repositories[1] is 'globex/api'" in result['msg']
    assert requests_sent(sim) == []
