# -*- coding: utf-8 -*-
# Copyright (c) 2026, secretops.github contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later


class ModuleDocFragment:
    # Attributes of the modules that change secrets; a module overrides details where it differs.
    DOCUMENTATION = r'''
options: {}
attributes:
  check_mode:
    description: Can run in check mode and return a prediction of C(changed) without modifying GitHub.
    support: full
    details:
      - Check mode sends no writing request (no PUT or DELETE); it reads what it needs to predict exactly.
  diff_mode:
    description: Returns details on what changed (or would change in check mode) when run with C(--diff).
    support: full
    details:
      - The diff holds the secret's state, visibility and selected repositories, never a value.
  idempotent:
    description:
      - When run twice in a row with the same arguments, the second run reports no change.
      - This assumes nobody changed the secret on GitHub in between.
    support: full
  action_group:
    description: Use C(group/secretops.github.github) in C(module_defaults) to set the connection options once.
    support: full
    membership:
      - secretops.github.github
'''

    # Modules that only read.
    INFO_MODULE = r'''
options: {}
attributes:
  check_mode:
    description: Can run in check mode and return the same data as without it.
    support: full
    details:
      - The module only reads.
  diff_mode:
    description: Would return a diff; there is nothing to diff.
    support: N/A
    details:
      - The module only reads.
  idempotent:
    description: Never changes anything, so every run is the same.
    support: full
  action_group:
    description: Use C(group/secretops.github.github) in C(module_defaults) to set the connection options once.
    support: full
    membership:
      - secretops.github.github
'''
