# -*- coding: utf-8 -*-
# Copyright (c) 2026, secretops.github contributors
# BSD 2-Clause License (see LICENSES/BSD-2-Clause.txt or https://opensource.org/licenses/BSD-2-Clause)
# SPDX-License-Identifier: BSD-2-Clause
#
# PRIVATE: an internal part of secretops.github, not an API for other collections or for playbooks.
# It may change or disappear in any release without notice.

"""Read secrets for the info module and the lookup, in one shape, with as few requests as possible."""

from ansible_collections.secretops.github.plugins.module_utils._secret_input import normalize_secret_name


def read_secrets(api, names=None, include_repositories=False, option='name'):
    """Return (secrets, missing).

    ``secrets`` are metadata dicts, in the order of ``names`` (or sorted by name for all),
    with ``selected_repositories`` for selected secrets when asked; ``missing`` lists
    the requested names that do not exist. One name costs one GET; several cost the
    paginated list (one request per 100 secrets), never a request per secret.
    """
    if names:
        wanted = []
        for name in names:
            normalized = normalize_secret_name(name, option)
            if normalized not in wanted:
                wanted.append(normalized)
        if len(wanted) == 1:
            found = [s for s in [api.get_secret(wanted[0])] if s is not None]
        else:
            by_name = dict((s['name'], s) for s in api.list_secrets())
            found = [by_name[n] for n in wanted if n in by_name]
        present = set(s['name'] for s in found)
        missing = [n for n in wanted if n not in present]
    else:
        found = sorted(api.list_secrets(), key=lambda s: s['name'])
        missing = []
    if include_repositories:
        for secret in found:
            if secret['visibility'] == 'selected':
                secret['selected_repositories'] = sorted(api.list_selected_repositories(secret['name']),
                                                         key=lambda r: r['full_name'].lower())
    return found, missing
