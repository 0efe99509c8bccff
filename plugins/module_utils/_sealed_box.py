# -*- coding: utf-8 -*-
# Copyright (c) 2026, secretops.github contributors
# BSD 2-Clause License (see LICENSES/BSD-2-Clause.txt or https://opensource.org/licenses/BSD-2-Clause)
# SPDX-License-Identifier: BSD-2-Clause
#
# PRIVATE: an internal part of secretops.github, not an API for other collections or for playbooks.
# It may change or disappear in any release without notice.

"""libsodium sealed boxes, the encryption GitHub requires for secret values."""

import base64
import binascii
import re
import traceback

from ansible_collections.secretops.github.plugins.module_utils._errors import GitHubDependencyError, GitHubInputError


# Standard, padded base64: what GitHub's API schema accepts for encrypted_value.
_BASE64 = re.compile(r'(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})')

# crypto_box_SEALBYTES: an ephemeral public key (32) and a MAC (16).
SEAL_OVERHEAD = 48


def require_nacl():
    """PyNaCl's sealed box, imported only when a value is encrypted (a task that writes none does not
    pay for it); a missing library is reported then."""
    try:
        from nacl.public import PublicKey, SealedBox
    except ImportError:
        raise GitHubDependencyError('PyNaCl', traceback.format_exc()) from None
    return PublicKey, SealedBox


def encrypt(public_key_b64, plaintext):
    """Seal ``plaintext`` (str) for the base64 public key; return base64 text."""
    public_key_class, sealed_box_class = require_nacl()
    try:
        key = public_key_class(base64.b64decode(public_key_b64))
    except (TypeError, ValueError, binascii.Error) as exc:
        # Only the public key is involved here, never the value.
        raise GitHubInputError('The organization public key returned by GitHub is not a valid libsodium key: %s' % exc)
    sealed = sealed_box_class(key).encrypt(plaintext.encode('utf-8'))
    return base64.b64encode(sealed).decode('ascii')


def is_sealed_box_base64(text):
    """True when ``text`` is padded base64 long enough to hold a sealed box."""
    if not isinstance(text, str) or not _BASE64.fullmatch(text):
        return False
    return len(base64.b64decode(text)) > SEAL_OVERHEAD
