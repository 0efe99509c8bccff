# -*- coding: utf-8 -*-
# Copyright (c) 2026, secretops.github contributors
# BSD 2-Clause License (see LICENSES/BSD-2-Clause.txt or https://opensource.org/licenses/BSD-2-Clause)
# SPDX-License-Identifier: BSD-2-Clause
#
# PRIVATE: an internal part of secretops.github, not an API for other collections or for playbooks.
# It may change or disappear in any release without notice.

"""Turn the ``repositories`` option (ids, names, owner/name) into repositories of the org."""

import re

from ansible_collections.secretops.github.plugins.module_utils._errors import GitHubInputError, shown

# Up to this many unknown names (in all calls of one resolver) are fetched one by one;
# more, or any unknown id, lists the org once.
MAX_SINGLE_LOOKUPS = 5

_NAME = re.compile(r'[A-Za-z0-9._-]+')
# ASCII only: str.isdigit() also accepts '²' and '١٢', which int() rejects or reads as 12.
_DIGITS = re.compile(r'[0-9]+')


def _some(problems, separator='; ', most=10):
    """The first ``most`` problems, and how many more: a list of 2,000 bad items stays readable."""
    text = separator.join(problems[:most])
    return text if len(problems) <= most else '%s%sand %d more' % (text, separator, len(problems) - most)


def parse_references(references, org, option='repositories'):
    """Validate the option's items; return a list of ('id', int) / ('name', str) in input order.

    Pure: no request. Integers and all-digit strings are ids; other strings are names,
    optionally ``owner/name`` where owner must be ``org``.
    """
    if references is None:
        return None
    if not isinstance(references, (list, tuple)):
        raise GitHubInputError('%s must be a list of repository ids, names or owner/name strings' % option, option=option)
    parsed = []
    problems = []
    for index, ref in enumerate(references):
        where = '%s[%d]' % (option, index)
        if isinstance(ref, bool) or not isinstance(ref, (int, str)):
            problems.append('%s is %s %s, not a repository id, name or owner/name' % (where, type(ref).__name__, shown(ref)))
            continue
        if isinstance(ref, int) or _DIGITS.fullmatch(ref.strip()):
            repo_id = int(ref)
            if repo_id <= 0:
                problems.append('%s is %s: repository ids are positive integers' % (where, shown(ref)))
            else:
                parsed.append(('id', repo_id))
            continue
        text = ref.strip()
        owner, _sep, name = text.rpartition('/')
        if owner and owner.lower() != org.lower():
            problems.append('%s is %s, which belongs to %s, not to the organization %s: '
                            'only repositories of org can use its secrets' % (where, shown(ref), shown(owner), shown(org)))
        elif not _NAME.fullmatch(name) or name in ('.', '..'):
            problems.append('%s is %s, which is not a repository name' % (where, shown(ref)))
        else:
            parsed.append(('name', name))
    if problems:
        raise GitHubInputError(_some(problems), option=option)
    return parsed


class RepositoryResolver:
    """Resolve parsed references to {id, name, full_name} with as few requests as possible.

    Repositories already known (for example a secret's current selection) cost nothing.
    """

    def __init__(self, api, known=()):
        self.api = api
        self._by_id = {}
        self._by_name = {}
        self._listed = False
        self._single_lookups = 0
        self.remember(known)

    def remember(self, repositories):
        for repo in repositories:
            self._by_id[repo['id']] = repo
            self._by_name[repo['name'].lower()] = repo

    def _find(self, kind, value):
        return self._by_id.get(value) if kind == 'id' else self._by_name.get(value.lower())

    def resolve(self, parsed, option='repositories'):
        """Return the repositories, de-duplicated, in input order; unknown ones fail together."""
        missing = [(kind, value) for kind, value in parsed if self._find(kind, value) is None]
        if missing and not self._listed:
            names = [value for kind, value in missing if kind == 'name']
            if len(names) == len(missing) and self._single_lookups + len(names) <= MAX_SINGLE_LOOKUPS:
                self._single_lookups += len(names)
                for name in names:
                    repo = self.api.get_repository(name)
                    if repo is not None:
                        self.remember([repo])
                        self._by_name[name.lower()] = repo  # GitHub follows renames
            else:
                self.remember(self.api.list_org_repositories())
                self._listed = True
        result = []
        seen = set()
        unknown = []
        for kind, value in parsed:
            repo = self._find(kind, value)
            if repo is None:
                unknown.append(value)
            elif repo['id'] not in seen:
                seen.add(repo['id'])
                result.append(repo)
        if unknown:
            raise GitHubInputError(
                '%s: no repository %s in the organization %s (or the token cannot see it); '
                'check the names and ids' % (option, _some([shown(u) for u in unknown], ', '), self.api.org),
                option=option)
        return result
