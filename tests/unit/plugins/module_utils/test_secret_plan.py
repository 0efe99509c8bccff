"""Plan, then act, for one secret in every store: decisions, diff, prediction and the writes."""

import pytest

from ansible_collections.secretops.github.plugins.module_utils._errors import GitHubInputError
from ansible_collections.secretops.github.plugins.module_utils._sealed_box import encrypt
from ansible_collections.secretops.github.plugins.module_utils._secret_input import DesiredSecret
from ansible_collections.secretops.github.plugins.module_utils._secret_plan import apply_plan, plan_secret
from ansible_collections.secretops.github.tests.unit.plugins.helpers import (
    FACTS,
    METADATA_PUT_STORES,
    VALUE_PUT_STORES,
    put_bodies,
    requests_sent,
    secrets_path,
    seed_secrets,
    stored_secret,
    writes_sent,
)


def plan(api, **params):
    params.setdefault('name', 'app_secret')
    desired = DesiredSecret.from_params(params, 'acme')
    return plan_secret(api, desired, api.get_secret(desired.name), diff=True)


@pytest.fixture(name='seed')
def seed_fixture(sim, store):
    def seed(**spec):
        spec.setdefault('name', 'APP_SECRET')
        spec.setdefault('value', 'old-value')
        seed_secrets(sim, store, [spec])
    return seed


@pytest.fixture(name='stored')
def stored_fixture(sim, store):
    return lambda: stored_secret(sim, store, 'APP_SECRET')


def test_create(sim, api, stored):
    p = plan(api, value='v1', visibility='private')
    assert p.action == 'create' and p.changed and p.write_value
    assert p.diff() == {'before': {'state': 'absent'},
                        'after': {'state': 'present', 'visibility': 'private', 'value': 'set (not shown)'}}
    assert p.result() == {'name': 'APP_SECRET', 'visibility': 'private'}
    assert writes_sent(sim) == []
    secret = apply_plan(api, p)
    assert stored()['value'] == 'v1'
    assert secret == {'name': 'APP_SECRET', 'visibility': 'private'}


@pytest.mark.parametrize('params, text', [
    ({'visibility': 'all'}, 'creating it needs value (or encrypted_value with key_id)'),
    ({'value': 'v'}, 'creating it needs visibility (all, private or selected)'),
    ({}, 'needs value (or encrypted_value with key_id) and visibility'),
])
def test_create_needs_value_and_visibility(sim, api, params, text):
    with pytest.raises(GitHubInputError) as caught:
        plan(api, **params)
    assert 'Secret APP_SECRET does not exist in acme; ' in str(caught.value)
    assert text in str(caught.value)
    assert writes_sent(sim) == []


def test_update_value_always_rewrites_and_keeps_the_visibility(sim, api, seed, stored):
    seed(visibility='private')
    p = plan(api, value='new-value')
    assert p.action == 'update' and p.write_value and p.visibility == 'private'
    assert p.diff()['after'] == {'state': 'present', 'visibility': 'private', 'value': 'rewritten (not shown)'}
    apply_plan(api, p)
    assert stored()['value'] == 'new-value'
    assert stored()['visibility'] == 'private'


def test_update_value_on_create_leaves_an_existing_value(sim, api, seed):
    seed(visibility='all')
    p = plan(api, value='ignored', update_value='on_create')
    assert not p.changed
    assert apply_plan(api, p)['visibility'] == 'all'
    assert writes_sent(sim) == []


@pytest.mark.parametrize('store', METADATA_PUT_STORES)
@pytest.mark.parametrize('value', [None, 'ignored'])
def test_metadata_change_with_on_create_sends_no_value(sim, api, seed, stored, store, value):
    seed(visibility='all')
    p = plan(api, value=value, update_value='on_create', visibility='private')
    assert p.action == 'update' and not p.write_value and not p.selection_only
    assert 'value' not in p.diff()['after']
    apply_plan(api, p)
    assert put_bodies(sim) == [(secrets_path(store, 'APP_SECRET'), {'visibility': 'private'})]
    assert stored()['value'] == 'old-value'


@pytest.mark.parametrize('store', VALUE_PUT_STORES)
def test_visibility_change_with_on_create_re_sends_the_given_value(sim, api, seed, stored, store):
    seed(visibility='all')
    p = plan(api, value='given', update_value='on_create', visibility='private')
    assert p.action == 'update' and p.write_value and not p.selection_only
    assert p.diff()['after'] == {'state': 'present', 'visibility': 'private', 'value': 'rewritten (not shown)'}
    apply_plan(api, p)
    [(path, body)] = put_bodies(sim)
    assert path == secrets_path(store, 'APP_SECRET') and body['encrypted_value'] == '<redacted>'
    assert stored()['value'] == 'given' and stored()['visibility'] == 'private'


@pytest.mark.parametrize('store', VALUE_PUT_STORES)
@pytest.mark.parametrize('visibility', ['private', 'selected'])
def test_visibility_change_without_value_fails_naming_value_before_any_write(sim, api, seed, store, visibility):
    seed(visibility='all')
    with pytest.raises(GitHubInputError) as caught:
        plan(api, visibility=visibility, repositories=['api'] if visibility == 'selected' else None)
    assert caught.value.option == 'value'
    assert str(caught.value).startswith('Changing the visibility of %s secret APP_SECRET from all to %s needs value'
                                        % (FACTS[store].title, visibility))
    assert writes_sent(sim) == []


@pytest.mark.parametrize('value', [None, 'ignored'])
def test_a_selection_only_change_writes_no_value(sim, api, seed, stored, store, value):
    seed(visibility='selected', selected_repository_ids=[1001])
    p = plan(api, value=value, update_value='on_create', repositories=['web', 'api'])
    assert p.action == 'update' and not p.write_value
    assert p.selection_only is FACTS[store].visibility_change_needs_value
    apply_plan(api, p)
    assert put_bodies(sim) == [FACTS[store].selection_change(store, 'APP_SECRET', [1001, 1002])]
    assert stored()['selected_repository_ids'] == [1001, 1002] and stored()['value'] == 'old-value'


def test_value_rewrite_of_a_selected_secret_keeps_the_selection(sim, api, seed, stored):
    seed(visibility='selected', selected_repository_ids=[1001, 1002])
    p = plan(api, value='rotated')
    assert [r['id'] for r in p.repositories] == [1001, 1002]
    assert p.diff()['before']['selected_repositories'] == ['acme/api', 'acme/web']
    apply_plan(api, p)
    assert stored()['selected_repository_ids'] == [1001, 1002]
    assert stored()['value'] == 'rotated'


def test_same_selection_in_another_order_is_no_change(sim, api, seed):
    seed(visibility='selected', selected_repository_ids=[1001, 1002])
    p = plan(api, visibility='selected', repositories=['web', 1001])
    assert not p.changed
    # both were known from the current selection: read secret, read its repositories
    assert len(requests_sent(sim)) == 2


def test_repositories_without_visibility_on_a_non_selected_secret(sim, api, seed):
    seed(visibility='all')
    with pytest.raises(GitHubInputError) as caught:
        plan(api, repositories=['api'])
    assert 'secret APP_SECRET has visibility all: add visibility: selected' in str(caught.value)


def test_repositories_without_visibility_on_a_selected_secret(sim, api, seed, stored):
    seed(visibility='selected', selected_repository_ids=[1001])
    p = plan(api, repositories=['api', 'web'])
    assert p.action == 'update'
    apply_plan(api, p)
    assert stored()['selected_repository_ids'] == [1001, 1002]


def test_switching_to_selected_without_repositories_warns(sim, api, seed):
    seed(visibility='all')
    # a value for the stores whose visibility change needs one
    p = plan(api, visibility='selected', value='v', update_value='on_create')
    assert p.repositories == []
    assert p.warnings and 'no repository can use it yet' in p.warnings[0]


def test_absent(sim, api, seed, stored):
    seed(visibility='selected', selected_repository_ids=[1003])
    p = plan(api, state='absent')
    assert p.action == 'delete'
    assert p.diff() == {'before': {'state': 'present', 'visibility': 'selected', 'selected_repositories': ['acme/docs']},
                        'after': {'state': 'absent'}}
    assert apply_plan(api, p) == {}
    assert stored() is None


def test_absent_without_diff_does_not_read_the_selection(sim, api, seed):
    seed(visibility='selected', selected_repository_ids=[1003])
    desired = DesiredSecret.from_params({'name': 'app_secret', 'state': 'absent'}, 'acme')
    plan_secret(api, desired, api.get_secret(desired.name))
    assert len(requests_sent(sim)) == 1


def test_absent_when_missing_is_no_change(sim, api):
    p = plan(api, state='absent')
    assert not p.changed
    assert p.result() == {}
    assert p.diff() == {'before': {'state': 'absent'}, 'after': {'state': 'absent'}}


def test_encrypted_value_is_sent_as_given(sim, api, stored, store):
    public_key = api.public_key()
    sealed = encrypt(public_key['key'], 'pre-sealed')
    sim.state.clear_log()
    p = plan(api, encrypted_value=sealed, key_id=public_key['key_id'], visibility='all')
    apply_plan(api, p)
    assert stored()['value'] == 'pre-sealed'
    assert ('GET', secrets_path(store, 'public-key')) not in requests_sent(sim)
