# -*- coding: utf-8 -*-
# Copyright (c) 2026, secretops.github contributors
# BSD 2-Clause License (see LICENSES/BSD-2-Clause.txt or https://opensource.org/licenses/BSD-2-Clause)
# SPDX-License-Identifier: BSD-2-Clause

"""The collection's version, sent in the User-Agent (a unit test keeps it equal to galaxy.yml)."""

COLLECTION_NAME = 'secretops.github'
COLLECTION_VERSION = '1.1.0'
