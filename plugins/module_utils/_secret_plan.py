# -*- coding: utf-8 -*-
# Copyright (c) 2026, secretops.github contributors
# BSD 2-Clause License (see LICENSES/BSD-2-Clause.txt or https://opensource.org/licenses/BSD-2-Clause)
# SPDX-License-Identifier: BSD-2-Clause
#
# PRIVATE: an internal part of secretops.github, not an API for other collections or for playbooks.
# It may change or disappear in any release without notice.

"""Plan, then act, for one organization secret in any store.

``plan_secret`` reads and decides (no writes: this is all check mode runs);
``apply_plan`` sends the writes. Shared by every module that manages secrets.
"""

from ansible_collections.secretops.github.plugins.module_utils._errors import GitHubInputError
from ansible_collections.secretops.github.plugins.module_utils._repositories import RepositoryResolver

VALUE_CREATED = 'set (not shown)'
VALUE_REWRITTEN = 'rewritten (not shown)'
ACTION_DONE = {'create': 'created', 'update': 'updated', 'delete': 'deleted'}


class SecretPlan:
    """The decision for one secret: what exists, what should, and which write gets there."""

    def __init__(self, desired, current, current_repositories, action=None, visibility=None,
                 repositories=None, write_value=False, warnings=None, selection_only=False,
                 selected_repositories_url=None):
        self.desired = desired
        self.current = current                            # metadata dict, or None when absent
        self.current_repositories = current_repositories  # list when current visibility is selected
        self.action = action                              # 'create', 'update', 'delete' or None
        self.visibility = visibility                      # target visibility
        self.repositories = repositories                  # target selection when visibility is selected
        self.write_value = write_value
        # Only the selected repositories change, sent to the repositories endpoint (stores whose
        # secret PUT needs the value, when no value is written).
        self.selection_only = selection_only
        self.selected_repositories_url = selected_repositories_url
        self.warnings = warnings or []

    @property
    def name(self):
        return self.desired.name

    @property
    def changed(self):
        return self.action is not None

    def diff(self):
        """before/after metadata; the value only ever appears as words."""
        before = _diff_state(self.current and self.current['visibility'], self.current_repositories)
        if self.desired.state == 'absent':
            after = {'state': 'absent'}
        else:
            after = _diff_state(self.visibility, self.repositories)
            if self.write_value:
                after['value'] = VALUE_CREATED if self.current is None else VALUE_REWRITTEN
        return {'before': before, 'after': after}

    def result(self):
        """The ``secret`` return value after the change (predicted in check mode), from what was read
        before: a write makes updated_at stale, so a changed secret has none."""
        if self.desired.state == 'absent':
            return {}
        secret = dict(self.current or {'name': self.name})
        if self.changed:
            secret.pop('updated_at', None)
            if self.visibility == 'selected':
                secret['selected_repositories_url'] = self.selected_repositories_url
        secret['visibility'] = self.visibility
        if self.visibility != 'selected':
            secret.pop('selected_repositories_url', None)
        elif self.repositories is not None:
            secret['selected_repositories'] = sorted(self.repositories, key=lambda r: r['full_name'].lower())
        return secret


def _diff_state(visibility, repositories):
    if visibility is None:
        return {'state': 'absent'}
    state = {'state': 'present', 'visibility': visibility}
    if visibility == 'selected':
        state['selected_repositories'] = sorted((r['full_name'] for r in repositories or []), key=str.lower)
    return state


def _ids(repositories):
    return set(r['id'] for r in repositories or [])


def plan_secret(api, desired, current, current_repositories=None, resolver=None, diff=False, read_selection=True):
    """Decide what to do for ``desired`` given ``current`` (metadata or None); never writes.

    Resolves repository references and reads the current selection of a selected secret
    when it is not passed in. With ``read_selection=False`` (many secrets at once) that read
    only happens when the plan needs it: to compare repositories, to re-send them with a
    value, or for a diff. A deletion reads the selection only for a diff.
    """
    if desired.state == 'absent':
        known = _selection(api, current, current_repositories) if diff else current_repositories
        return SecretPlan(desired, current, known, action='delete' if current else None)

    if current is None:
        missing = [what for what, ok in (('value (or encrypted_value with key_id)', desired.has_value),
                                         ('visibility (all, private or selected)', desired.visibility)) if not ok]
        if missing:
            raise GitHubInputError('Secret %s does not exist in %s; creating it needs %s'
                                   % (desired.name, api.org, ' and '.join(missing)),
                                   option='value' if not desired.has_value else 'visibility')
        repositories = _target_selection(api, desired, desired.visibility, [], resolver)
        return SecretPlan(desired, None, None, action='create', visibility=desired.visibility,
                          repositories=repositories, write_value=True, warnings=_empty_warning(desired, repositories),
                          selected_repositories_url=api.selected_repositories_url(desired.name))

    visibility = desired.visibility or current['visibility']
    if desired.repositories is not None and visibility != 'selected':
        raise GitHubInputError(
            'repositories can only be used with visibility=selected, and secret %s has visibility %s: '
            'add visibility: selected to the task' % (desired.name, visibility), option='repositories')
    write_value = desired.has_value and desired.update_value == 'always'
    if api.store.put_needs_value and visibility != current['visibility'] and not write_value:
        # This store takes the value with every write of the secret: re-send the one given.
        if not desired.has_value:
            raise GitHubInputError(
                'Changing the visibility of %s secret %s from %s to %s needs value (or encrypted_value with key_id): '
                'GitHub requires the value with every change of an %s secret\'s visibility; nothing was changed'
                % (api.store.title, desired.name, current['visibility'], visibility, api.store.title), option='value')
        write_value = True
    if read_selection or diff or (visibility == 'selected' and (desired.repositories is not None or write_value)):
        current_repositories = _selection(api, current, current_repositories)
    stays_unread = current['visibility'] == 'selected' and current_repositories is None
    # An unread selection is one nothing asks to change: it stays as it is.
    repositories = None
    if visibility == 'selected' and not stays_unread:
        repositories = _target_selection(api, desired, visibility, current_repositories, resolver)

    metadata_changed = visibility != current['visibility'] or (
        repositories is not None and current_repositories is not None and _ids(repositories) != _ids(current_repositories))
    warnings = []
    if visibility == 'selected' and current['visibility'] != 'selected':
        warnings = _empty_warning(desired, repositories)
    return SecretPlan(desired, current, current_repositories,
                      action='update' if (metadata_changed or write_value) else None,
                      visibility=visibility, repositories=repositories, write_value=write_value, warnings=warnings,
                      selection_only=metadata_changed and not write_value and api.store.put_needs_value,
                      selected_repositories_url=api.selected_repositories_url(desired.name))


def _selection(api, current, known):
    if current is None or current['visibility'] != 'selected':
        return None
    if known is not None:
        return known
    return api.list_selected_repositories(current['name'])


def _target_selection(api, desired, visibility, current_repositories, resolver):
    if visibility != 'selected':
        return None
    if desired.repositories is None:
        # Keep what is selected now; a visibility change to selected starts empty.
        return list(current_repositories or [])
    resolver = resolver or RepositoryResolver(api)
    resolver.remember(current_repositories or [])
    return resolver.resolve(desired.repositories)


def _empty_warning(desired, repositories):
    if repositories == [] and desired.repositories is None:
        return ['Secret %s has visibility selected and no repositories, so no repository can use it yet; '
                'list them in repositories' % desired.name]
    return []


def apply_plan(api, plan):
    """Send the plan's writes; return the ``secret`` result after the change.

    Nothing is read back: GitHub's answer to a write has no body worth a request, so a written
    secret's result keeps what was read before (created_at) and drops what the write made stale
    (updated_at).
    """
    desired = plan.desired
    if plan.action is None:
        return plan.result()
    if plan.action == 'delete':
        api.delete_secret(plan.name)
        return plan.result()

    if plan.visibility == 'selected' and plan.repositories is None:
        # Never send a selection we did not read: GitHub would take the missing list as empty.
        raise GitHubInputError('Internal error: secret %s would be written without its repositories' % plan.name)
    repository_ids = [r['id'] for r in plan.repositories or []]
    if plan.selection_only:
        api.set_selected_repositories(plan.name, repository_ids)
    elif plan.write_value and desired.value is not None:
        api.put_secret_value(plan.name, desired.value, plan.visibility, repository_ids)
    elif plan.write_value:
        api.put_secret(plan.name, plan.visibility, repository_ids, desired.encrypted_value, desired.key_id)
    else:
        # Metadata only: without encrypted_value GitHub keeps the stored value.
        api.put_secret(plan.name, plan.visibility, repository_ids)
    return plan.result()
