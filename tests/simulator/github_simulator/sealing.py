"""What a client does before a PUT: seal a value for an org's public key (for tests and benchmarks)."""

import base64

from nacl.public import PublicKey, SealedBox


def seal(public_key, value):
    """libsodium sealed box of ``value`` (str or bytes) for the base64 ``public_key``; standard base64."""
    data = value if isinstance(value, bytes) else value.encode('utf-8')
    return base64.b64encode(SealedBox(PublicKey(base64.b64decode(public_key))).encrypt(data)).decode('ascii')
