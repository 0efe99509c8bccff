# -*- coding: utf-8 -*-
# Copyright (c) 2026, secretops.github contributors
# BSD 2-Clause License (see LICENSES/BSD-2-Clause.txt or https://opensource.org/licenses/BSD-2-Clause)
# SPDX-License-Identifier: BSD-2-Clause

"""Bring many secrets of one org to their desired state: read the org once, plan every
secret with the single-secret planner, then write with bounded concurrency."""

from concurrent.futures import ThreadPoolExecutor

from ansible_collections.secretops.github.plugins.module_utils.errors import GitHubError, GitHubInputError
from ansible_collections.secretops.github.plugins.module_utils.repositories import RepositoryResolver
from ansible_collections.secretops.github.plugins.module_utils.secret_input import DesiredSecret
from ansible_collections.secretops.github.plugins.module_utils.secret_plan import ACTION_DONE, apply_plan, plan_secret

MAX_CONCURRENCY = 16


def desired_secrets(items, org, option='secrets'):
    """Validate every item before any request; names must be unique (case-insensitive)."""
    if not isinstance(items, list):
        raise GitHubInputError('%s must be a list of secrets' % option, option=option)
    desired = []
    seen = {}
    for index, item in enumerate(items):
        prefix = '%s[%d].' % (option, index)
        if not isinstance(item, dict):
            raise GitHubInputError('%s[%d] must be a dictionary with at least a name' % (option, index), option=option)
        secret = DesiredSecret.from_params(item, org, prefix=prefix)
        if secret.name in seen:
            raise GitHubInputError('%sname %s repeats %s[%d]: each secret may be listed once'
                                   % (prefix, secret.name, option, seen[secret.name]), option=prefix + 'name')
        seen[secret.name] = index
        desired.append(secret)
    return desired


def check_purge(desired, purge, confirmed, option, confirm_option):
    """A purge that keeps nothing deletes the whole store: only when the user said so explicitly."""
    if purge and not confirmed and not any(d.state == 'present' for d in desired):
        raise GitHubInputError(
            'purge would delete every secret of the organization, because %s lists none to keep; '
            'if that is really wanted, set %s: true (a missing or misspelled variable must never '
            'empty an organization)' % (option, confirm_option), option=confirm_option)


def plan_org(api, desired, purge=False, diff=False):
    """Plans for every desired secret and, with ``purge``, deletions of the unlisted ones.

    Reads the secret list once (one request per 100), a selection only where a plan needs it,
    and resolves repository names with one shared resolver.
    """
    current = dict((s['name'], s) for s in api.list_secrets())
    resolver = RepositoryResolver(api)
    plans = [plan_secret(api, d, current.get(d.name), resolver=resolver, diff=diff, read_selection=False)
             for d in desired]
    if purge:
        listed = set(d.name for d in desired)
        plans.extend(plan_secret(api, DesiredSecret(name, state='absent'), current[name], diff=diff)
                     for name in sorted(current) if name not in listed)
    return plans


def apply_org(api, plans, max_concurrency=4):
    """Send every plan's writes, at most ``max_concurrency`` at a time.

    Returns {name: secret result}. If some writes fail, raises GitHubError saying which
    changes were applied and which were not; a rerun completes the rest.
    """
    changing = [p for p in plans if p.changed]
    if any(p.write_value and p.desired.value is not None for p in changing):
        api.public_key()  # fetched once, before the writers share it
    results = dict((p.name, p.result()) for p in plans if not p.changed)
    failures = []

    def write(plan):
        try:
            return plan, apply_plan(api, plan, read_back=False), None
        except GitHubError as error:
            return plan, None, error

    workers = max(1, min(max_concurrency, MAX_CONCURRENCY, len(changing) or 1))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for plan, secret, error in pool.map(write, changing):
            if error is None:
                results[plan.name] = secret
            else:
                failures.append((plan, error))

    done = [p for p in changing if p.name in results]
    if failures:
        applied = sorted('%s %s' % (ACTION_DONE[p.action], p.name) for p in done)
        failed = ['%s: %s' % (p.name, e) for p, e in failures]
        first = failures[0][1]
        error = GitHubError(
            '%d of %d changes failed (%s); applied: %s. Run the task again to complete the rest'
            % (len(failures), len(changing), '; '.join(failed), ', '.join(applied) or 'none'),
            status=first.status, documentation_url=first.documentation_url)
        if done:
            error.after_write(**_done_lists(done))
        raise error

    if changing:
        # New timestamps for what changed: one list read instead of one read per secret.
        try:
            fresh = dict((s['name'], s) for s in api.list_secrets())
        except GitHubError as error:
            raise error.after_write(**_done_lists(done))
        for plan in changing:
            if plan.desired.state == 'present' and plan.name in fresh:
                results[plan.name] = plan.result(fresh[plan.name])
    return results


def _done_lists(plans):
    """created/updated/deleted names of the plans whose writes went through."""
    return dict((key, sorted(p.name for p in plans if p.action == action))
                for action, key in (('create', 'created'), ('update', 'updated'), ('delete', 'deleted')))


def summary(plans, results, diff=False):
    """The module result: what changed, by name, and the secrets after."""
    result = dict(
        changed=any(p.changed for p in plans),
        created=sorted(p.name for p in plans if p.action == 'create'),
        updated=sorted(p.name for p in plans if p.action == 'update'),
        deleted=sorted(p.name for p in plans if p.action == 'delete'),
        unchanged=sorted(p.name for p in plans if not p.changed),
        secrets=[results[p.name] for p in plans if p.desired.state == 'present'],
    )
    if diff:
        diffs = [(p.name, p.diff()) for p in plans if p.changed]
        result['diff'] = {'before': dict((name, d['before']) for name, d in diffs),
                          'after': dict((name, d['after']) for name, d in diffs)}
    return result
