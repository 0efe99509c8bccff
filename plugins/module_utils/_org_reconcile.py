# -*- coding: utf-8 -*-
# Copyright (c) 2026, secretops.github contributors
# BSD 2-Clause License (see LICENSES/BSD-2-Clause.txt or https://opensource.org/licenses/BSD-2-Clause)
# SPDX-License-Identifier: BSD-2-Clause
#
# PRIVATE: an internal part of secretops.github, not an API for other collections or for playbooks.
# It may change or disappear in any release without notice.

"""Bring many secrets of one org, in one or several stores, to their desired state: read each store
once (the stores at the same time), plan every secret with the single-secret planner, then write
with bounded concurrency. Nothing is read again after the writes."""

from concurrent.futures import ThreadPoolExecutor

from ansible_collections.secretops.github.plugins.module_utils._errors import GitHubError, GitHubInputError, shown
from ansible_collections.secretops.github.plugins.module_utils._repositories import RepositoryResolver
from ansible_collections.secretops.github.plugins.module_utils._secret_input import DesiredSecret
from ansible_collections.secretops.github.plugins.module_utils._secret_plan import ACTION_DONE, apply_plan, plan_secret
from ansible_collections.secretops.github.plugins.module_utils._stores import get_store

MAX_CONCURRENCY = 16
ITEM_OPTIONS = ('name', 'store', 'state', 'value', 'encrypted_value', 'key_id', 'visibility', 'repositories',
                'update_value')


def desired_secrets(items, org, default_store=None, option='secrets'):
    """Validate every item before any request; names must be unique (case-insensitive) per store."""
    if not isinstance(items, list):
        raise GitHubInputError('%s must be a list of secrets' % option, option=option)
    default_store = get_store(default_store).name
    desired = []
    seen = {}
    for index, item in enumerate(items):
        prefix = '%s[%d].' % (option, index)
        if not isinstance(item, dict):
            raise GitHubInputError('%s[%d] must be a dictionary with at least a name' % (option, index), option=option)
        unknown = sorted(str(key) for key in item if key not in ITEM_OPTIONS)
        if unknown:
            raise GitHubInputError('%s[%d] has unknown option%s %s (values not shown): the options of an item are %s'
                                   % (option, index, 's' if len(unknown) > 1 else '', ', '.join(shown(k) for k in unknown),
                                      ', '.join(ITEM_OPTIONS)), option=option)
        secret = DesiredSecret.from_params(item, org, prefix=prefix)
        secret.store = get_store(item.get('store') or default_store, option=prefix + 'store').name
        key = (secret.store, secret.name)
        if key in seen:
            raise GitHubInputError('%sname %s repeats %s[%d]: each secret may be listed once per store'
                                   % (prefix, secret.name, option, seen[key]), option=prefix + 'name')
        seen[key] = index
        desired.append(secret)
    return desired


def stores_of(desired, default_store=None, explicit=None, option='purge_stores'):
    """The stores a run touches: those the items name (or the default store for an empty list),
    or exactly ``explicit`` when given (for purging stores the list does not name)."""
    if explicit is not None:
        if not isinstance(explicit, list) or not explicit:
            raise GitHubInputError('%s must be a non-empty list of stores' % option, option=option)
        names = [get_store(name, option='%s[%d]' % (option, index)).name for index, name in enumerate(explicit)]
    else:
        names = [d.store for d in desired] or [get_store(default_store).name]
    return list(dict.fromkeys(names))


def check_purge(desired, stores, confirmed, option, confirm_option):
    """A purge that keeps nothing in a store deletes the whole store: only when the user said so explicitly."""
    if confirmed:
        return
    for store in stores:
        if not any(d.store == store and d.state == 'present' for d in desired):
            raise GitHubInputError(
                'purge would delete every %s secret of the organization, because %s lists none to keep in that '
                'store; if that is really wanted, set %s: true (a missing or misspelled variable must never '
                'empty an organization)' % (get_store(store).title, option, confirm_option), option=confirm_option)


def plan_org(apis, desired, purge_stores=(), diff=False):
    """Plans for every desired secret and, for each store of ``purge_stores``, deletions of the unlisted ones.

    ``apis`` maps store name -> OrgSecretsAPI for every store involved. Each store's list is read once
    (one request per 100 secrets), the stores at the same time; a selection only where a plan needs it;
    repository names with one resolver per store.
    """
    stores = list(dict.fromkeys([d.store for d in desired] + list(purge_stores)))

    def plan_store(store):
        api = apis[store]
        current = dict((s['name'], s) for s in api.list_secrets())
        resolver = RepositoryResolver(api)
        mine = [d for d in desired if d.store == store]
        plans = [plan_secret(api, d, current.get(d.name), resolver=resolver, diff=diff, read_selection=False)
                 for d in mine]
        if store in purge_stores:
            listed = set(d.name for d in mine)
            plans.extend(plan_secret(api, DesiredSecret(name, state='absent', store=store), current[name], diff=diff)
                         for name in sorted(current) if name not in listed)
        check_limit(api, len(current), plans)
        return plans

    with ThreadPoolExecutor(max_workers=max(1, len(stores))) as pool:
        planned = dict(zip(stores, pool.map(plan_store, stores)))
    # The order of the list, then each store's purges.
    order = dict((id(d), index) for index, d in enumerate(desired))
    plans = [p for store in stores for p in planned[store]]
    return sorted(plans, key=lambda p: order.get(id(p.desired), len(order)))


def check_limit(api, existing, plans):
    """GitHub refuses a create beyond the store's limit: fail before the first write, not halfway through."""
    limit = api.store.max_secrets
    after = existing + sum(p.action == 'create' for p in plans) - sum(p.action == 'delete' for p in plans)
    if limit is not None and after > limit:
        raise GitHubInputError(
            'The plan would leave %d %s secrets in the organization %s, and GitHub allows at most %d: list fewer '
            'secrets or purge some; nothing was changed' % (after, api.store.title, api.org, limit))


def apply_org(apis, plans, max_concurrency=4, default_store=None):
    """Send every plan's writes, at most ``max_concurrency`` at a time, all stores together.

    Returns {(store, name): secret result}. If some writes fail, raises GitHubError saying which
    changes were applied and which were not; a rerun completes the rest.
    """
    changing = [p for p in plans if p.changed]
    for store in set(p.desired.store for p in changing if p.write_value and p.desired.value is not None):
        apis[store].public_key()  # fetched once per store, before the writers share it
    results = dict((key_of(p), p.result()) for p in plans if not p.changed)
    failures = []

    def write(plan):
        try:
            return plan, apply_plan(apis[plan.desired.store], plan), None
        except GitHubError as error:
            return plan, None, error

    workers = max(1, min(max_concurrency, MAX_CONCURRENCY, len(changing) or 1))
    # Deletions first: a store at its limit (check_limit) has room for the creates only after them.
    phases = [[p for p in changing if p.action == 'delete'], [p for p in changing if p.action != 'delete']]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for phase in phases:
            for plan, secret, error in pool.map(write, phase):
                if error is None:
                    results[key_of(plan)] = secret
                else:
                    failures.append((plan, error))

    if failures:
        done = [p for p in changing if key_of(p) in results]
        applied = sorted('%s %s' % (ACTION_DONE[p.action], _label(p, default_store)) for p in done)
        failed = ['%s: %s' % (_label(p, default_store), e) for p, e in failures]
        first = failures[0][1]
        error = GitHubError(
            '%d of %d changes failed (%s); applied: %s. Run the task again to complete the rest'
            % (len(failures), len(changing), '; '.join(failed), ', '.join(applied) or 'none'),
            status=first.status, documentation_url=first.documentation_url)
        if done:
            error.after_write(**_done_lists(done, default_store))
        raise error
    return results


def key_of(plan):
    return plan.desired.store, plan.name


def _done_lists(plans, default_store=None):
    """created/updated/deleted names of the given plans."""
    return dict((key, sorted(_label(p, default_store) for p in plans if p.action == action))
                for action, key in (('create', 'created'), ('update', 'updated'), ('delete', 'deleted')))


def _label(plan, default_store):
    """A secret's name; STORE/NAME for a secret of another store than the default one."""
    store = plan.desired.store
    return plan.name if default_store is None or store == default_store else '%s/%s' % (store, plan.name)


def summary(plans, results, default_store=None, diff=False):
    """The module result: what changed, by name (STORE/NAME outside the default store), and the secrets after."""
    result = _done_lists(plans, default_store)
    result.update(
        changed=any(p.changed for p in plans),
        unchanged=sorted(_label(p, default_store) for p in plans if not p.changed),
        secrets=[dict(results[key_of(p)], store=p.desired.store) for p in plans if p.desired.state == 'present'],
    )
    if diff:
        diffs = [(_label(p, default_store), p.diff()) for p in plans if p.changed]
        result['diff'] = {'before': dict((name, d['before']) for name, d in diffs),
                          'after': dict((name, d['after']) for name, d in diffs)}
    return result
