# -*- coding: utf-8 -*-
# Copyright (c) 2026, secretops.github contributors
# BSD 2-Clause License (see LICENSES/BSD-2-Clause.txt or https://opensource.org/licenses/BSD-2-Clause)
# SPDX-License-Identifier: BSD-2-Clause
#
# PRIVATE: an internal part of secretops.github, not an API for other collections or for playbooks.
# It may change or disappear in any release without notice.

"""The collection's version, sent in the User-Agent (a unit test keeps it equal to galaxy.yml)."""

COLLECTION_NAME = 'secretops.github'
COLLECTION_VERSION = '1.1.0'
